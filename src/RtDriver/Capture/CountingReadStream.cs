namespace RtDriver.Capture;

/// <summary>
/// A read-only view of a capture's source (a file, stdin, a pipe) that counts the bytes taken from it
/// and lets the first bytes be looked at before anyone reads them. The count is what progress is
/// measured against: for a gzip capture the decompressed offset says nothing about how much of the
/// file is done. Peeking works on pipes too, which cannot seek back.
/// </summary>
internal sealed class CountingReadStream(Stream source, bool ownsSource) : Stream
{
    private byte[] _peeked = [];
    private int _peekedAt;

    /// <summary>Bytes taken from the source so far (peeked bytes included).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Fills <paramref name="buffer"/> with the next bytes without consuming them (fewer at end of input).</summary>
    public int Peek(Span<byte> buffer)
    {
        if (_peekedAt < _peeked.Length) throw new InvalidOperationException("Peek is only for the start of the stream");
        var got = new byte[buffer.Length];
        int total = 0;
        while (total < got.Length)
        {
            int n = source.Read(got, total, got.Length - total);
            if (n == 0) break;
            total += n;
        }
        BytesRead += total;
        _peeked = got[..total];
        _peekedAt = 0;
        _peeked.CopyTo(buffer);
        return total;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_peekedAt < _peeked.Length)
        {
            int n = Math.Min(buffer.Length, _peeked.Length - _peekedAt);
            _peeked.AsSpan(_peekedAt, n).CopyTo(buffer);
            _peekedAt += n;
            return n;
        }
        int got = source.Read(buffer);
        BytesRead += got;
        return got;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsSource) source.Dispose();
        base.Dispose(disposing);
    }
}
