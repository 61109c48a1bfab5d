using System.Security.Cryptography;

namespace RtDriver.Wpa;

/// <summary>AES-CMAC (RFC 4493), the EAPOL-Key MIC of descriptor version 3 (AKM 5 and 6). One call per
/// handshake message, so it runs on System.Security.Cryptography's AES-ECB.</summary>
public static class AesCmac
{
    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        Span<byte> l = stackalloc byte[16];
        l.Clear();
        aes.EncryptEcb(l, l, PaddingMode.None);
        Span<byte> k1 = stackalloc byte[16], k2 = stackalloc byte[16];
        DoubleBlock(l, k1);
        DoubleBlock(k1, k2);
        int blocks = Math.Max(1, (message.Length + 15) / 16);
        bool complete = message.Length > 0 && message.Length % 16 == 0;
        Span<byte> x = stackalloc byte[16];
        x.Clear();
        for (int i = 0; i < blocks - 1; i++)
        {
            for (int k = 0; k < 16; k++) x[k] ^= message[16 * i + k];
            aes.EncryptEcb(x, x, PaddingMode.None);
        }
        var last = message[(16 * (blocks - 1))..];
        Span<byte> m = stackalloc byte[16];
        m.Clear();
        last.CopyTo(m);
        if (!complete) m[last.Length] = 0x80;
        var sub = complete ? k1 : k2;
        for (int k = 0; k < 16; k++) x[k] ^= (byte)(m[k] ^ sub[k]);
        aes.EncryptEcb(x, x, PaddingMode.None);
        return x.ToArray();
    }

    private static void DoubleBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int carry = 0;
        for (int i = 15; i >= 0; i--)
        {
            int v = (input[i] << 1) | carry;
            carry = input[i] >> 7;
            output[i] = (byte)v;
        }
        if ((input[0] & 0x80) != 0) output[15] ^= 0x87;
    }
}
