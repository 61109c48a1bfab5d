using System.Buffers.Binary;

namespace RtDriver.Wpa;

/// <summary>
/// The ciphers and AKM of an RSN element (ID 48) or WPA1 vendor element (DD .. 00-50-F2 type 1), as
/// carried in EAPOL-Key Key Data of messages 2 and 3 (IEEE 802.11 9.4.2.24).
/// </summary>
public readonly record struct SecurityElement(bool IsRsn, RtCipher? GroupCipher, RtCipher? PairwiseCipher, Akm Akm)
{
    private static ReadOnlySpan<byte> RsnOui => [0x00, 0x0F, 0xAC];
    private static ReadOnlySpan<byte> WpaOui => [0x00, 0x50, 0xF2];

    /// <summary>Finds the first RSN or WPA element among <paramref name="elements"/> (a TLV list).</summary>
    public static bool TryFind(ReadOnlySpan<byte> elements, out SecurityElement element)
    {
        element = default;
        while (elements.Length >= 2)
        {
            int id = elements[0], len = elements[1];
            if (2 + len > elements.Length) return false;
            var body = elements.Slice(2, len);
            if (id == 48 && TryParseBody(body, isRsn: true, out element)) return true;
            if (id == 0xDD && len >= 6 && body[..3].SequenceEqual(WpaOui) && body[3] == 1 && TryParseBody(body[4..], isRsn: false, out element))
                return true;
            elements = elements[(2 + len)..];
        }
        return false;
    }

    private static bool TryParseBody(ReadOnlySpan<byte> b, bool isRsn, out SecurityElement element)
    {
        element = default;
        if (b.Length < 2 || BinaryPrimitives.ReadUInt16LittleEndian(b) != 1) return false;
        var oui = isRsn ? RsnOui : WpaOui;
        b = b[2..];
        RtCipher? group = null, pairwise = null;
        Akm akm = Akm.Unknown;
        if (b.Length >= 4) { group = CipherOf(b[..4], oui); b = b[4..]; }
        if (b.Length >= 2)
        {
            int count = BinaryPrimitives.ReadUInt16LittleEndian(b);
            b = b[2..];
            if (count >= 1 && b.Length >= 4) pairwise = CipherOf(b[..4], oui);
            b = b[Math.Min(b.Length, 4 * count)..];
        }
        if (b.Length >= 6)
        {
            int count = BinaryPrimitives.ReadUInt16LittleEndian(b);
            if (count >= 1 && b[2..5].SequenceEqual(oui)) akm = (Akm)b[5];
        }
        element = new SecurityElement(isRsn, group, pairwise, akm);
        return true;
    }

    private static RtCipher? CipherOf(ReadOnlySpan<byte> suite, ReadOnlySpan<byte> oui)
    {
        if (!suite[..3].SequenceEqual(oui)) return null;
        return suite[3] switch
        {
            1 => RtCipher.Wep40,
            2 => RtCipher.Tkip,
            4 => RtCipher.Ccmp,
            5 => RtCipher.Wep104,
            8 => RtCipher.Gcmp,
            9 => RtCipher.Gcmp256,
            10 => RtCipher.Ccmp256,
            _ => null,
        };
    }
}
