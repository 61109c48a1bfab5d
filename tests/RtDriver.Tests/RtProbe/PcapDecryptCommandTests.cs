using System.IO.Compression;
using System.Text.Json;
using RtDriver.Capture;
using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.ProbeCli;

/// <summary>
/// `rtprobe pcap decrypt` run in-process (issue 11, items 1, 3a, 3c, 3d, 5): outputs never destroy the
/// input or leave half-written files, write failures and bad paths are one line with the right exit
/// code, gzip and stdin/stdout work, --bssid filters, .pcapng names write pcapng, and the summary names
/// every file written. Captures come from ../shared/testdata (a missing folder fails the test).
/// </summary>
[Collection("Console")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // file modes and symlinks: the tool runs on Linux
public sealed class PcapDecryptCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rtprobe-pcap-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Capture(string file) => TestPaths.RequireShared("testdata", "captures", "aircrack-ng", file);

    private string InDir(string name) => Path.Combine(_dir.FullName, name);

    /// <summary>A writable copy of a shared capture in the test's folder (the shared files are read-only).</summary>
    private string CopyOf(string file, string? name = null)
    {
        var path = InDir(name ?? file);
        File.Copy(Capture(file), path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => ConsoleCapture.Run(() => PcapDecryptCommand.Invoke(args));

    private static void AssertOneLine(string err)
    {
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("rtprobe pcap decrypt: ", err);
        Assert.DoesNotContain("Exception", err);
        Assert.DoesNotContain("   at ", err);
    }

    private string[] FilesLeft() => _dir.GetFileSystemInfos().Select(f => f.Name).Order().ToArray();

    private static JsonElement Json(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("same path", false)]
    [InlineData("symlink", false)]
    [InlineData("hard link", false)]
    [InlineData("same path", true)]
    [InlineData("symlink", true)]
    public void AnOutputThatIsTheInputIsRefusedAndTheInputStaysByteForByte(string how, bool asEthernet)
    {
        var input = CopyOf("wpa.cap");
        var before = File.ReadAllBytes(input);
        string output = input;
        if (how == "symlink")
        {
            output = InDir("link.cap");
            File.CreateSymbolicLink(output, input);
        }
        else if (how == "hard link")
        {
            output = InDir("hard.cap");
            using var ln = System.Diagnostics.Process.Start("ln", [input, output]);
            ln.WaitForExit();
            Assert.True(ln.ExitCode == 0, "ln could not make the hard link");
        }
        string[] args = asEthernet
            ? [input, InDir("out.cap"), "-p", "biscotte", "-e", "test", "--ethernet", output]
            : [input, output, "-p", "biscotte", "-e", "test"];
        var (exit, _, err) = Run(args);
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains($"'{output}' is the input '{input}'", err);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.DoesNotContain("out.cap", FilesLeft()); // refused before anything was created
    }

    [Fact]
    public void OutputAndEthernetOutputThatAreOneFileAreRefused()
    {
        var out1 = InDir("o.cap");
        var (exit, _, err) = Run(Capture("wpa.cap"), out1, "-p", "biscotte", "-e", "test", "--ethernet", out1);
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains("are the same file", err);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public void AWrongPassphraseCreatesNoOutputAndLeavesNoTemporaryFile()
    {
        var output = InDir("out.cap");
        var (exit, text, err) = Run(Capture("zn2i.pcap"), output, "-p", "wrongpass", "-e", "dlink");
        Assert.Equal(ExitCode.Failure, exit);
        AssertOneLine(err);
        Assert.Contains("none decrypted", err);
        Assert.Contains("not written", text);
        Assert.Contains("(wall time: read and decrypt, nothing written)", text);
        Assert.Empty(FilesLeft()); // the old code left an empty 0-frame capture
    }

    [Fact]
    public void AWrongPassphraseLeavesAnExistingOutputUntouched()
    {
        var output = InDir("out.cap");
        var eth = InDir("eth.cap");
        byte[] old = "an earlier result"u8.ToArray();
        File.WriteAllBytes(output, old);
        File.WriteAllBytes(eth, old);
        var (exit, _, err) = Run(Capture("zn2i.pcap"), "-w", output, "-p", "wrongpass", "-e", "dlink", "--ethernet", eth);
        Assert.Equal(ExitCode.Failure, exit);
        Assert.Contains("left as it was", err);
        Assert.Equal(old, File.ReadAllBytes(output));
        Assert.Equal(old, File.ReadAllBytes(eth));
        Assert.Equal(["eth.cap", "out.cap"], FilesLeft());
    }

    [Fact]
    public void ReplacingAnExistingOutputKeepsItsPermissions()
    {
        var output = InDir("out.cap");
        File.WriteAllBytes(output, [1, 2, 3]);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(output, mode);
        var (exit, _, err) = Run(Capture("wpa.cap"), output, "-p", "biscotte", "-e", "test");
        Assert.True(exit == ExitCode.Ok, err);
        Assert.Equal(mode, File.GetUnixFileMode(output));
        using var r = CaptureReader.Open(output);
        Assert.Equal(2, r.ReadAll().Count());
        Assert.Equal(["out.cap"], FilesLeft());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFullDiskIsOneLineAndExitOne(bool asEthernet)
    {
        Assert.True(File.Exists("/dev/full"), "/dev/full is missing: this test needs Linux's always-full device");
        var output = InDir("out.cap");
        string[] args = asEthernet
            ? [Capture("wpa.cap"), output, "-p", "biscotte", "-e", "test", "--ethernet", "/dev/full"]
            : [Capture("wpa.cap"), "/dev/full", "-p", "biscotte", "-e", "test"];
        var (exit, _, err) = Run(args);
        Assert.Equal(ExitCode.Failure, exit);
        AssertOneLine(err);
        Assert.Contains("writing '/dev/full' failed", err);
        Assert.Contains("No space left on device", err);
        Assert.Empty(FilesLeft()); // with --ethernet /dev/full, OUT is not renamed into place either
    }

    [Fact]
    public void AnEthernetOutputThatIsADirectoryIsNamedAndNothingIsCreated()
    {
        var ethDir = Directory.CreateDirectory(InDir("adir")).FullName;
        var output = InDir("outX.cap");
        var (exit, _, err) = Run(Capture("wpa.cap"), output, "-p", "biscotte", "-e", "test", "--ethernet", ethDir);
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains($"'{ethDir}' is a directory", err);
        Assert.DoesNotContain("outX", err);
        Assert.Equal(["adir"], FilesLeft()); // no 24-byte OUT left behind
    }

    [Fact]
    public void AnOutputThatIsADirectoryIsAUsageError()
    {
        var dir = Directory.CreateDirectory(InDir("adir")).FullName;
        var (exit, _, err) = Run(Capture("wpa.cap"), dir, "-p", "biscotte", "-e", "test");
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains($"'{dir}' is a directory", err);
    }

    [Fact]
    public void ADirectoryAsInputIsAUsageErrorNotPermissionDenied()
    {
        var dir = Directory.CreateDirectory(InDir("adir")).FullName;
        var (exit, _, err) = Run(dir, InDir("out.cap"), "-p", "biscotte", "-e", "test");
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains($"'{dir}' is a directory", err);
        Assert.DoesNotContain("permission", err);
        Assert.Equal(["adir"], FilesLeft());
    }

    [Fact]
    public void AMissingInputIsAUsageError()
    {
        var (exit, _, err) = Run(InDir("nothere.cap"), InDir("out.cap"), "-p", "biscotte", "-e", "test");
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains("does not exist", err);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public void AGzipCaptureDecryptsExactlyLikeThePlainOne()
    {
        // Named .bin on purpose: gzip is recognised by its magic bytes, not by the name.
        var gz = InDir("linksys.bin");
        using (var source = File.OpenRead(Capture("wpa2-psk-linksys.cap")))
        using (var target = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
            source.CopyTo(target);
        var (exit, plainJson, err) = Run(Capture("wpa2-psk-linksys.cap"), InDir("plain.cap"), "-p", "dictionary", "-e", "linksys", "--json");
        Assert.True(exit == ExitCode.Ok, err);
        (exit, var gzJson, err) = Run(gz, InDir("fromgz.cap"), "-p", "dictionary", "-e", "linksys", "--json");
        Assert.True(exit == ExitCode.Ok, err);
        var plain = Json(plainJson);
        var zipped = Json(gzJson);
        Assert.False(plain.GetProperty("input_gzip").GetBoolean());
        Assert.True(zipped.GetProperty("input_gzip").GetBoolean());
        Assert.Equal(499, zipped.GetProperty("frames").GetInt32());
        Assert.Equal(30, zipped.GetProperty("decrypted").GetInt32());
        Assert.Equal(plain.GetProperty("decrypted").GetInt32(), zipped.GetProperty("decrypted").GetInt32());
        Assert.Equal(File.ReadAllBytes(InDir("plain.cap")), File.ReadAllBytes(InDir("fromgz.cap")));
    }

    [Fact]
    public void BssidFilterOnTheWdsCaptureGivesAirdecapsFortySixFrames()
    {
        // MANIFEST: airdecap-ng 1.7 -e test1 -p 12345678 -b 00:11:22:00:00:00 decrypts 46 WPA packets.
        var (exit, output, err) = Run(Capture("capture_wds-01.cap"), InDir("wds.cap"), "-p", "12345678", "-e", "test1", "-b", "00:11:22:00:00:00", "--json");
        Assert.True(exit == ExitCode.Ok, err);
        var j = Json(output);
        Assert.Equal("00:11:22:00:00:00", j.GetProperty("bssid").GetString());
        Assert.Equal(46, j.GetProperty("decrypted").GetInt32());
        using var r = CaptureReader.Open(InDir("wds.cap"));
        Assert.Equal(46, r.ReadAll().Count());
    }

    [Fact]
    public void BssidFilterKeepsOnlyThatBss()
    {
        var args = new[] { Capture("wpa2-psk-linksys.cap"), InDir("out.cap"), "-p", "dictionary", "-e", "linksys", "--json" };
        var all = Json(Run(args).Out);
        var right = Json(Run([.. args, "--bssid", "00:0B:86:C2:A4:85"]).Out);
        var (exit, otherOut, _) = Run([.. args, "-b", "00:0b:86:c2:a4:86"]);
        var other = Json(otherOut);
        Assert.Equal(30, all.GetProperty("decrypted").GetInt32());
        Assert.Equal(30, right.GetProperty("decrypted").GetInt32());
        Assert.True(right.GetProperty("skipped_other_bss").GetInt32() > 0); // control frames carry no BSSID
        Assert.Equal(ExitCode.Ok, exit); // nothing protected in that (absent) BSS: not a failure
        Assert.Equal(0, other.GetProperty("decrypted").GetInt32());
        Assert.Equal(0, other.GetProperty("protected").GetInt32());
        Assert.Equal(499, other.GetProperty("skipped_other_bss").GetInt32());
    }

    [Theory]
    [InlineData("out.pcapng", "eth.pcap", false, CaptureFormat.Pcapng, CaptureFormat.Pcap)]
    [InlineData("out.pcap", "eth.PCAPNG", false, CaptureFormat.Pcap, CaptureFormat.Pcapng)]
    [InlineData("out.cap", "eth.cap", true, CaptureFormat.Pcapng, CaptureFormat.Pcapng)]
    public void APcapngNameWritesPcapng(string name, string ethName, bool force, CaptureFormat expected, CaptureFormat expectedEth)
    {
        string[] args = [Capture("wpa.cap"), InDir(name), "-p", "biscotte", "-e", "test", "--ethernet", InDir(ethName)];
        var (exit, output, err) = Run(force ? [.. args, "--pcapng"] : args);
        Assert.True(exit == ExitCode.Ok, err);
        byte[] PcapngMagic = [0x0A, 0x0D, 0x0D, 0x0A], PcapMagic = [0xD4, 0xC3, 0xB2, 0xA1];
        Assert.Equal(expected == CaptureFormat.Pcapng ? PcapngMagic : PcapMagic, File.ReadAllBytes(InDir(name))[..4]);
        Assert.Equal(expectedEth == CaptureFormat.Pcapng ? PcapngMagic : PcapMagic, File.ReadAllBytes(InDir(ethName))[..4]);
        Assert.Contains($"wrote {InDir(name)}: {(expected == CaptureFormat.Pcapng ? "pcapng" : "pcap")},", output);
    }

    [Fact]
    public void StandardInputToStandardOutputRoundTrips()
    {
        var input = new MemoryStream(File.ReadAllBytes(Capture("wpa2-psk-linksys.cap")));
        var stdout = new MemoryStream();
        var streams = new StandardStreams(() => input, () => stdout, () => false, () => null);
        var (exit, text, err) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke(["-", "-w", "-", "-p", "dictionary", "-e", "linksys"], streams));
        Assert.True(exit == ExitCode.Ok, err);
        Assert.Equal("", text); // the report goes to stderr when the capture goes to stdout
        Assert.Contains("wrote standard output: pcap, IEEE 802.11, 30 frame(s)", err);
        using var r = new CaptureReader(new MemoryStream(stdout.ToArray()));
        Assert.Equal(LinkType.Ieee80211, r.LinkType);
        Assert.Equal(30, r.ReadAll().Count());
        Assert.Empty(FilesLeft());
    }

    /// <summary>Standard output whose reader went away (EPIPE).</summary>
    private sealed class ClosedPipe : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");
    }

    [Fact]
    public void AClosedStandardOutputIsOneLineAndExitOne()
    {
        string capture = Capture("wpa.cap");
        var streams = new StandardStreams(() => File.OpenRead(capture), () => new ClosedPipe(), () => false, () => null);
        var (exit, _, err) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke(["-", "-", "-p", "biscotte", "-e", "test"], streams));
        Assert.Equal(ExitCode.Failure, exit);
        AssertOneLine(err);
        Assert.Contains("writing standard output failed: Broken pipe", err);
    }

    [Fact]
    public void StandardInputThatIsATerminalIsAUsageError()
    {
        var streams = new StandardStreams(() => throw new InvalidOperationException("must not read a terminal"), () => new MemoryStream(), () => true, () => null);
        var (exit, _, err) = ConsoleCapture.Run(() => PcapDecryptCommand.Invoke(["-", InDir("o.cap"), "-p", "dictionary", "-e", "linksys"], streams));
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains("standard input is a terminal", err);
    }

    [Fact]
    public void TheSummaryNamesEveryFileWrittenAndWhatItsTimeMeasures()
    {
        string out1 = InDir("dec.cap"), eth = InDir("eth.pcapng");
        var (exit, text, err) = Run(Capture("wpa2-psk-linksys.cap"), out1, "-p", "dictionary", "-e", "linksys", "--ethernet", eth);
        Assert.True(exit == ExitCode.Ok, err);
        Assert.Contains($"wrote {out1}: pcap, IEEE 802.11, 30 frame(s)", text);
        Assert.Contains($"wrote {eth}: pcapng, Ethernet, 30 frame(s)", text);
        Assert.Matches(@"decrypted 30 of 32 protected data frames in \d+\.\d{3} s \(wall time: read, decrypt, write and sync\)", text);

        (exit, var json, err) = Run(Capture("wpa2-psk-linksys.cap"), out1, "-p", "dictionary", "-e", "linksys", "--ethernet", eth, "--json");
        Assert.True(exit == ExitCode.Ok, err);
        var j = Json(json);
        Assert.True(j.GetProperty("written").GetBoolean());
        Assert.True(j.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.Equal("read, decrypt, write and sync", j.GetProperty("wall_time_measures").GetString());
        var outputs = j.GetProperty("outputs").EnumerateArray().Select(o =>
            (o.GetProperty("path").GetString(), o.GetProperty("format").GetString(), o.GetProperty("link_type").GetString(), o.GetProperty("frames").GetInt32())).ToList();
        Assert.Equal([(out1, "pcap", "ieee802_11", 30), (eth, "pcapng", "ethernet", 30)], outputs);
    }

    [Theory]
    [InlineData("the output is given twice", "IN", "OUT", "-w", "OTHER", "-p", "biscotte", "-e", "test")]
    [InlineData("no output", "IN", "-p", "biscotte", "-e", "test")]
    [InlineData("no input", "-p", "biscotte", "-e", "test")]
    [InlineData("give either --psk or --pmk", "IN", "OUT", "-p", "biscotte", "-e", "test", "--pmk", "00")]
    [InlineData("-k wep:1f1f1f1f1f", "IN", "-w", "1f1f1f1f1f")]
    [InlineData("not a MAC address", "IN", "OUT", "-p", "biscotte", "-e", "test", "-b", "00:11:22")]
    [InlineData("only one output can be standard output", "IN", "-", "-p", "biscotte", "-e", "test", "--ethernet", "-")]
    [InlineData("'--frobnicate'", "IN", "OUT", "-p", "biscotte", "-e", "test", "--frobnicate")]
    public void UsageErrorsAreOneLineAndExitTwoBeforeAnyFileIsTouched(string expected, params string[] args)
    {
        var input = CopyOf("wpa.cap", "in.cap");
        var (exit, _, err) = Run(args.Select(a => a switch { "IN" => input, "OUT" => InDir("out.cap"), "OTHER" => InDir("other.cap"), _ => a }).ToArray());
        Assert.Equal(ExitCode.Usage, exit);
        AssertOneLine(err);
        Assert.Contains(expected, err);
        Assert.Equal(["in.cap"], FilesLeft());
    }

    [Fact]
    public void ShortAndLongOptionsMeanTheSame()
    {
        var (exit, shortOut, err) = Run(Capture("wpa2-psk-linksys.cap"), "-w", InDir("a.cap"), "-p", "dictionary", "-e", "linksys", "-b", "00:0b:86:c2:a4:85", "--json");
        Assert.True(exit == ExitCode.Ok, err);
        (exit, var longOut, err) = Run(Capture("wpa2-psk-linksys.cap"), "--write", InDir("b.cap"), "--psk", "dictionary", "--ssid", "linksys", "--bssid", "00:0b:86:c2:a4:85", "--json");
        Assert.True(exit == ExitCode.Ok, err);
        Assert.Equal(Json(shortOut).GetProperty("decrypted").GetInt32(), Json(longOut).GetProperty("decrypted").GetInt32());
        Assert.Equal(File.ReadAllBytes(InDir("a.cap")), File.ReadAllBytes(InDir("b.cap")));
    }

    [Fact]
    public void AnArgumentStartingWithAtIsAValueNotAResponseFile()
    {
        // "@biscotte" would be read as a response file named "biscotte" by System.CommandLine's default.
        var (exit, output, err) = Run(Capture("wpa.cap"), InDir("out.cap"), "-p", "@biscotte", "-e", "test", "--json");
        Assert.Equal(ExitCode.Failure, exit); // a wrong (but accepted) passphrase: no handshake verifies
        Assert.Contains("none decrypted", err);
        Assert.Equal(0, Json(output).GetProperty("decrypted").GetInt32());
    }

    [Fact]
    public void HelpDescribesTheCommandAndExitsZero()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("pcap decrypt <IN> [<OUT>]", output); // the root is named after the process: rtprobe when published
        Assert.Contains("-w, --write", output);
        Assert.Contains("cannot be rolled back", output);
    }
}
