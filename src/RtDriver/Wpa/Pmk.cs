using System.Security.Cryptography;
using System.Text;

namespace RtDriver.Wpa;

/// <summary>The PSK-to-PMK mapping of IEEE 802.11 (Annex J.4): PBKDF2-HMAC-SHA1(passphrase, SSID, 4096, 256 bits).</summary>
public static class Pmk
{
    public const int Length = 32;

    /// <summary>The PMK for an ASCII passphrase of 8..63 printable characters and an SSID of 0..32 bytes.</summary>
    public static byte[] FromPassphrase(string passphrase, string ssid) =>
        FromPassphrase(passphrase, Encoding.UTF8.GetBytes(ssid));

    public static byte[] FromPassphrase(string passphrase, ReadOnlySpan<byte> ssid)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length is < 8 or > 63)
            throw RtException.InvalidArgument($"WPA passphrase must be 8..63 characters, got {passphrase.Length}");
        foreach (char c in passphrase)
            if (c is < ' ' or > '~')
                throw RtException.InvalidArgument($"WPA passphrase must be printable ASCII (character U+{(int)c:X4} is not)");
        if (ssid.Length > 32)
            throw RtException.InvalidArgument($"SSID must be at most 32 bytes, got {ssid.Length}");
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(passphrase), ssid, 4096, HashAlgorithmName.SHA1, Length);
    }

    /// <summary>A PMK given directly as 64 hex digits (the wpa_supplicant "psk=" raw form).</summary>
    public static byte[] FromHex(string hex)
    {
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            throw RtException.InvalidArgument($"a raw PSK must be 64 hex digits, got '{hex}'");
        return Convert.FromHexString(hex);
    }
}
