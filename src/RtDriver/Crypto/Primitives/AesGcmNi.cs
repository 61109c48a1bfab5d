using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static RtDriver.Crypto.Primitives.AesNiRounds;
using static RtDriver.Crypto.Primitives.GhashClmul;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// GCM on AES-NI + PCLMULQDQ: CTR eight blocks wide (8 independent AES streams) and GHASH of the
/// same eight blocks with aggregated reduction (one reduction per 8 blocks, H^8..H^1
/// precomputed in the key). Constant time. Decrypt hashes the ciphertext before it is
/// overwritten, so in place works.
/// </summary>
[SkipLocalsInit]
internal static class AesGcmNi
{
    private static readonly Vector128<uint> One = Vector128.Create(1u, 0, 0, 0);

    /// <summary>GHASH of zero-padded data into y (reflected), one block at a time (AAD: short).</summary>
    private static Vector128<byte> HashPadded(Vector128<byte> y, Vector128<byte> h, ReadOnlySpan<byte> data)
    {
        ref byte d = ref MemoryMarshal.GetReference(data);
        int full = data.Length >> 4;
        for (int i = 0; i < full; i++)
            y = Multiply(y ^ Reflect(Vector128.LoadUnsafe(ref d, (nuint)(i * 16))), h);
        if ((data.Length & 15) != 0)
            y = Multiply(y ^ Reflect(Block.LoadPadded(data.Slice(full * 16))), h);
        return y;
    }

