using System.Diagnostics;
using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.ProbeCli;

/// <summary>
/// `rtprobe pcap decrypt` as a real NativeAOT process: a failed write must end in one line and exit 1
/// (it used to abort with SIGABRT, exit 134 and a stack trace), and a signal must remove the
/// temporary output so no half-written file is left.
/// </summary>
public sealed class PublishedPcapDecryptTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rtprobe-published-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Capture(string file) => TestPaths.RequireShared("testdata", "captures", "aircrack-ng", file);

    private static Process Start(bool redirectInput, params string[] args)
    {
        var psi = new ProcessStartInfo(TestPaths.RequirePublished("bin", "rtprobe"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [Fact]
    public async Task AFullDiskEndsInOneLineAndExitOneNotAnAbort()
    {
        Assert.True(File.Exists("/dev/full"), "/dev/full is missing: this test needs Linux's always-full device");
        foreach (var args in new[]
        {
            new[] { Capture("wpa.cap"), "/dev/full", "-p", "biscotte", "-e", "test" },
            new[] { Capture("wpa.cap"), Path.Combine(_dir.FullName, "out.cap"), "-p", "biscotte", "-e", "test", "--ethernet", "/dev/full" },
        })
        {
            using var p = Start(false, ["pcap", "decrypt", .. args]);
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "rtprobe did not finish within 60 s");
            string err = await stderr;
            Assert.True(p.ExitCode == ExitCode.Failure, $"exit {p.ExitCode}, stderr: {err}");
            Assert.DoesNotContain("Unhandled exception", err + stdout);
            Assert.Equal(["rtprobe pcap decrypt: writing '/dev/full' failed: No space left on device"], err.TrimEnd().Split('\n'));
            Assert.Empty(_dir.GetFileSystemInfos());
        }
    }

    [Fact]
    public void AReaderThatClosesThePipeIsReportedNotIgnored()
    {
        using var p = Start(false, "pcap", "decrypt", Capture("wep_64_ptw_01.cap"), "-", "-k", "wep:1f1f1f1f1f");
        p.StandardOutput.Close(); // like `| head -c 100`: the reader is gone
        var err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "rtprobe did not finish within 60 s");
        Assert.True(p.ExitCode == ExitCode.Failure, $"exit {p.ExitCode}, stderr: {err}");
        Assert.Equal(["rtprobe pcap decrypt: writing standard output failed: Broken pipe"], err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void SigtermRemovesTheTemporaryOutputAndKeepsTheOldFile()
    {
        var output = Path.Combine(_dir.FullName, "out.cap");
        byte[] old = "an earlier result"u8.ToArray();
        File.WriteAllBytes(output, old);
        using var p = Start(true, "pcap", "decrypt", "-", output, "-p", "dictionary", "-e", "linksys");
        // The whole capture, but stdin stays open: rtprobe waits for more, with its temporary file open.
        p.StandardInput.BaseStream.Write(File.ReadAllBytes(Capture("wpa2-psk-linksys.cap")));
        p.StandardInput.BaseStream.Flush();
        var deadline = Stopwatch.StartNew();
        while (!_dir.GetFiles(".out.cap.rtprobe-*.tmp").Any())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "rtprobe never created its temporary output");
            if (p.HasExited) Assert.Fail($"rtprobe exited early ({p.ExitCode}): {p.StandardError.ReadToEnd()}");
            Thread.Sleep(20);
        }
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString()])) kill.WaitForExit();
        Assert.True(p.WaitForExit(30_000), "rtprobe did not stop on SIGTERM");
        string err = p.StandardError.ReadToEnd();
        Assert.DoesNotContain("Unhandled exception", err);
        Assert.NotEqual(ExitCode.Ok, p.ExitCode);
        Assert.Equal(["out.cap"], _dir.GetFileSystemInfos().Select(f => f.Name));
        Assert.Equal(old, File.ReadAllBytes(output));
    }
}
