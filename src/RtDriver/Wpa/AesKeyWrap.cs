using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RtDriver.Wpa;

/// <summary>
/// AES Key Wrap (RFC 3394), which protects the Key Data of RSN EAPOL-Key frames (descriptor versions 2 and 3).
/// Not a data-path operation: one call per handshake, so System.Security.Cryptography's AES is used as is.
/// </summary>
public static class AesKeyWrap
{
    private const ulong DefaultIv = 0xA6A6A6A6A6A6A6A6;

    /// <summary>Wraps n 64-bit blocks (n ≥ 2) of <paramref name="plaintext"/>; output is 8 bytes longer.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.Length < 16 || plaintext.Length % 8 != 0)
            throw RtException.InvalidArgument($"key wrap input must be a multiple of 8 bytes, at least 16; got {plaintext.Length}");
        using var aes = CreateAes(kek);
        int n = plaintext.Length / 8;
        var r = new byte[8 * (n + 1)];
        plaintext.CopyTo(r.AsSpan(8));
        ulong a = DefaultIv;
        Span<byte> b = stackalloc byte[16];
        for (int j = 0; j <= 5; j++)
            for (int i = 1; i <= n; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(b, a);
                r.AsSpan(8 * i, 8).CopyTo(b[8..]);
                aes.EncryptEcb(b, b, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(b) ^ (ulong)(n * j + i);
                b[8..].CopyTo(r.AsSpan(8 * i));
            }
        BinaryPrimitives.WriteUInt64BigEndian(r, a);
        return r;
    }

    /// <summary>Unwraps; false when the integrity check value does not come out as A6A6A6A6A6A6A6A6
    /// (wrong KEK or damaged data).</summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, out byte[] plaintext)
    {
        plaintext = [];
        if (wrapped.Length < 24 || wrapped.Length % 8 != 0) return false;
        using var aes = CreateAes(kek);
        int n = wrapped.Length / 8 - 1;
        var r = wrapped[8..].ToArray();
        ulong a = BinaryPrimitives.ReadUInt64BigEndian(wrapped);
        Span<byte> b = stackalloc byte[16];
        for (int j = 5; j >= 0; j--)
            for (int i = n; i >= 1; i--)
            {
                BinaryPrimitives.WriteUInt64BigEndian(b, a ^ (ulong)(n * j + i));
                r.AsSpan(8 * (i - 1), 8).CopyTo(b[8..]);
                aes.DecryptEcb(b, b, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(b);
                b[8..].CopyTo(r.AsSpan(8 * (i - 1)));
            }
        if (a != DefaultIv) { CryptographicOperations.ZeroMemory(r); return false; }
        plaintext = r;
        return true;
    }

    private static Aes CreateAes(ReadOnlySpan<byte> kek)
    {
        if (kek.Length is not (16 or 24 or 32)) throw RtException.InvalidArgument($"KEK must be 16, 24 or 32 bytes, got {kek.Length}");
        var aes = Aes.Create();
        aes.Key = kek.ToArray();
        return aes;
    }
}
