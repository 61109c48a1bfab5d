using System.Buffers.Binary;
using RtDriver.Crypto.Frames;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// AAD and nonce construction shared by CCMP and GCMP (802.11-2020 12.5.3.3.3-4, 12.5.5.3.3-4).
/// Kept apart from the ciphers so tests (and the GCMP vector whose Frame Control must be taken as
/// given) can exercise it on its own.
/// </summary>
internal static class AeadFrameFormat
{
    /// <summary>FC(2) A1 A2 A3(18) SC(2) A4(6) QC(2).</summary>
    public const int MaxAadLength = 30;

    /// <summary>
    /// The AAD: Frame Control with the data subtype bits 4..6, Retry, PwrMgt and MoreData masked to
    /// 0, Protected set (unless <paramref name="forceProtected"/> is false: test use only), Order
    /// masked in QoS data frames (HT semantics); A1..A3; Sequence Control with the sequence number
    /// masked (fragment number kept); A4 if present; QoS Control masked to the TID (plus A-MSDU
    /// Present with SPP A-MSDU). HT Control is not part of the AAD.
    /// </summary>
    public static int BuildAad(ReadOnlySpan<byte> frame, in FrameHeader h, FrameOptions options, Span<byte> aad, bool forceProtected = true)
    {
        ushort fc = h.FrameControl;
        if (h.IsData) fc &= unchecked((ushort)~Ieee80211.FcDataSubtypeLowBits);
        fc &= unchecked((ushort)~(Ieee80211.FcRetry | Ieee80211.FcPowerManagement | Ieee80211.FcMoreData));
        if (forceProtected) fc |= Ieee80211.FcProtected;
        if (h.HasQos && (options & FrameOptions.PreHtOrderBit) == 0) fc &= unchecked((ushort)~Ieee80211.FcOrder);
        BinaryPrimitives.WriteUInt16LittleEndian(aad, fc);
        frame.Slice(Ieee80211.Address1Offset, 18).CopyTo(aad.Slice(2));
        BinaryPrimitives.WriteUInt16LittleEndian(aad.Slice(20), (ushort)(h.SequenceControl & Ieee80211.ScFragmentMask));
        int len = 22;
        if (h.HasAddress4)
        {
            frame.Slice(Ieee80211.Address4Offset, 6).CopyTo(aad.Slice(len));
            len += 6;
        }
        if (h.HasQos)
        {
            ushort keep = Ieee80211.QcTidMask;
            if ((options & FrameOptions.SppAmsdu) != 0) keep |= Ieee80211.QcAmsduPresent;
            BinaryPrimitives.WriteUInt16LittleEndian(aad.Slice(len), (ushort)(h.QosControl & keep));
            len += 2;
        }
        return len;
    }

    /// <summary>CCM nonce: flags (priority bits 0..3, management bit 4) | A2 | PN (PN5 first).</summary>
    public static void BuildCcmNonce(ReadOnlySpan<byte> frame, in FrameHeader h, ulong pn, Span<byte> nonce13)
    {
        nonce13[0] = (byte)(h.Priority | (h.IsManagement ? 0x10 : 0));
        frame.Slice(Ieee80211.Address2Offset, 6).CopyTo(nonce13.Slice(1));
        PacketNumber.WriteBigEndian48(nonce13.Slice(7), pn);
    }

    /// <summary>GCM nonce: A2 | PN (PN5 first).</summary>
    public static void BuildGcmNonce(ReadOnlySpan<byte> frame, ulong pn, Span<byte> nonce12)
    {
        frame.Slice(Ieee80211.Address2Offset, 6).CopyTo(nonce12);
        PacketNumber.WriteBigEndian48(nonce12.Slice(6), pn);
    }
}
