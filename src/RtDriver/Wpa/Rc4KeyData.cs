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
        Span<byte> s = stackalloc byte[256];
        for (int k = 0; k < 256; k++) s[k] = (byte)k;
        for (int k = 0, j = 0; k < 256; k++)
        {
            j = (j + s[k] + key[k % key.Length]) & 0xFF;
            (s[k], s[j]) = (s[j], s[k]);
        }
        var output = new byte[data.Length];
        int x = 0, y = 0;
        for (int n = -256; n < data.Length; n++)
        {
            x = (x + 1) & 0xFF;
            y = (y + s[x]) & 0xFF;
            (s[x], s[y]) = (s[y], s[x]);
            if (n >= 0) output[n] = (byte)(data[n] ^ s[(s[x] + s[y]) & 0xFF]);
        }
        return output;
    }
}