    /// <summary>y = (y ^ c0)·H^8 ^ c1·H^7 ^ ... ^ c7·H, one reduction (aggregated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Hash8(Vector128<byte> y, ref Vector128<byte> hp, ref byte p, nuint off)
    {
        Vector128<ulong> lo = default, mid = default, hi = default;
        MulAcc(y ^ Reflect(Vector128.LoadUnsafe(ref p, off)), Unsafe.Add(ref hp, 7), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 16)), Unsafe.Add(ref hp, 6), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 32)), Unsafe.Add(ref hp, 5), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 48)), Unsafe.Add(ref hp, 4), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 64)), Unsafe.Add(ref hp, 3), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 80)), Unsafe.Add(ref hp, 2), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 96)), Unsafe.Add(ref hp, 1), ref lo, ref mid, ref hi);
        MulAcc(Reflect(Vector128.LoadUnsafe(ref p, off + 112)), hp, ref lo, ref mid, ref hi);
        return Reduce(lo, mid, hi);
    }

    /// <summary>Encrypts (or decrypts) and returns the full 16-byte tag computed over AAD and ciphertext.</summary>
    public static Vector128<byte> Crypt(GcmKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> input, Span<byte> output, bool encrypt)
    {
        var aes = key.Aes;
        ref var rk = ref MemoryMarshal.GetArrayDataReference(aes.RoundKeys);
        int rounds = aes.Rounds;
        ref var hp = ref MemoryMarshal.GetArrayDataReference(key.HPowers);
        var h1 = hp;

        var j0 = AesGcm80211.J0(nonce);
        var y = HashPadded(Vector128<byte>.Zero, h1, aad);
        // Counter kept byte-reflected so inc32 is a plain 32-bit add on lane 0.
        var ctr = Reflect(j0).AsUInt32();
        ref byte src = ref MemoryMarshal.GetReference(input);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        int len = input.Length;
        nuint off = 0;
        int blocks8 = len >> 7;
        // Software pipelining: GHASH never waits for the AES of the same group. Decrypt hashes a
        // group's ciphertext before decrypting it (independent work, and in place stays correct);
        // encrypt hashes the previous group's ciphertext (already stored) after starting this
        // group's AES, so the PCLMULQDQ and AESENC streams overlap.
        for (int g = 0; g < blocks8; g++, off += 128)
        {
            if (!encrypt) y = Hash8(y, ref hp, ref src, off);
            var c0 = ctr + One; var c1 = c0 + One; var c2 = c1 + One; var c3 = c2 + One;
            var c4 = c3 + One; var c5 = c4 + One; var c6 = c5 + One; var c7 = c6 + One;
            ctr = c7;
            var k0 = Reflect(c0.AsByte()); var k1 = Reflect(c1.AsByte()); var k2 = Reflect(c2.AsByte()); var k3 = Reflect(c3.AsByte());
            var k4 = Reflect(c4.AsByte()); var k5 = Reflect(c5.AsByte()); var k6 = Reflect(c6.AsByte()); var k7 = Reflect(c7.AsByte());
            Enc8(ref rk, rounds, ref k0, ref k1, ref k2, ref k3, ref k4, ref k5, ref k6, ref k7);
            (Vector128.LoadUnsafe(ref src, off) ^ k0).StoreUnsafe(ref dst, off);
            (Vector128.LoadUnsafe(ref src, off + 16) ^ k1).StoreUnsafe(ref dst, off + 16);
            (Vector128.LoadUnsafe(ref src, off + 32) ^ k2).StoreUnsafe(ref dst, off + 32);
            (Vector128.LoadUnsafe(ref src, off + 48) ^ k3).StoreUnsafe(ref dst, off + 48);
            (Vector128.LoadUnsafe(ref src, off + 64) ^ k4).StoreUnsafe(ref dst, off + 64);
            (Vector128.LoadUnsafe(ref src, off + 80) ^ k5).StoreUnsafe(ref dst, off + 80);
            (Vector128.LoadUnsafe(ref src, off + 96) ^ k6).StoreUnsafe(ref dst, off + 96);
            (Vector128.LoadUnsafe(ref src, off + 112) ^ k7).StoreUnsafe(ref dst, off + 112);
            if (encrypt && g > 0) y = Hash8(y, ref hp, ref dst, off - 128);
        }
        if (encrypt && blocks8 > 0) y = Hash8(y, ref hp, ref dst, off - 128);
        // The last 0..127 bytes: one 8-wide keystream and one aggregated GHASH, not a chain of
        // single blocks each waiting on its own AES and reduction.
        int rest = len - (int)off;
        if (rest > 0)
            y = CryptRest(ref rk, rounds, ref hp, y, ctr, input.Slice((int)off), output.Slice((int)off), encrypt);
        // Length block: bit lengths of AAD and ciphertext, 64-bit big-endian each.
        var lengths = Vector128.Create((ulong)input.Length * 8, (ulong)aad.Length * 8).AsByte(); // already reflected
        y = Multiply(y ^ lengths, h1);
        return Reflect(y) ^ Enc1(ref rk, rounds, j0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<byte> CryptRest(ref Vector128<byte> rk, int rounds, ref Vector128<byte> hp, Vector128<byte> y,
        Vector128<uint> ctr, ReadOnlySpan<byte> input, Span<byte> output, bool encrypt)
    {
        int rest = input.Length, nb = (rest + 15) >> 4; // 1..8 blocks, the last maybe partial
        var c0 = ctr + One; var c1 = c0 + One; var c2 = c1 + One; var c3 = c2 + One;
        var c4 = c3 + One; var c5 = c4 + One; var c6 = c5 + One; var c7 = c6 + One;
        var k0 = Reflect(c0.AsByte()); var k1 = Reflect(c1.AsByte()); var k2 = Reflect(c2.AsByte()); var k3 = Reflect(c3.AsByte());
        var k4 = Reflect(c4.AsByte()); var k5 = Reflect(c5.AsByte()); var k6 = Reflect(c6.AsByte()); var k7 = Reflect(c7.AsByte());
        Enc8(ref rk, rounds, ref k0, ref k1, ref k2, ref k3, ref k4, ref k5, ref k6, ref k7);
        Span<byte> ks = stackalloc byte[128];
        ref byte kb = ref MemoryMarshal.GetReference(ks);
        k0.StoreUnsafe(ref kb, 0); k1.StoreUnsafe(ref kb, 16); k2.StoreUnsafe(ref kb, 32); k3.StoreUnsafe(ref kb, 48);
        k4.StoreUnsafe(ref kb, 64); k5.StoreUnsafe(ref kb, 80); k6.StoreUnsafe(ref kb, 96); k7.StoreUnsafe(ref kb, 112);
        // Ciphertext, zero-padded to whole blocks, for GHASH (read before output is written: in place).
        Span<byte> ct = stackalloc byte[128];
        ct.Slice(0, nb * 16).Clear();
        if (!encrypt) input.CopyTo(ct);
        ref byte ib = ref MemoryMarshal.GetReference(input);
        ref byte ob = ref MemoryMarshal.GetReference(output);
        int full = rest >> 4;
        for (int b = 0; b < full; b++)
            (Vector128.LoadUnsafe(ref ib, (nuint)(b * 16)) ^ Vector128.LoadUnsafe(ref kb, (nuint)(b * 16))).StoreUnsafe(ref ob, (nuint)(b * 16));
        // The partial last block: 8 + 4 + 1..3 bytes unchecked (the lengths are public), not a
        // bounds-checked byte loop of up to 15 steps.
        int t = full * 16;
        if (rest - t >= 8)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref ob, t), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ib, t)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref kb, t)));
            t += 8;
        }
        if (rest - t >= 4)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref ob, t), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref ib, t)) ^ Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref kb, t)));
            t += 4;
        }
        for (; t < rest; t++) Unsafe.Add(ref ob, t) = (byte)(Unsafe.Add(ref ib, t) ^ Unsafe.Add(ref kb, t));
        if (encrypt) output.Slice(0, rest).CopyTo(ct);
        ref byte cb = ref MemoryMarshal.GetReference(ct);
        Vector128<ulong> lo = default, mid = default, hi = default;
        for (int b = 0; b < nb; b++)
        {
            var x = Reflect(Vector128.LoadUnsafe(ref cb, (nuint)(b * 16)));
            if (b == 0) x ^= y;
            MulAcc(x, Unsafe.Add(ref hp, nb - 1 - b), ref lo, ref mid, ref hi);
        }
        return Reduce(lo, mid, hi);
    }
}
