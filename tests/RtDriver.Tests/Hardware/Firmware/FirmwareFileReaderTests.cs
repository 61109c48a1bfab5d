using System.Diagnostics;
using RtDriver.Hardware.Firmware;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware;

/// <summary>
/// The bounded firmware reader (issue 11, 3b): nothing larger than the largest image is read whole,
/// nothing hangs. Time limits are generous (10 s) on purpose: the unbounded reader took ~10 s and
/// gigabytes for /dev/zero; the bounded one reads 8193 bytes, so even a loaded machine is far below.
/// </summary>
public class FirmwareFileReaderTests
{
    private const int Bound = FirmwareFamilies.LargestImageSize;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Fact]
    public void TheBoundIsTheLargestImageAnyFamilyAccepts()
    {
        Assert.Equal(8192, Bound);
        foreach (var f in Enum.GetValues<FirmwareFamily>())
        {
            Assert.True(f.MaxSize() <= Bound);
            // An image one unit past the bound is refused by the validator too: the reader's bound hides nothing it would take.
            var e = Assert.Throws<RtException>(() => FirmwareImage.Validate(new byte[Bound + f.SizeUnit()], f, "big"));
            Assert.Contains($"larger than the {f.MaxSize()} bytes", e.Message);
        }
    }

    [Fact]
    public void SmallRegularFileIsReadExactly()
    {
        string path = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, Bound).Select(i => (byte)i).ToArray();
            File.WriteAllBytes(path, bytes);
            Assert.Equal(bytes, FirmwareFileReader.Read(path));
            File.WriteAllBytes(path, []);
            Assert.Empty(FirmwareFileReader.Read(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void HugeSparseFileIsRefusedFromItsSizeWithoutReading()
    {
        string path = Path.GetTempFileName();
        try
        {
            const long huge = 64L << 30; // 64 GiB, sparse: costs no disk, would cost 64 GiB of RAM if read
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write)) fs.SetLength(huge);
            var sw = Stopwatch.StartNew();
            var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read(path));
            Assert.True(sw.Elapsed < Generous, $"took {sw.Elapsed}");
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains(path, e.Message);
            Assert.Contains($"{huge} bytes", e.Message);
            Assert.Contains("not read", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void OneByteOverTheBoundIsRefused()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[Bound + 1]);
            var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read(path));
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains($"{Bound + 1} bytes", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void RegularFileWithMoreContentThanItsSizeSaysIsStillBounded()
    {
        // A /proc file is a regular file whose size reads 0, like a file that grows after fstat:
        // the reader must not trust the size and stops one byte past the bound (64 here).
        Assert.True(File.ReadAllText("/proc/self/status").Length > 64);
        var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read("/proc/self/status", 64, TimeSpan.FromSeconds(5)));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains("/proc/self/status holds more than 64 bytes although its size read 0", e.Message);
    }

    [Fact]
    public void DevZeroIsRefusedQuicklyNamingTheBound()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read("/dev/zero"));
        Assert.True(sw.Elapsed < Generous, $"took {sw.Elapsed}");
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains("/dev/zero", e.Message);
        Assert.Contains($"more than {Bound} bytes", e.Message);
        // One bound-sized buffer plus the message, not the gigabytes of the unbounded read.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated more than 1 MiB");
    }

    [Fact]
    public void DirectoryIsNamedAsOne()
    {
        string dir = Directory.CreateTempSubdirectory("fwreader").FullName;
        try
        {
            var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read(dir));
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains($"{dir} is a directory", e.Message);
        }
        finally { Directory.Delete(dir); }
    }

    [Fact]
    public void MissingFileIsBadFirmwareNamingThePath()
    {
        var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read("/nonexistent/fwreader/rt2860.bin"));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains("/nonexistent/fwreader/rt2860.bin", e.Message);
        Assert.Contains("ENOENT", e.Message);
    }

    [Fact]
    public async Task FifoWithoutWriterReadsAsEmptyInsteadOfHanging()
    {
        string fifo = MakeFifo();
        try
        {
            var sw = Stopwatch.StartNew();
            var task = Task.Run(() => FirmwareFileReader.Read(fifo));
            Assert.Same(task, await Task.WhenAny(task, Task.Delay(Generous)));
            Assert.Empty(await task);
            Assert.True(sw.Elapsed < Generous);
        }
        finally { File.Delete(fifo); }
    }

    [Fact]
    public async Task FifoWithAWriterThatNeverStopsIsRefusedAfterTheBound()
    {
        string fifo = MakeFifo();
        using var stop = new CancellationTokenSource();
        var ready = new ManualResetEventSlim();
        // O_RDWR never blocks on a FIFO and counts as a writer, so the reader's open sees one at once.
        var writer = new Thread(() =>
        {
            using var w = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            ready.Set();
            var chunk = new byte[4096];
            try { while (!stop.IsCancellationRequested) w.Write(chunk); }
            catch (IOException) { }
        }) { IsBackground = true };
        writer.Start();
        try
        {
            Assert.True(ready.Wait(Generous));
            var task = Task.Run(() => FirmwareFileReader.Read(fifo));
            Assert.Same(task, await Task.WhenAny(task, Task.Delay(Generous))); // stopped at the bound, did not read forever
            var e = await Assert.ThrowsAsync<RtException>(() => task);
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains(fifo, e.Message);
            Assert.Contains($"more than {Bound} bytes", e.Message);
        }
        finally
        {
            stop.Cancel();
            // The writer may be blocked on a full pipe: drain it until the writer sees the stop.
            using (var drain = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None))
            {
                var sink = new byte[65536];
                var until = Stopwatch.StartNew();
                while (writer.IsAlive && until.Elapsed < Generous) drain.ReadAtLeast(sink, 1, throwOnEndOfStream: false);
            }
            Assert.True(writer.Join(Generous), "the test's FIFO writer did not stop");
            File.Delete(fifo);
        }
    }

    [Fact]
    public async Task StreamThatGoesSilentIsGivenUpAfterTheTimeout()
    {
        string fifo = MakeFifo();
        // A writer that is connected but never writes: the reader must stop waiting after its timeout.
        using var w = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        try
        {
            w.Write(new byte[100]);
            w.Flush();
            var sw = Stopwatch.StartNew();
            var task = Task.Run(() => FirmwareFileReader.Read(fifo, Bound, TimeSpan.FromMilliseconds(300)));
            Assert.Same(task, await Task.WhenAny(task, Task.Delay(Generous)));
            var e = await Assert.ThrowsAsync<RtException>(() => task);
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains("delivered 100 bytes and did not end within 0.3 s", e.Message);
            Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(250), $"gave up after {sw.Elapsed}, before its timeout");
        }
        finally { File.Delete(fifo); }
    }

    [Fact]
    public void UnixSocketIsNamedAsOne()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fwreader-{Guid.NewGuid():N}.sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        try
        {
            var e = Assert.Throws<RtException>(() => FirmwareFileReader.Read(path));
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains($"{path} is a socket", e.Message);
        }
        finally { File.Delete(path); }
    }

    private static string MakeFifo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fwreader-{Guid.NewGuid():N}.fifo");
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        Assert.True(p.WaitForExit(10_000) && p.ExitCode == 0, "mkfifo failed");
        return path;
    }
}
