using System.Text.Json;
using RtDriver.Capture;
using RtDriver.Crypto.Frames;
using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.ProbeCli;

[Collection("Console")]
public class ToolCommandTests
{
    private static string Firmware(string relative) => TestPaths.RequireShared("testdata", "firmware", relative);
    private static string Capture(string file) => TestPaths.RequireShared("testdata", "captures", "aircrack-ng", file);

    [Theory]
    [InlineData("linux-firmware-2019/rt2860.bin", "rt2860.bin", "0.40")]
    [InlineData("linux-firmware-2019/rt2870.bin", "rt2870.bin", "0.36")]
    [InlineData("linux-firmware-2019/rt3071.bin", "rt2870.bin", "0.36")]
    [InlineData("linux-firmware-2019/rt3290.bin", "rt3290.bin", "0.37")]
    [InlineData("linux-firmware-2011/rt2860.bin", "rt2860.bin", "0.34")]
    [InlineData("linux-firmware-2011/rt3070.bin", "rt2870.bin", "0.29")]
    public void FwInspectJsonNamesTheImageItsFamilyAndGoodCrcs(string relative, string family, string version)
    {
        var (exit, output, _) = ConsoleCapture.Run(() => CommandLine.Run(["fw", "inspect", Firmware(relative), "--json", "--disasm"]));
        Assert.Equal(ExitCode.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(version, root.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("known").ValueKind);
        var fits = root.GetProperty("families").EnumerateArray().Where(f => f.GetProperty("fits").GetBoolean()).ToList();
        var fit = Assert.Single(fits);
        Assert.Equal(family, fit.GetProperty("family").GetString());
        Assert.All(fit.GetProperty("chunks").EnumerateArray(), c => Assert.True(c.GetProperty("crc_ok").GetBoolean()));
        var programs = root.GetProperty("disassembly").EnumerateArray().ToList();
        Assert.Equal(family == "rt2870.bin" && root.GetProperty("size").GetInt32() == 8192 ? 2 : 1, programs.Count);
        var first = programs[0].GetProperty("instructions")[0];
        Assert.Equal("reset", first.GetProperty("label").GetString());
    }

    [Fact]
    public void FwInspectTextShowsTheChunkTableAndListing()
    {
        var (exit, output, _) = ConsoleCapture.Run(() => CommandLine.Run(["fw", "inspect", Firmware("linux-firmware-2019/rt2860.bin"), "--disasm"]));
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("67d5e8b32293cc2f31f67ebb112d4dabf1e23019a11c517036ba42cb48e4159c", output);
        Assert.Matches(@"PCI \(rt2860\.bin\)\s+0\s+0-8191\s+\w{4}\s+\w{4}\s+ok", output);
        Assert.Contains("reset:\n  0000  02 ", output);
        Assert.Contains("timer0_isr:", output);
    }

    [Fact]
    public void FwInspectOfAFileThatFitsNothingExitsOneAndSaysWhy()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[5000]);
            var (exit, output, _) = ConsoleCapture.Run(() => CommandLine.Run(["fw", "inspect", path]));
            Assert.Equal(ExitCode.Failure, exit);
            Assert.Contains("fits         nothing", output);
            Assert.Contains("not a non-zero multiple of 8192", output);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingFilesAndBadArgumentsAreOneLineUsageErrors()
    {
        var (exit, _, err) = ConsoleCapture.Run(() => CommandLine.Run(["fw", "inspect", "/nonexistent/rt2860.bin"]));
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("does not exist", err);
        (exit, _, err) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke([Capture("zn2i.pcap"), "/tmp/x.pcap", "--psk", "12345678"]));
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Contains("--psk needs --ssid", err);
        (exit, _, err) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke([Capture("zn2i.pcap"), "/tmp/x.pcap", "--frobnicate"]));
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("'--frobnicate'", err);
        (exit, _, err) = ConsoleCapture.Run(() => CommandLine.Run(["fw"]));
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Contains("fw inspect", err);
    }

    [Fact]
    public void PcapDecryptWritesTheThirtyLinksysFramesIn80211AndEthernetForm()
    {
        var dir = Directory.CreateTempSubdirectory("rtprobe-pcap-");
        try
        {
            string out80211 = Path.Combine(dir.FullName, "dec.pcapng"), outEth = Path.Combine(dir.FullName, "eth.pcap");
            var (exit, output, err) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke(
                [Capture("wpa2-psk-linksys.cap"), out80211, "--psk", "dictionary", "--ssid", "linksys", "--ethernet", outEth, "--pcapng", "--json"]));
            Assert.True(exit == ExitCode.Ok, err);
            using var doc = JsonDocument.Parse(output);
            Assert.Equal(30, doc.RootElement.GetProperty("decrypted").GetInt32());
            Assert.Equal(4, doc.RootElement.GetProperty("keys").GetArrayLength()); // 3 PTKs + 1 GTK

            using (var r = CaptureReader.Open(out80211))
            {
                Assert.Equal(CaptureFormat.Pcapng, r.Format);
                var recs = r.ReadAll().ToList();
                Assert.Equal(30, recs.Count);
                Assert.All(recs, x =>
                {
                    Assert.True(FrameHeader.TryParse(x.Data.Span, out var h));
                    Assert.False(h.Protected);
                });
            }
            using (var r = CaptureReader.Open(outEth))
            {
                Assert.Equal(LinkType.Ethernet, r.LinkType);
                Assert.Equal(30, r.ReadAll().Count());
            }
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void PcapDecryptWithAWrongPassphraseExitsOne()
    {
        var path = Path.GetTempFileName();
        try
        {
            var (exit, output, _) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke([Capture("zn2i.pcap"), path, "--psk", "wrongpass", "--ssid", "dlink"]));
            Assert.Equal(ExitCode.Failure, exit);
            Assert.Contains("no complete handshake verified", output);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(RtCipher.Wep40)]
    [InlineData(RtCipher.Wep104)]
    [InlineData(RtCipher.Tkip)]
    [InlineData(RtCipher.Ccmp)]
    [InlineData(RtCipher.Ccmp256)]
    [InlineData(RtCipher.Gcmp)]
    [InlineData(RtCipher.Gcmp256)]
    [InlineData(RtCipher.BipCmac128)]
    [InlineData(RtCipher.BipCmac256)]
    [InlineData(RtCipher.BipGmac128)]
    [InlineData(RtCipher.BipGmac256)]
    public void BenchMeasuresEveryCipherBothWays(RtCipher cipher)
    {
        var (enc, dec) = BenchCommand.Measure(cipher, 256, 0.01);
        Assert.True(enc > 0 && dec > 0, $"{cipher}: {enc} / {dec} MB/s");
    }

    [Fact]
    public void BenchJsonListsEachCipherAndSize()
    {
        var (exit, output, _) = ConsoleCapture.Run(() => CommandLine.Run(["bench", "--cipher", "ccmp,tkip", "--sizes", "64,1500", "--seconds", "0.01", "--json"]));
        Assert.Equal(ExitCode.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(4, doc.RootElement.GetProperty("results").GetArrayLength());
    }
}
