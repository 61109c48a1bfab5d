using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RtDriver.Wpa;

/// <summary>
/// The two key-derivation functions of IEEE 802.11: the SHA-1 PRF of 802.11i (12.7.1.2, "PRF-n")
/// and the SHA-256 KDF of 802.11w/r (12.7.1.7.2, "KDF-Hash-Length"), used for AKM 6 (PSK-SHA256).
/// </summary>
public static class KeyDerivation
{
    /// <summary>PRF-SHA1: HMAC-SHA1(K, A || 0x00 || B || i) for i = 0, 1, ..., truncated to <paramref name="outputBytes"/>.</summary>
    public static byte[] PrfSha1(ReadOnlySpan<byte> key, string label, ReadOnlySpan<byte> data, int outputBytes)
    {
        var a = Encoding.ASCII.GetBytes(label);
        var input = new byte[a.Length + 1 + data.Length + 1];
        a.CopyTo(input, 0);
        data.CopyTo(input.AsSpan(a.Length + 1));
        var output = new byte[outputBytes];
        Span<byte> block = stackalloc byte[20];
        for (int i = 0, done = 0; done < outputBytes; i++, done += 20)
        {
            input[^1] = (byte)i;
            HMACSHA1.HashData(key, input, block);
            block[..Math.Min(20, outputBytes - done)].CopyTo(output.AsSpan(done));
        }
        return output;
    }

    /// <summary>KDF-SHA256: HMAC-SHA256(K, i (LE16, from 1) || label || context || length in bits (LE16)).</summary>
    public static byte[] KdfSha256(ReadOnlySpan<byte> key, string label, ReadOnlySpan<byte> context, int outputBits)
    {
        if (outputBits <= 0 || outputBits % 8 != 0 || outputBits > 0xFFFF)
            throw RtException.InvalidArgument($"KDF output length {outputBits} bits must be a positive multiple of 8 below 65536");
        var l = Encoding.ASCII.GetBytes(label);
        var input = new byte[2 + l.Length + context.Length + 2];
        l.CopyTo(input, 2);
        context.CopyTo(input.AsSpan(2 + l.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(input.AsSpan(input.Length - 2), (ushort)outputBits);
        int outputBytes = outputBits / 8;
        var output = new byte[outputBytes];
        Span<byte> block = stackalloc byte[32];
        for (int i = 1, done = 0; done < outputBytes; i++, done += 32)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(input, (ushort)i);
            HMACSHA256.HashData(key, input, block);
            block[..Math.Min(32, outputBytes - done)].CopyTo(output.AsSpan(done));
        }
        return output;
    }
}
