using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// The stitched TKIP body loop (the idea of OpenSSL's stitched rc4-md5): one pass over an MSDU
/// body that does RC4, Michael and the CRC-32 ICV together, 16 bytes per step.
///
/// Why: done one after another, a 1500-byte frame costs RC4 (bound by its loads and stores) plus
/// Michael (one serial chain of ~14 ALU cycles per 4 bytes, leaving the other ALU ports idle) plus
/// the CRC. Interleaved in one loop, the out-of-order core runs Michael's chain in the slots RC4
/// leaves free, and the CRC becomes one PCLMULQDQ fold per 16 bytes on a port neither uses.
///
/// Needs PCLMULQDQ (the AES-NI crypto path); the separate <see cref="Crypt"/>,
/// <see cref="MichaelState"/> and <see cref="Crc32"/> remain the reference, and tests hold the
/// stitched loop to them byte for byte. Processes whole 16-byte blocks only and returns how many
/// bytes it did; the caller finishes the tail with the reference primitives.
/// </summary>
public partial struct Rc4Stream
{
    /// <summary>Encrypting: plaintext <paramref name="src"/> → ciphertext <paramref name="dst"/>
    /// (same address, or not overlapping). Michael words (l, r) and the raw CRC register advance over
    /// the plaintext. Returns the bytes processed (length rounded down to 16).</summary>
    internal unsafe int SealStitched(byte* src, byte* dst, int length, ref uint michaelL, ref uint michaelR, ref uint crcRegister)
    {
        int blocks = length >> 4;
        if (blocks == 0) return 0;
        ref byte s = ref _s[0];
        nint i = _i;
        nuint j = _j;
        uint l = michaelL, r = michaelR;
        Vector128<ulong> crc = default;
        for (int b = 0; b < blocks; b++)
        {
            byte* ps = src + (nint)b * 16, pd = dst + (nint)b * 16;
            ulong w0 = Unsafe.ReadUnaligned<ulong>(ps), w1 = Unsafe.ReadUnaligned<ulong>(ps + 8);
            NextBlock(ref s, ref i, ref j, ref l, ref r, w0, w1, out ulong k01, out ulong k23);
            crc = b == 0 ? Crc32Clmul.Start16(crcRegister, w0, w1) : Crc32Clmul.Fold16(crc, w0, w1);
            Unsafe.WriteUnaligned(pd, w0 ^ k01);
            Unsafe.WriteUnaligned(pd + 8, w1 ^ k23);
        }
        _i = (byte)i; _j = (byte)j;
        michaelL = l; michaelR = r;
        crcRegister = Crc32Clmul.Reduce(crc);
        return blocks * 16;
    }

    /// <summary>The next block: sixteen keystream bytes into k01/k23 while Michael takes the 16 bytes
    /// m0/m1. The block's S[i] are at fixed offsets from S[i] unless i wraps inside it (one block in
    /// 16), and i moves on by 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NextBlock(ref byte s, ref nint i, ref nuint j, ref uint l, ref uint r, ulong m0, ulong m1, out ulong k01, out ulong k23)
    {
        if (i <= 255 - 16) KeystreamAndMichael16(ref s, i, ref j, ref l, ref r, m0, m1, out k01, out k23, mayWrap: false);
        else KeystreamAndMichael16(ref s, i, ref j, ref l, ref r, m0, m1, out k01, out k23, mayWrap: true);
        i = (i + 16) & 0xFF;
    }

    /// <summary>Michael over two words (8 message bytes, little-endian).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MichaelWords(ref uint l, ref uint r, ulong m)
    {
        l ^= (uint)m; MichaelState.Mix(ref l, ref r);
        l ^= (uint)(m >> 32); MichaelState.Mix(ref l, ref r);
    }

