using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

/// <summary>AES-CMAC (RFC 4493 / NIST SP 800-38B), as BIP-CMAC-128 uses it (truncated to 8 bytes
/// by the caller). Allocation-free; the block cipher follows <see cref="CryptoPath.Current"/>.</summary>
public static class AesCmac
{
    public static void Compute(AesKey key, ReadOnlySpan<byte> data, Span<byte> mac16)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (mac16.Length != 16)
            throw new RtException(RtStatus.InvalidArgument, $"AesCmac.Compute: MAC buffer length {mac16.Length}: must be 16");
        var l = key.Encrypt(Vector128<byte>.Zero);
        var k1 = Double(l);
        var x = Vector128<byte>.Zero;
        int full = data.Length == 0 ? 0 : (data.Length - 1) / 16; // blocks before the last one
        for (int i = 0; i < full; i++) x = key.Encrypt(x ^ Vector128.Create(data.Slice(16 * i)));
        var last = data.Slice(16 * full);
        Vector128<byte> m;
        if (last.Length == 16)
        {
            m = Vector128.Create(last) ^ k1;
        }
        else
        {
            Span<byte> pad = stackalloc byte[16];
            pad.Clear();
            last.CopyTo(pad);
            pad[last.Length] = 0x80;
            m = Vector128.Create((ReadOnlySpan<byte>)pad) ^ Double(k1);
        }
        key.Encrypt(x ^ m).CopyTo(mac16);
    }

    /// <summary>Multiplication by x in GF(2^128) with the CMAC polynomial (big-endian bit order).</summary>
    private static Vector128<byte> Double(Vector128<byte> v)
    {
        Span<byte> b = stackalloc byte[16];
        v.CopyTo(b);
        int carry = b[0] >> 7;
        for (int i = 0; i < 15; i++) b[i] = (byte)((b[i] << 1) | (b[i + 1] >> 7));
        b[15] = (byte)((b[15] << 1) ^ (0x87 & -carry));
        return Vector128.Create((ReadOnlySpan<byte>)b);
    }
}
