using System.Globalization;

namespace RtDriver.Wpa;

/// <summary>
/// A key given on the command line (<c>--key CIPHER:HEX[@KEYID]</c>) for frames no handshake covers:
/// WEP keys, or a known TK/GTK. Key material uses the rt_key layouts (TKIP: TK | Michael key of the
/// receiver's transmissions | Michael key of the frames it receives). Without @KEYID the key is tried
/// for any key id in the frame (as airdecap-ng does for WEP).
/// </summary>
public sealed record CaptureKey(RtCipher Cipher, byte[] Key, int? KeyId)
{
    public static CaptureKey Parse(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) throw RtException.InvalidArgument($"key '{text}' must be CIPHER:HEX[@KEYID], e.g. wep:1f1f1f1f1f or ccmp:00112233445566778899aabbccddeeff");
        string name = text[..colon];
        string rest = text[(colon + 1)..];
        int? keyId = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (!int.TryParse(rest[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id > 3)
                throw RtException.InvalidArgument($"key id '{rest[(at + 1)..]}' in '{text}' must be 0..3");
            keyId = id;
            rest = rest[..at];
        }
        string hex = rest.Replace(":", "").Replace("-", "");
        if (hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
            throw RtException.InvalidArgument($"key material '{rest}' in '{text}' is not hex");
        var key = Convert.FromHexString(hex);
        // The library's one spelling rule for cipher names; plain "wep" takes its size from the key.
        RtCipher cipher = RtCipherInfo.TryParse(name) switch
        {
            null => throw RtException.InvalidArgument($"unknown cipher '{name}' in '{text}' (known: {RtCipherInfo.KnownNames}; case, '-' and '_' do not matter)"),
            RtCipher.Wep40 when name.Trim().Equals("wep", StringComparison.OrdinalIgnoreCase) => key.Length == 13 ? RtCipher.Wep104 : RtCipher.Wep40,
            { } c when RtCipherInfo.IsBipCipher(c) => throw RtException.InvalidArgument(
                $"{RtCipherInfo.NameOf(c)} in '{text}' protects management frames only; capture decryption takes data-frame keys (wep, tkip, ccmp, ccmp256, gcmp, gcmp256)"),
            { } c => c,
        };
        int expected = RtCipherInfo.KeyLengthOf(cipher);
        if (key.Length != expected)
            throw RtException.InvalidArgument($"{name} key '{rest}' is {key.Length} bytes; {RtCipherInfo.NameOf(cipher)} needs {expected}");
        return new CaptureKey(cipher, key, keyId);
    }
}
