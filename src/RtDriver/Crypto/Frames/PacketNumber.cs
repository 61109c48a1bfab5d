using System.Buffers.Binary;

namespace RtDriver.Crypto.Frames;

/// <summary>
/// PN/TSC/IV layouts on the air. The ABI speaks numbers, never bytes: PN 0xb5039776e70c is sent
/// as PN0 = 0x0c ... PN5 = 0xb5; a WEP IV number 0xfb029e is sent as IV bytes fb 02 9e.
/// </summary>
public static class PacketNumber
{
    /// <summary>Largest 48-bit PN/TSC/IPN.</summary>
    public const ulong Max48 = (1UL << 48) - 1;
    /// <summary>Largest 24-bit WEP IV.</summary>
    public const ulong MaxWepIv = (1UL << 24) - 1;

    /// <summary>CCMP/GCMP header: PN0 PN1 reserved KeyID PN2 PN3 PN4 PN5.</summary>
    // Two loads / one store instead of a byte at a time: these run on every CCMP/GCMP frame.
    public static ulong ReadCcmpHeader(ReadOnlySpan<byte> h) =>
        BinaryPrimitives.ReadUInt16LittleEndian(h) | (ulong)BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(4, 4)) << 16;

    public static void WriteCcmpHeader(Span<byte> h, ulong pn, int keyId)
    {
        // PN0 PN1 | rsvd 0 | KeyID octet | PN2..PN5, little-endian in one 8-byte store.
        ulong keyOctet = (byte)((keyId << Ieee80211.KeyIdShift) | Ieee80211.KeyIdExtIv);
        BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(0, 8), (pn & 0xFFFF) | keyOctet << 24 | (pn >> 16) << 32);
    }

    /// <summary>TKIP IV/ExtIV: TSC1 WEPSeed TSC0 KeyID TSC2 TSC3 TSC4 TSC5.</summary>
    public static ulong ReadTkipIv(ReadOnlySpan<byte> h) =>
        h[2] | (ulong)h[0] << 8 | (ulong)h[4] << 16 | (ulong)h[5] << 24 | (ulong)h[6] << 32 | (ulong)h[7] << 40;

    public static void WriteTkipIv(Span<byte> h, ulong tsc, int keyId)
    {
        byte tsc1 = (byte)(tsc >> 8);
        h[0] = tsc1;
        h[1] = (byte)((tsc1 | 0x20) & 0x7F); // WEPSeed[1]: avoids the known weak RC4 keys
        h[2] = (byte)tsc;
        h[3] = (byte)((keyId << Ieee80211.KeyIdShift) | Ieee80211.KeyIdExtIv);
        h[4] = (byte)(tsc >> 16);
        h[5] = (byte)(tsc >> 24);
        h[6] = (byte)(tsc >> 32);
        h[7] = (byte)(tsc >> 40);
    }

    /// <summary>The PN as 6 big-endian bytes (PN5 first), as it appears in CCMP/GCMP/BIP-GMAC nonces.</summary>
    public static void WriteBigEndian48(Span<byte> d, ulong pn)
    {
        BinaryPrimitives.WriteUInt16BigEndian(d.Slice(0, 6), (ushort)(pn >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(d.Slice(2), (uint)pn);
    }

    /// <summary>6 bytes little-endian (MME IPN field, EAPOL RSC).</summary>
    public static ulong ReadLittleEndian48(ReadOnlySpan<byte> s) =>
        s[0] | (ulong)s[1] << 8 | (ulong)s[2] << 16 | (ulong)s[3] << 24 | (ulong)s[4] << 32 | (ulong)s[5] << 40;

    public static void WriteLittleEndian48(Span<byte> d, ulong v)
    {
        for (int i = 0; i < 6; i++) d[i] = (byte)(v >> (8 * i));
    }
}