    /// <summary>Sixteen keystream bytes, with Michael's four words of a 16-byte plaintext block
    /// (<paramref name="w0"/>, <paramref name="w1"/>) interleaved between them so that both chains
    /// are in the reorder window at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeystreamAndMichael16(ref byte s, nint i, ref nuint j, ref uint l, ref uint r, ulong w0, ulong w1,
        out ulong k01, out ulong k23, bool mayWrap)
    {
        l ^= (uint)w0; MichaelState.Mix(ref l, ref r);
        uint k0 = Keystream4(ref s, i, 1, ref j, mayWrap);
        l ^= (uint)(w0 >> 32); MichaelState.Mix(ref l, ref r);
        uint k1 = Keystream4(ref s, i, 5, ref j, mayWrap);
        l ^= (uint)w1; MichaelState.Mix(ref l, ref r);
        uint k2 = Keystream4(ref s, i, 9, ref j, mayWrap);
        l ^= (uint)(w1 >> 32); MichaelState.Mix(ref l, ref r);
        uint k3 = Keystream4(ref s, i, 13, ref j, mayWrap);
        k01 = k0 | (ulong)k1 << 32;
        k23 = k2 | (ulong)k3 << 32;
    }

    /// <summary>Decrypting: ciphertext <paramref name="src"/> → plaintext <paramref name="dst"/>
    /// (same address, not overlapping, or dst below src: each block is read before it is written).
    /// Michael and the CRC advance over the plaintext, one block behind RC4, so that Michael's chain
    /// does not wait for the keystream of the block it hashes. Returns the bytes processed.</summary>
    internal unsafe int OpenStitched(byte* src, byte* dst, int length, ref uint michaelL, ref uint michaelR, ref uint crcRegister)
    {
        int blocks = length >> 4;
        if (blocks == 0) return 0;
        ref byte s = ref _s[0];
        nint i = _i;
        nuint j = _j;
        uint l = michaelL, r = michaelR;
        // Block 0: RC4 only (Michael has no previous block yet).
        uint x0 = Keystream4(ref s, i, 1, ref j, mayWrap: true), x1 = Keystream4(ref s, i, 5, ref j, mayWrap: true);
        uint x2 = Keystream4(ref s, i, 9, ref j, mayWrap: true), x3 = Keystream4(ref s, i, 13, ref j, mayWrap: true);
        i = (i + 16) & 0xFF;
        ulong p0 = Unsafe.ReadUnaligned<ulong>(src) ^ (x0 | (ulong)x1 << 32);
        ulong p1 = Unsafe.ReadUnaligned<ulong>(src + 8) ^ (x2 | (ulong)x3 << 32);
        Unsafe.WriteUnaligned(dst, p0);
        Unsafe.WriteUnaligned(dst + 8, p1);
        var crc = Crc32Clmul.Start16(crcRegister, p0, p1);
        for (int b = 1; b < blocks; b++)
        {
            byte* ps = src + (nint)b * 16, pd = dst + (nint)b * 16;
            ulong c0 = Unsafe.ReadUnaligned<ulong>(ps), c1 = Unsafe.ReadUnaligned<ulong>(ps + 8);
            // Michael over the previous block's plaintext while this block's keystream is made.
            NextBlock(ref s, ref i, ref j, ref l, ref r, p0, p1, out ulong k01, out ulong k23);
            p0 = c0 ^ k01;
            p1 = c1 ^ k23;
            Unsafe.WriteUnaligned(pd, p0);
            Unsafe.WriteUnaligned(pd + 8, p1);
            crc = Crc32Clmul.Fold16(crc, p0, p1);
        }
        // The last block's words.
        MichaelWords(ref l, ref r, p0);
        MichaelWords(ref l, ref r, p1);
        _i = (byte)i; _j = (byte)j;
        michaelL = l; michaelR = r;
        crcRegister = Crc32Clmul.Reduce(crc);
        return blocks * 16;
    }

    /// <summary>Keystream bytes at i + k .. i + k + 3. Without a wrap (the caller checked) the four
    /// indexes are i plus constants: no per-byte increment and mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Keystream4(ref byte s, nint i, int k, ref nuint j, bool mayWrap)
    {
        uint x = NextAt(ref s, Index(i, k, mayWrap), ref j);
        x |= (uint)NextAt(ref s, Index(i, k + 1, mayWrap), ref j) << 8;
        x |= (uint)NextAt(ref s, Index(i, k + 2, mayWrap), ref j) << 16;
        x |= (uint)NextAt(ref s, Index(i, k + 3, mayWrap), ref j) << 24;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Index(nint i, int k, bool mayWrap) => mayWrap ? (i + k) & 0xFF : i + k;

    /// <summary>One PRGA step with i given. j is kept pointer-sized: a 32-bit j would be copied and
    /// widened before every use as an address (measured: two instructions per byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte NextAt(ref byte s, nint i, ref nuint j)
    {
        nuint si = Unsafe.Add(ref s, i);
        j = (j + si) & 0xFF;
        nuint sj = Unsafe.Add(ref s, (nint)j);
        Unsafe.Add(ref s, i) = (byte)sj;
        Unsafe.Add(ref s, (nint)j) = (byte)si;
        return Unsafe.Add(ref s, (nint)((si + sj) & 0xFF));
    }
}
