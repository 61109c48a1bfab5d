using System.Buffers.Binary;

namespace RtDriver.Crypto.Frames;

/// <summary>
/// The parsed MAC header of one 802.11 MPDU: a small struct of offsets and fields, computed once
/// per frame and never holding the frame itself (so it can live on the stack, and pcap tools can
/// use it on any buffer). Addresses are read back from the frame with the accessors below.
///
/// Header shapes: management (24, +4 with HT Control), data 3-address (24) or 4-address (30,
/// when ToDS and FromDS), +2 QoS Control (QoS data), +4 HT Control (Order bit set on a QoS data
/// or management frame, unless parsing for pre-HT 802.11i semantics where the Order bit is just
/// "strictly ordered"). Control and extension frames are not protectable and do not parse.
/// </summary>
public readonly struct FrameHeader
{
    public ushort FrameControl { get; init; }
    /// <summary>MAC header length in bytes (where the frame body, or the security header, starts).</summary>
    public int Length { get; init; }
    public bool HasAddress4 { get; init; }
    public bool HasQos { get; init; }
    public bool HasHtControl { get; init; }
    /// <summary>QoS Control field (0 when absent).</summary>
    public ushort QosControl { get; init; }
    public ushort SequenceControl { get; init; }

    public int Type => (FrameControl & Ieee80211.FcTypeMask) >> 2;
    public int Subtype => (FrameControl & Ieee80211.FcSubtypeMask) >> 4;
    public bool IsData => Type == Ieee80211.TypeData;
    public bool IsManagement => Type == Ieee80211.TypeManagement;
    public bool ToDs => (FrameControl & Ieee80211.FcToDs) != 0;
    public bool FromDs => (FrameControl & Ieee80211.FcFromDs) != 0;
    public bool MoreFragments => (FrameControl & Ieee80211.FcMoreFragments) != 0;
    public bool Retry => (FrameControl & Ieee80211.FcRetry) != 0;
    public bool Protected => (FrameControl & Ieee80211.FcProtected) != 0;
    public bool Order => (FrameControl & Ieee80211.FcOrder) != 0;
    public int FragmentNumber => SequenceControl & Ieee80211.ScFragmentMask;
    public int SequenceNumber => SequenceControl >> 4;
    /// <summary>True for any fragment of a fragmented MSDU (more fragments follow, or fragment number > 0).</summary>
    public bool IsFragment => MoreFragments || FragmentNumber != 0;
    /// <summary>TID of a QoS data frame (QoS Control bits 0..3), else -1.</summary>
    public int Tid => HasQos ? QosControl & Ieee80211.QcTidMask : -1;
    /// <summary>User priority used by Michael and the CCMP nonce: the TID for QoS data, else 0.</summary>
    public int Priority => HasQos ? QosControl & Ieee80211.QcTidMask : 0;

    /// <summary>
    /// Which receive replay counter guards this frame: the TID (0..15) for QoS data,
    /// <see cref="ReplayCounters.NonQos"/> (16) for other data, <see cref="ReplayCounters.Management"/>
    /// (17) for (robust) management frames, which 802.11 gives a counter of their own.
    /// </summary>
    public int ReplayIndex
    {
        // Inlined: read once per received frame (it showed up as its own call in profiles).
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => HasQos ? (QosControl & Ieee80211.QcTidMask)
            : IsManagement ? ReplayCounters.Management : ReplayCounters.NonQos;
    }

    public static ReadOnlySpan<byte> Address1(ReadOnlySpan<byte> frame) => frame.Slice(Ieee80211.Address1Offset, 6);
    public static ReadOnlySpan<byte> Address2(ReadOnlySpan<byte> frame) => frame.Slice(Ieee80211.Address2Offset, 6);
    public static ReadOnlySpan<byte> Address3(ReadOnlySpan<byte> frame) => frame.Slice(Ieee80211.Address3Offset, 6);
    /// <summary>Address 4 (only when <see cref="HasAddress4"/>).</summary>
    public static ReadOnlySpan<byte> Address4(ReadOnlySpan<byte> frame) => frame.Slice(Ieee80211.Address4Offset, 6);

    /// <summary>True when Address 1 (the receiver) is a group address (I/G bit).</summary>
    public static bool IsGroupAddressed(ReadOnlySpan<byte> frame) => (frame[Ieee80211.Address1Offset] & 1) != 0;

    /// <summary>Offset of the destination address (DA) of a data frame: A3 when ToDS, else A1.</summary>
    public int DestinationOffset => ToDs ? Ieee80211.Address3Offset : Ieee80211.Address1Offset;

    /// <summary>Offset of the source address (SA) of a data frame: A4 when ToDS and FromDS, A3 when FromDS, else A2.</summary>
    public int SourceOffset => FromDs ? (ToDs ? Ieee80211.Address4Offset : Ieee80211.Address3Offset) : Ieee80211.Address2Offset;

    /// <summary>
    /// Parses the MAC header of <paramref name="frame"/> (an MPDU without FCS). Returns false for
    /// a frame too short for its header, a protocol version other than 0, or a control/extension frame.
    /// </summary>
    /// <param name="preHtOrderBit">802.11i (pre-HT) semantics: the Order bit never announces HT Control.</param>
    public static bool TryParse(ReadOnlySpan<byte> frame, out FrameHeader header, bool preHtOrderBit = false)
    {
        header = default;
        if (frame.Length < Ieee80211.BaseHeaderLength) return false;
        ushort fc = BinaryPrimitives.ReadUInt16LittleEndian(frame);
        if ((fc & Ieee80211.FcProtocolMask) != 0) return false;
        int type = (fc & Ieee80211.FcTypeMask) >> 2;
        if (type != Ieee80211.TypeData && type != Ieee80211.TypeManagement) return false;
        int length = Ieee80211.BaseHeaderLength;
        bool a4 = false, qos = false, htc = false;
        ushort qc = 0;
        if (type == Ieee80211.TypeData)
        {
            a4 = (fc & (Ieee80211.FcToDs | Ieee80211.FcFromDs)) == (Ieee80211.FcToDs | Ieee80211.FcFromDs);
            if (a4) length += Ieee80211.AddressLength;
            qos = (fc & Ieee80211.FcQosSubtypeBit) != 0;
            if (qos)
            {
                if (frame.Length < length + Ieee80211.QosControlLength) return false;
                qc = BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(length));
                length += Ieee80211.QosControlLength;
            }
            htc = qos && !preHtOrderBit && (fc & Ieee80211.FcOrder) != 0;
        }
        else
        {
            htc = !preHtOrderBit && (fc & Ieee80211.FcOrder) != 0;
        }
        if (htc) length += Ieee80211.HtControlLength;
        if (frame.Length < length) return false;
        header = new FrameHeader
        {
            FrameControl = fc,
            Length = length,
            HasAddress4 = a4,
            HasQos = qos,
            HasHtControl = htc,
            QosControl = qc,
            SequenceControl = BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(Ieee80211.SequenceControlOffset)),
        };
        return true;
    }

    /// <summary>
    /// Reads the Key ID octet of a protected frame's security header (WEP IV byte 3, TKIP/CCMP/GCMP
    /// header byte 3): the key id (0..3) and whether the ExtIV bit is set. False if the frame is too short.
    /// </summary>
    public static bool TryGetKeyId(ReadOnlySpan<byte> frame, in FrameHeader header, out int keyId, out bool extIv)
    {
        keyId = 0; extIv = false;
        if (frame.Length < header.Length + 4) return false;
        byte b = frame[header.Length + 3];
        keyId = b >> Ieee80211.KeyIdShift;
        extIv = (b & Ieee80211.KeyIdExtIv) != 0;
        return true;
    }

    /// <summary>
    /// Reads the 48-bit PN of a CCMP/GCMP header (PN0 PN1 rsvd KeyID PN2 PN3 PN4 PN5) as a number.
    /// The TKIP TSC uses a different layout: see <see cref="TryGetTkipTsc"/>.
    /// </summary>
    public static bool TryGetCcmpPn(ReadOnlySpan<byte> frame, in FrameHeader header, out ulong pn)
    {
        pn = 0;
        if (frame.Length < header.Length + 8) return false;
        pn = PacketNumber.ReadCcmpHeader(frame.Slice(header.Length, 8));
        return true;
    }

    /// <summary>Reads the 48-bit TKIP TSC (IV: TSC1 WEPSeed TSC0 KeyID TSC2 TSC3 TSC4 TSC5).</summary>
    public static bool TryGetTkipTsc(ReadOnlySpan<byte> frame, in FrameHeader header, out ulong tsc)
    {
        tsc = 0;
        if (frame.Length < header.Length + 8) return false;
        tsc = PacketNumber.ReadTkipIv(frame.Slice(header.Length, 8));
        return true;
    }
}
