namespace RtDriver.Crypto.Frames;

/// <summary>
/// IEEE 802.11 MAC header constants (802.11-2020 9.2.4), named as the standard names them.
/// Frame Control is handled as a little-endian 16-bit value: bits 0..7 are the first octet
/// (protocol, type, subtype), bits 8..15 the flags octet.
/// </summary>
public static class Ieee80211
{
    // Frame Control, as a little-endian u16.
    public const ushort FcProtocolMask = 0x0003;
    public const ushort FcTypeMask = 0x000C;
    public const ushort FcSubtypeMask = 0x00F0;
    /// <summary>Subtype bits 4..6 of a data frame (CF-Ack, CF-Poll, Null); masked in the CCMP/GCMP AAD.</summary>
    public const ushort FcDataSubtypeLowBits = 0x0070;
    /// <summary>Subtype bit 7 of a data frame: QoS.</summary>
    public const ushort FcQosSubtypeBit = 0x0080;
    public const ushort FcToDs = 0x0100;
    public const ushort FcFromDs = 0x0200;
    public const ushort FcMoreFragments = 0x0400;
    public const ushort FcRetry = 0x0800;
    public const ushort FcPowerManagement = 0x1000;
    public const ushort FcMoreData = 0x2000;
    public const ushort FcProtected = 0x4000;
    /// <summary>Order bit; in a QoS data or management frame of an HT-era STA it means "+HTC" (HT Control present).</summary>
    public const ushort FcOrder = 0x8000;

    public const int TypeManagement = 0;
    public const int TypeControl = 1;
    public const int TypeData = 2;
    public const int TypeExtension = 3;

    public const int AddressLength = 6;
    /// <summary>FC(2) Duration(2) A1 A2 A3 (18) Sequence Control(2).</summary>
    public const int BaseHeaderLength = 24;
    public const int QosControlLength = 2;
    public const int HtControlLength = 4;

    public const int Address1Offset = 4;
    public const int Address2Offset = 10;
    public const int Address3Offset = 16;
    public const int SequenceControlOffset = 22;
    public const int Address4Offset = 24;

    /// <summary>Sequence Control: fragment number bits 0..3.</summary>
    public const ushort ScFragmentMask = 0x000F;
    /// <summary>QoS Control: TID bits 0..3.</summary>
    public const ushort QcTidMask = 0x000F;
    /// <summary>QoS Control bit 7: A-MSDU Present.</summary>
    public const ushort QcAmsduPresent = 0x0080;

    /// <summary>Security header byte 3 (Key ID octet): ExtIV bit and key id bits 6..7.</summary>
    public const byte KeyIdExtIv = 0x20;
    public const int KeyIdShift = 6;

    /// <summary>Management MIC element (MME) id, 802.11-2020 9.4.2.53.</summary>
    public const byte ElementIdMme = 76;
}
