using System.Buffers.Binary;
using System.IO.Compression;

namespace RtDriver.Capture;

/// <summary>
/// Reads classic pcap (micro- and nanosecond, either byte order) and pcapng (SHB/IDB/EPB/SPB and the
/// obsolete Packet Block, several sections and interfaces) files, one record at a time. Damaged
/// input raises <see cref="RtException"/> with <see cref="RtStatus.MalformedFrame"/> naming the
/// offset; a file cut short in its last record ends the enumeration with <see cref="Truncated"/> set
/// (monitor-mode captures are often copied while still being written). <see cref="Open(Stream, bool)"/>
/// also takes gzip-compressed captures (recognised by their magic bytes, not by the name), as tshark does.
/// </summary>
public sealed class CaptureReader : IDisposable
{
    // Upper bound on one record, so a corrupt length field cannot make us allocate gigabytes.
    private const int MaxRecordBytes = 16 * 1024 * 1024;

    private const uint PcapMagicMicro = 0xA1B2C3D4;
    private const uint PcapMagicNano = 0xA1B23C4D;
    private const uint PcapngSectionHeader = 0x0A0D0D0A;
    private const uint PcapngByteOrderMagic = 0x1A2B3C4D;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly CountingReadStream? _source;
    private readonly byte[] _header = new byte[32];
    private long _offset;
    private long _number;

    // classic pcap state
    private bool _bigEndian;
    private bool _nanoseconds;
    private int _pcapLinkType;
    private int? _pcapFcsLength;

    // pcapng state: per-section interface table (link type, ticks per second)
    private readonly List<(int LinkType, ulong TicksPerSecond, int? FcsLength)> _interfaces = [];
    private bool _stopAtInterface;
    private CaptureRecord? _pending;

    public CaptureFormat Format { get; }

    /// <summary>The link type of the file (pcap) or of its first interface (pcapng; -1 before any).</summary>
    public int LinkType => Format == CaptureFormat.Pcap ? _pcapLinkType : _interfaces.Count > 0 ? _interfaces[0].LinkType : -1;

    /// <summary>Bytes of capture data consumed so far (after decompression).</summary>
    public long BytesRead => _offset;

    /// <summary>Bytes taken from the underlying file or pipe so far: for a gzip capture the compressed
    /// bytes, so progress compares it with the file's length.</summary>
    public long SourceBytesRead => _source?.BytesRead ?? _offset;

    /// <summary>True when the input was gzip-compressed.</summary>
    public bool Compressed { get; }

    /// <summary>True when the file ended inside a record (the partial record is not returned).</summary>
    public bool Truncated { get; private set; }

