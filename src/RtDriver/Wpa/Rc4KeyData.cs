namespace RtDriver.Wpa;

/// <summary>
/// The RC4 protection of EAPOL-Key Key Data for descriptor version 1 (WPA1 and TKIP RSN):
/// RC4 keyed with Key IV || KEK, the first 256 bytes of keystream discarded (802.11 12.7.2 b.7).
/// </summary>
public static class Rc4KeyData
{
    public static byte[] Decrypt(ReadOnlySpan<byte> keyIv, ReadOnlySpan<byte> kek, ReadOnlySpan<byte> data)
    {
        Span<byte> key = stackalloc byte[32];
        keyIv.CopyTo(key);
        kek.CopyTo(key[keyIv.Length..]);
        key = key[..(keyIv.Length + kek.Length)];
        // RC4 with the first 256 keystream bytes discarded: run it over 256 + n bytes, keep the tail.
        var buffer = new byte[256 + data.Length];
        data.CopyTo(buffer.AsSpan(256));
        RtDriver.Crypto.Primitives.Rc4.Crypt(key, buffer, buffer);
        var output = buffer[256..];
        return output;
    }
}
