using System.IO.Compression;
using RtDriver.Capture;
using Xunit;

namespace RtDriver.Tests.Capture;

/// <summary>
/// Capture I/O on streams: gzip captures read from pipes (no seeking), progress counted in source
/// bytes, damaged gzip reported as a malformed capture, and a writer whose output fails reports it
/// from Close but never throws from Dispose (the rtprobe SIGABRT of issue 11, item 3a).
/// </summary>
public class CaptureStreamTests
{
    private static byte[] Shared(string file) => File.ReadAllBytes(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", file));

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    /// <summary>A pipe: reads only, a few bytes at a time, cannot seek.</summary>
    private sealed class PipeStream(byte[] data) : Stream
    {
        private int _at;
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7), data.Length - _at);
            Array.Copy(data, _at, buffer, offset, n);
            _at += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An output that is full: accepts writes into its buffer, fails when flushed (like /dev/full).</summary>
    private sealed class FullStream : MemoryStream
    {
        public override void Flush() => throw new IOException("No space left on device");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APipeOfPlainOrGzipCaptureGivesEveryRecord(bool gzip)
    {
        var plain = Shared("wpa2-psk-linksys.cap");
        var bytes = gzip ? Gzip(plain) : plain;
        using var reader = CaptureReader.Open(new PipeStream(bytes), ownsStream: true);
        Assert.Equal(gzip, reader.Compressed);
        Assert.Equal(LinkType.Ieee80211, reader.LinkType);
        Assert.Equal(499, reader.ReadAll().Count());
        Assert.False(reader.Truncated);
        Assert.Equal(plain.Length, reader.BytesRead);
        Assert.Equal(bytes.Length, reader.SourceBytesRead); // progress runs against the compressed file
    }

    [Fact]
    public void DamagedGzipIsAMalformedCaptureNotACrash()
    {
        var gz = Gzip(Shared("wpa.cap"));
        gz[2] = 7; // compression method: only 8 (deflate) exists
        var e = Assert.Throws<RtException>(() =>
        {
            using var reader = CaptureReader.Open(new MemoryStream(gz), ownsStream: true);
            reader.ReadAll().ToList();
        });
        Assert.Equal(RtStatus.MalformedFrame, e.Status);
        Assert.Contains("gzip", e.Message);
    }

    [Fact]
    public void CloseReportsAFailedFlushAndDisposeNeverThrows()
    {
        var full = new FullStream();
        var w = new CaptureWriter(full, LinkType.Ieee80211);
        w.Write(0, new byte[40]);
        Assert.Throws<IOException>(w.Close);
        w.Dispose(); // after a failed Close: quiet

        var abandoned = new CaptureWriter(new FullStream(), LinkType.Ethernet, CaptureFormat.Pcapng);
        abandoned.Write(0, new byte[60]);
        abandoned.Dispose(); // never closed: best effort, no exception (the old Dispose threw here)
    }

    [Fact]
    public void CloseFlushesEveryRecord()
    {
        var ms = new MemoryStream();
        var w = new CaptureWriter(new BufferedStream(ms, 1 << 16), LinkType.Ieee80211);
        w.Write(1, new byte[30]);
        w.Close();
        Assert.Equal(24 + 16 + 30, ms.Length);
    }

    private static byte[] Frame(int type, int ds, string a1, string a2, string a3)
    {
        var f = new byte[24];
        f[0] = (byte)(type << 2);
        f[1] = (byte)ds;
        Convert.FromHexString(a1).CopyTo(f, 4);
        Convert.FromHexString(a2).CopyTo(f, 10);
        Convert.FromHexString(a3).CopyTo(f, 16);
        return f;
    }

    [Theory]
    [InlineData(0, 0, "ffffffffffff", "020000000001", "0a0000000001", true)]  // beacon: Address 3
    [InlineData(2, 1, "0a0000000001", "020000000002", "ffffffffffff", true)]  // ToDS: Address 1
    [InlineData(2, 2, "020000000002", "0a0000000001", "020000000003", true)]  // FromDS: Address 2
    [InlineData(2, 3, "0a0000000001", "0a0000000009", "ffffffffffff", true)]  // WDS, received by the AP
    [InlineData(2, 3, "0a0000000009", "0a0000000001", "ffffffffffff", true)]  // WDS, sent by the AP
    [InlineData(2, 1, "0a0000000009", "0a0000000001", "0a0000000001", false)] // ToDS to another AP
    [InlineData(2, 2, "0a0000000001", "0a0000000009", "0a0000000001", false)] // FromDS from another AP
    [InlineData(1, 0, "0a0000000001", "0a0000000001", "0a0000000001", false)] // control: no BSSID
    public void BssidFilterPicksTheBssIdFieldByTheDsBits(int type, int ds, string a1, string a2, string a3, bool matches)
    {
        var filter = new BssidFilter(Convert.FromHexString("0a0000000001"));
        Assert.Equal(matches, filter.Matches(Frame(type, ds, a1, a2, a3)));
    }
}