    /// <summary>Opens a capture file, plain or gzip-compressed.</summary>
    public static CaptureReader Open(string path) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), ownsStream: true);

    /// <summary>
    /// Reads a capture from any stream, a pipe or stdin included (no seeking): gzip input (magic 1f 8b)
    /// is decompressed on the fly. When the stream is not a capture the exception leaves it disposed
    /// if it was owned.
    /// </summary>
    public static CaptureReader Open(Stream source, bool ownsStream)
    {
        var counted = new CountingReadStream(source, ownsStream);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            bool gzip = counted.Peek(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            Stream data = gzip ? new GZipStream(counted, CompressionMode.Decompress) : counted;
            return new CaptureReader(data, ownsStream: true, counted, gzip);
        }
        catch
        {
            counted.Dispose();
            throw;
        }
    }

    public CaptureReader(Stream stream, bool ownsStream = false) : this(stream, ownsStream, null, false) { }

    private CaptureReader(Stream stream, bool ownsStream, CountingReadStream? source, bool compressed)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _source = source;
        Compressed = compressed;
        if (!ReadExactly(_header.AsSpan(0, 4)))
            throw Malformed("the file is shorter than any capture header (4 bytes)");
        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        uint magicBe = BinaryPrimitives.ReadUInt32BigEndian(_header);
        if (magicLe == PcapngSectionHeader)
        {
            Format = CaptureFormat.Pcapng;
            if (!ReadExactly(_header.AsSpan(4, 4))) throw Malformed("pcapng section header is cut short");
            ReadSectionHeaderRest(_header.AsSpan(4, 4).ToArray());
            // Read up to the first interface description so LinkType is known before any record.
            _stopAtInterface = true;
            if (TryReadPcapng(out var early)) _pending = early;
            _stopAtInterface = false;
        }
        else if (magicLe is PcapMagicMicro or PcapMagicNano || magicBe is PcapMagicMicro or PcapMagicNano)
        {
            Format = CaptureFormat.Pcap;
            _bigEndian = magicLe is not (PcapMagicMicro or PcapMagicNano);
            _nanoseconds = (_bigEndian ? magicBe : magicLe) == PcapMagicNano;
            if (!ReadExactly(_header.AsSpan(4, 20)))
                throw Malformed("the pcap global header is cut short (needs 24 bytes)");
            // Link type in bits 0..15; bit 26 set means bits 28..31 give the FCS length in 16-bit words.
            uint raw = U32(_header.AsSpan(20));
            _pcapLinkType = (int)(raw & 0xFFFF);
            if ((raw & 0x0400_0000) != 0) _pcapFcsLength = (int)((raw >> 28) & 0xF) * 2;
        }
        else
        {
            throw Malformed($"not a pcap or pcapng file (first bytes {Convert.ToHexString(_header, 0, 4)})");
        }
    }

    /// <summary>All records, in file order.</summary>
    public IEnumerable<CaptureRecord> ReadAll()
    {
        while (TryRead(out var record)) yield return record;
    }

    public bool TryRead(out CaptureRecord record)
    {
        if (_pending is { } p)
        {
            record = p;
            _pending = null;
            return true;
        }
        return Format == CaptureFormat.Pcap ? TryReadPcap(out record) : TryReadPcapng(out record);
    }

    private bool TryReadPcap(out CaptureRecord record)
    {
        record = default;
        long at = _offset;
        var h = _header.AsSpan(0, 16);
        int got = ReadUpTo(h);
        if (got == 0) return false;
        if (got < 16) { Truncated = true; return false; }
        uint sec = U32(h), frac = U32(h[4..]), incl = U32(h[8..]), orig = U32(h[12..]);
        if (incl > MaxRecordBytes)
            throw Malformed($"record {_number + 1} at offset {at} claims {incl} captured bytes (limit {MaxRecordBytes})");
        var data = new byte[incl];
        if (!ReadExactly(data)) { Truncated = true; return false; }
        long micros = sec * 1_000_000L + (_nanoseconds ? frac / 1000 : frac);
        record = new CaptureRecord(++_number, _pcapLinkType, micros, data, (int)Math.Min(orig, int.MaxValue), _pcapFcsLength);
        return true;
    }

    private bool TryReadPcapng(out CaptureRecord record)
    {
        record = default;
        while (true)
        {
            long at = _offset;
            var h = _header.AsSpan(0, 8);
            int got = ReadUpTo(h);
            if (got == 0) return false;
            if (got < 8) { Truncated = true; return false; }
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(h); // SHB type is a palindrome
            if (type == PcapngSectionHeader)
            {
                // A new section: its byte order may differ; the length we just read is raw.
                ReadSectionHeaderRest(h[4..].ToArray());
                continue;
            }
            type = U32(h);
            uint total = U32(h[4..]);
            if (total < 12 || total % 4 != 0 || total > MaxRecordBytes)
                throw Malformed($"pcapng block at offset {at} has an invalid length {total}");
            var body = new byte[total - 8];
            if (!ReadExactly(body)) { Truncated = true; return false; }
            if (U32(body.AsSpan(body.Length - 4)) != total)
                throw Malformed($"pcapng block at offset {at}: trailing length does not repeat {total}");
            var b = body.AsSpan(0, body.Length - 4);
            switch (type)
            {
                case 1: // Interface Description Block
                    _interfaces.Add(ParseInterface(b, at));
                    if (_stopAtInterface) return false;
                    break;
                case 6: // Enhanced Packet Block
                case 2: // Packet Block (obsolete): interface is 16 bits + drops 16 bits
                {
                    if (b.Length < 20) throw Malformed($"pcapng packet block at offset {at} is too short");
                    int iface = type == 6 ? (int)U32(b) : (_bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b));
                    ulong ts = ((ulong)U32(b[4..]) << 32) | U32(b[8..]);
                    uint cap = U32(b[12..]), orig = U32(b[16..]);
                    if (cap > b.Length - 20) throw Malformed($"pcapng packet block at offset {at}: captured length {cap} exceeds the block");
                    if (iface >= _interfaces.Count) throw Malformed($"pcapng packet block at offset {at} names interface {iface}, but only {_interfaces.Count} are described");
                    var (lt, tps, fcs) = _interfaces[iface];
                    record = new CaptureRecord(++_number, lt, ToMicros(ts, tps), b.Slice(20, (int)cap).ToArray(), (int)Math.Min(orig, int.MaxValue), fcs);
                    return true;
                }
                case 3: // Simple Packet Block: interface 0, no timestamp
                {
                    if (b.Length < 4) throw Malformed($"pcapng simple packet block at offset {at} is too short");
                    if (_interfaces.Count == 0) throw Malformed($"pcapng simple packet block at offset {at} precedes any interface description");
                    uint orig = U32(b);
                    int cap = (int)Math.Min(orig, (uint)(b.Length - 4));
                    record = new CaptureRecord(++_number, _interfaces[0].LinkType, 0, b.Slice(4, cap).ToArray(), (int)Math.Min(orig, int.MaxValue), _interfaces[0].FcsLength);
                    return true;
                }
                default:
                    break; // name resolution, statistics, custom blocks: not needed
            }
        }
    }

    // Called after the block type and the (raw) total length were read; reads the byte-order magic.
    private void ReadSectionHeaderRest(byte[] rawLength)
    {
        long at = _offset - 8;
        var h = _header.AsSpan(0, 8);
        rawLength.CopyTo(h);
        if (!ReadExactly(h[4..])) throw Malformed($"pcapng section header at offset {at} is cut short");
        uint bom = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
        if (bom == PcapngByteOrderMagic) _bigEndian = false;
        else if (BinaryPrimitives.ReverseEndianness(bom) == PcapngByteOrderMagic) _bigEndian = true;
        else throw Malformed($"pcapng section header at offset {at} has no byte-order magic (found {bom:x8})");
        uint total = U32(h);
        if (total < 28 || total % 4 != 0 || total > MaxRecordBytes)
            throw Malformed($"pcapng section header at offset {at} has an invalid length {total}");
        var rest = new byte[total - 12];
        if (!ReadExactly(rest)) throw Malformed($"pcapng section header at offset {at} is cut short");
        _interfaces.Clear(); // interface ids are per section
    }

    private (int, ulong, int?) ParseInterface(ReadOnlySpan<byte> b, long at)
    {
        if (b.Length < 8) throw Malformed($"pcapng interface block at offset {at} is too short");
        int linkType = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
        ulong tps = 1_000_000; // default resolution: microseconds
        int? fcsLength = null;
        var opts = b[8..];
        while (opts.Length >= 4)
        {
            int code = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(opts) : BinaryPrimitives.ReadUInt16LittleEndian(opts);
            int len = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(opts[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(opts[2..]);
            if (code == 0) break;
            if (4 + len > opts.Length) throw Malformed($"pcapng interface block at offset {at}: option {code} overruns the block");
            if (code == 13 && len >= 1) fcsLength = opts[4]; // if_fcslen (bytes)
            if (code == 9 && len >= 1) // if_tsresol
            {
                byte r = opts[4];
                int exp = r & 0x7F;
                if ((r & 0x80) != 0) tps = exp < 64 ? 1UL << exp : 0;
                else { tps = 1; for (int i = 0; i < exp && tps < ulong.MaxValue / 10; i++) tps *= 10; }
                if (tps == 0) throw Malformed($"pcapng interface block at offset {at}: timestamp resolution 2^-{exp} is out of range");
            }
            opts = opts[(4 + ((len + 3) & ~3))..];
        }
        return (linkType, tps, fcsLength);
    }

    private static long ToMicros(ulong ticks, ulong ticksPerSecond)
    {
        if (ticksPerSecond == 1_000_000) return (long)ticks;
        ulong sec = ticks / ticksPerSecond, frac = ticks % ticksPerSecond;
        return (long)(sec * 1_000_000 + (ulong)((UInt128)frac * 1_000_000 / ticksPerSecond));
    }

    private uint U32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private int ReadUpTo(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n;
            try { n = _stream.Read(buffer[total..]); }
            catch (InvalidDataException e)
            {
                _offset += total;
                throw Malformed($"the gzip data is damaged after {SourceBytesRead} compressed bytes ({e.Message})");
            }
            if (n == 0) break;
            total += n;
        }
        _offset += total;
        return total;
    }

    private bool ReadExactly(Span<byte> buffer) => ReadUpTo(buffer) == buffer.Length;

    private RtException Malformed(string what) =>
        new(RtStatus.MalformedFrame, $"capture{(Compressed ? " (gzip)" : "")}: {what}");

    public void Dispose()
    {
        if (_ownsStream) _stream.Dispose();
    }
}

public enum CaptureFormat { Pcap, Pcapng }
