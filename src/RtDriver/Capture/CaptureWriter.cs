using System.Buffers.Binary;

namespace RtDriver.Capture;

/// <summary>
/// Writes a capture with one link type: classic pcap (microseconds, little endian, the format
/// airdecap-ng writes) or pcapng (one section, one interface, Enhanced Packet Blocks).
/// </summary>
public sealed class CaptureWriter : IDisposable
{
    private const int SnapLength = 65535;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _scratch = new byte[32];

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

    public void Dispose()
    {
        _stream.Flush();
        if (_ownsStream) _stream.Dispose();
    }
}
