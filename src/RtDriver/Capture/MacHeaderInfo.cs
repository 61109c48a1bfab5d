namespace RtDriver.Capture;

/// <summary>
/// The few facts about an 802.11 MAC header that capture processing needs (frame type, DS bits,
/// addresses, header length). Parsed once per frame; offsets only, no copies.
/// </summary>
public readonly struct MacHeaderInfo
{
    public const int TypeManagement = 0, TypeControl = 1, TypeData = 2;

    public ushort FrameControl { get; }
    public int Type => (FrameControl >> 2) & 3;
    public int Subtype => (FrameControl >> 4) & 0xF;
    public bool ToDs => (FrameControl & 0x0100) != 0;
    public bool FromDs => (FrameControl & 0x0200) != 0;
    public bool Retry => (FrameControl & 0x0800) != 0;
    public bool Protected => (FrameControl & 0x4000) != 0;
    public bool Order => (FrameControl & 0x8000) != 0;
    public bool IsData => Type == TypeData;
    public bool IsManagement => Type == TypeManagement;
    /// <summary>QoS data subtypes (bit 3 of the subtype).</summary>
    public bool IsQos => IsData && (Subtype & 0x8) != 0;
    /// <summary>Null/CF subtypes without a frame body (bit 2 of the data subtype).</summary>
    public bool HasNoBody => IsData && (Subtype & 0x4) != 0;
    public int HeaderLength { get; }
    public int Tid { get; }

    private readonly int _a1, _a2, _a3, _a4;

    private MacHeaderInfo(ushort fc, int headerLength, int tid, int a4)
    {
        FrameControl = fc; HeaderLength = headerLength; Tid = tid;
        _a1 = 4; _a2 = 10; _a3 = 16; _a4 = a4;
    }

    public ReadOnlySpan<byte> Address1(ReadOnlySpan<byte> frame) => frame.Slice(_a1, 6);
    public ReadOnlySpan<byte> Address2(ReadOnlySpan<byte> frame) => frame.Slice(_a2, 6);
    public ReadOnlySpan<byte> Address3(ReadOnlySpan<byte> frame) => frame.Slice(_a3, 6);
    public ReadOnlySpan<byte> Address4(ReadOnlySpan<byte> frame) => _a4 > 0 ? frame.Slice(_a4, 6) : default;

    /// <summary>Receiver (A1) is a group address.</summary>
    public bool IsGroupAddressed(ReadOnlySpan<byte> frame) => (frame[_a1] & 1) != 0;

    /// <summary>Destination address of the MSDU (by the DS bits).</summary>
    public ReadOnlySpan<byte> Destination(ReadOnlySpan<byte> frame) => ToDs ? Address3(frame) : Address1(frame);

    /// <summary>Source address of the MSDU (by the DS bits).</summary>
    public ReadOnlySpan<byte> Source(ReadOnlySpan<byte> frame) =>
        FromDs ? (ToDs ? Address4(frame) : Address3(frame)) : Address2(frame);

    /// <summary>Parses management and data headers (control frames carry no payload we need).</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out MacHeaderInfo info)
    {
        info = default;
        if (frame.Length < 24) return false;
        ushort fc = (ushort)(frame[0] | frame[1] << 8);
        if ((fc & 3) != 0) return false; // protocol version 0 only
        int type = (fc >> 2) & 3;
        if (type is not (TypeData or TypeManagement)) return false;
        int length = 24, a4 = 0, tid = 16;
        if (type == TypeData && (fc & 0x0300) == 0x0300) { a4 = 24; length = 30; }
        bool qos = type == TypeData && (fc & 0x80) != 0;
        if (qos)
        {
            if (frame.Length < length + 2) return false;
            tid = frame[length] & 0x0F;
            length += 2;
        }
        // HT Control follows for QoS data and management frames when Order is set.
        if ((fc & 0x8000) != 0 && (qos || type == TypeManagement)) length += 4;
        if (frame.Length < length) return false;
        info = new MacHeaderInfo(fc, length, tid, a4);
        return true;
    }
}
