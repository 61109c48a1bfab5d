using System.Buffers.Binary;

namespace RtDriver.Capture;

/// <summary>
/// Writes a capture with one link type: classic pcap (microseconds, little endian, the format
/// airdecap-ng writes) or pcapng (one section, one interface, Enhanced Packet Blocks).
/// Finish with <see cref="Close"/>: it flushes and reports a failed write (disk full, closed pipe) as an
/// <see cref="IOException"/>. <see cref="Dispose"/> is only the cleanup of an abandoned or already
/// closed writer and never throws, because it runs on failure paths (a `using` unwinding after another
/// error) where a second exception would replace the real one, or escape as a crash.
/// </summary>
public sealed class CaptureWriter : IDisposable
{
    private const int SnapLength = 65535;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _scratch = new byte[32];
    private bool _closed;

    public CaptureFormat Format { get; }
    public int LinkType { get; }
    public long RecordsWritten { get; private set; }

    public static CaptureWriter Create(string path, int linkType, CaptureFormat format = CaptureFormat.Pcap) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), linkType, format, ownsStream: true);

    public CaptureWriter(Stream stream, int linkType, CaptureFormat format = CaptureFormat.Pcap, bool ownsStream = false)
    {
        if (linkType is < 0 or > 0xFFFF) throw RtException.InvalidArgument($"capture link type {linkType} is out of range 0..65535");
        _stream = stream;
        _ownsStream = ownsStream;
        Format = format;
        LinkType = linkType;
        var h = _scratch.AsSpan();
        if (format == CaptureFormat.Pcap)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0xA1B2C3D4);
            BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
            BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], 0);  // thiszone
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 0); // sigfigs
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], SnapLength);
            BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)linkType);
            _stream.Write(h[..24]);
        }
        else
        {
            // Section Header Block: type, length 28, byte-order magic, version 1.0, section length -1.
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0x0A0D0D0A);
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], 28);
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], 0x1A2B3C4D);
            BinaryPrimitives.WriteUInt16LittleEndian(h[12..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(h[14..], 0);
            BinaryPrimitives.WriteInt64LittleEndian(h[16..], -1);
            BinaryPrimitives.WriteUInt32LittleEndian(h[24..], 28);
            _stream.Write(h[..28]);
            // Interface Description Block: link type, snap length, no options (microsecond default).
            BinaryPrimitives.WriteUInt32LittleEndian(h, 1);
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(h[8..], (ushort)linkType);
            BinaryPrimitives.WriteUInt16LittleEndian(h[10..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], SnapLength);
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 20);
            _stream.Write(h[..20]);
        }
    }

    public void Write(long timestampMicros, ReadOnlySpan<byte> data) => Write(timestampMicros, data, data.Length);

    public void Write(long timestampMicros, ReadOnlySpan<byte> data, int originalLength)
    {
        if (originalLength < data.Length) originalLength = data.Length;
        var h = _scratch.AsSpan();
        if (Format == CaptureFormat.Pcap)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)(timestampMicros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(timestampMicros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)originalLength);
            _stream.Write(h[..16]);
            _stream.Write(data);
        }
        else
        {
            int pad = (4 - data.Length % 4) % 4;
            uint total = (uint)(28 + data.Length + pad + 4);
            BinaryPrimitives.WriteUInt32LittleEndian(h, 6);
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], total);
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], 0); // interface 0
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)((ulong)timestampMicros >> 32));
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)timestampMicros);
            BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)originalLength);
            _stream.Write(h[..28]);
            _stream.Write(data);
            h[..4].Clear();
            _stream.Write(h[..pad]);
            BinaryPrimitives.WriteUInt32LittleEndian(h, total);
            _stream.Write(h[..4]);
        }
        RecordsWritten++;
    }

    /// <summary>Flushes every record to the stream (and closes it when owned). Throws
    /// <see cref="IOException"/> when the data could not be written; the writer is closed either way.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            _stream.Flush();
            if (_ownsStream) _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_ownsStream) DisposeQuietly();
            throw;
        }
    }

    /// <summary>Best-effort cleanup that never throws: call <see cref="Close"/> to learn whether the
    /// records reached the stream. A writer disposed without Close is an abandoned output.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        try { _stream.Flush(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException) { }
        if (_ownsStream) DisposeQuietly();
    }

    private void DisposeQuietly()
    {
        // FileStream.Dispose flushes its own buffer again and throws when that fails (ENOSPC, or a
        // closed descriptor as UnauthorizedAccessException); the failure was already reported by
        // Flush, or the output is being abandoned.
        try { _stream.Dispose(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
