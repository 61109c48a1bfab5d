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
    public static bool IsSupported => System.Runtime.Intrinsics.X86.Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported;

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
        // Remaining whole blocks, then a partial one.
        int rest = len - (int)off;
        while (rest >= 16)
        {
            ctr += One;
            var k = Enc1(ref rk, rounds, Reflect(ctr.AsByte()));
            var i = Vector128.LoadUnsafe(ref src, off);
            var o = i ^ k;
            o.StoreUnsafe(ref dst, off);
            y = Multiply(y ^ Reflect(encrypt ? o : i), h1);
            off += 16; rest -= 16;
        }
        if (rest > 0)
        {
            ctr += One;
            y = CryptTail(ref rk, rounds, y, h1, Reflect(ctr.AsByte()), input.Slice((int)off), output.Slice((int)off), encrypt);
        }
        // Length block: bit lengths of AAD and ciphertext, 64-bit big-endian each.
        var lengths = Vector128.Create((ulong)input.Length * 8, (ulong)aad.Length * 8).AsByte(); // already reflected
        y = Multiply(y ^ lengths, h1);
        return Reflect(y) ^ Enc1(ref rk, rounds, j0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<byte> CryptTail(ref Vector128<byte> rk, int rounds, Vector128<byte> y, Vector128<byte> h1,
        Vector128<byte> counter, ReadOnlySpan<byte> input, Span<byte> output, bool encrypt)
    {
        var k = Enc1(ref rk, rounds, counter);
        var i = Block.LoadPadded(input);
        if (!encrypt) y = Multiply(y ^ Reflect(i), h1);
        var o = i ^ k;
        Span<byte> tmp = stackalloc byte[16];
        tmp.Clear();
        Block.StorePartial(o, tmp.Slice(0, input.Length));
        tmp.Slice(0, input.Length).CopyTo(output);
        if (encrypt) y = Multiply(y ^ Reflect(Vector128.Create((ReadOnlySpan<byte>)tmp)), h1);
        return y;
    }
}
