using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;
using Sse2 = System.Runtime.Intrinsics.X86.Sse2;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// AES with the x86 AES-NI instructions: constant time (no memory lookups indexed by secrets),
/// key schedule via AESKEYGENASSIST. Only called when <see cref="X86Aes.IsSupported"/>.
/// </summary>
internal static class AesNi
{
    public static void ExpandKey(ReadOnlySpan<byte> key, Vector128<byte>[] rk)
    {
        if (key.Length == 16)
        {
            var k = Vector128.Create(key);
            rk[0] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x01)); rk[1] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x02)); rk[2] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x04)); rk[3] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x08)); rk[4] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x10)); rk[5] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x20)); rk[6] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x40)); rk[7] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x80)); rk[8] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x1B)); rk[9] = k;
            k = Expand128(k, X86Aes.KeygenAssist(k, 0x36)); rk[10] = k;
        }
        else
        {
            var a = Vector128.Create(key);
            var b = Vector128.Create(key.Slice(16));
            rk[0] = a; rk[1] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x01)); rk[2] = a; b = Expand256Odd(b, a); rk[3] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x02)); rk[4] = a; b = Expand256Odd(b, a); rk[5] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x04)); rk[6] = a; b = Expand256Odd(b, a); rk[7] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x08)); rk[8] = a; b = Expand256Odd(b, a); rk[9] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x10)); rk[10] = a; b = Expand256Odd(b, a); rk[11] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x20)); rk[12] = a; b = Expand256Odd(b, a); rk[13] = b;
            a = Expand128(a, X86Aes.KeygenAssist(b, 0x40)); rk[14] = a;
        }
    }

    // w[i..i+3] from w[i-4..i-1] (in k) and the assist result whose top dword is the RotWord/SubWord/Rcon term.
    private static Vector128<byte> Expand128(Vector128<byte> k, Vector128<byte> assist)
    {
        var t = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        k = Sse2.Xor(k, Sse2.ShiftLeftLogical128BitLane(k, 4));
        k = Sse2.Xor(k, Sse2.ShiftLeftLogical128BitLane(k, 4));
        k = Sse2.Xor(k, Sse2.ShiftLeftLogical128BitLane(k, 4));
        return Sse2.Xor(k, t);
    }

    // AES-256 odd round keys: SubWord without rotation or Rcon (dword 2 of the assist).
    private static Vector128<byte> Expand256Odd(Vector128<byte> b, Vector128<byte> a)
    {
        var t = Sse2.Shuffle(X86Aes.KeygenAssist(a, 0x00).AsUInt32(), 0xAA).AsByte();
        b = Sse2.Xor(b, Sse2.ShiftLeftLogical128BitLane(b, 4));
        b = Sse2.Xor(b, Sse2.ShiftLeftLogical128BitLane(b, 4));
        b = Sse2.Xor(b, Sse2.ShiftLeftLogical128BitLane(b, 4));
        return Sse2.Xor(b, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Encrypt(AesKey key, Vector128<byte> b)
    {
        var rk = key.RoundKeys;
        int n = key.Rounds;
        b = Sse2.Xor(b, rk[0]);
        for (int r = 1; r < n; r++) b = X86Aes.Encrypt(b, rk[r]);
        return X86Aes.EncryptLast(b, rk[n]);
    }
}

/// <summary>Interleaved AES-NI rounds for several independent blocks: the AES unit has a latency
/// of ~4 cycles and a throughput of 1/cycle, so independent streams run almost for free beside
/// each other. Round keys are read from the key's array (memory operands; L1-resident).</summary>
internal static class AesNiRounds
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Enc1(ref Vector128<byte> rk, int rounds, Vector128<byte> a)
    {
        a ^= rk;
        a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 1)); a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 2));
        a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 3)); a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 4));
        a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 5)); a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 6));
        a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 7)); a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 8));
        a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 9));
        if (rounds > 10)
        {
            a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 10)); a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 11));
            a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 12)); a = X86Aes.Encrypt(a, Unsafe.Add(ref rk, 13));
        }
        return X86Aes.EncryptLast(a, Unsafe.Add(ref rk, rounds));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enc2(ref Vector128<byte> rk, int rounds, ref Vector128<byte> a, ref Vector128<byte> b)
    {
        var k = rk;
        var x0 = a ^ k; var x1 = b ^ k;
        MiddleRounds2(ref rk, rounds, ref x0, ref x1);
        k = Unsafe.Add(ref rk, rounds);
        a = X86Aes.EncryptLast(x0, k); b = X86Aes.EncryptLast(x1, k);
    }

    /// <summary>
    /// Rounds 1 .. rounds-1 on two independent blocks (already whitened with round key 0), leaving
    /// the last round to the caller: the fused CCM loops end the CBC-MAC block and the keystream
    /// block with different last-round keys. Two interleaved streams keep both AES units busy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MiddleRounds2(ref Vector128<byte> rk, int rounds, ref Vector128<byte> a, ref Vector128<byte> b)
    {
        var r = Unsafe.Add(ref rk, 1); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 2); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 3); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 4); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 5); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 6); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 7); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 8); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        r = Unsafe.Add(ref rk, 9); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        if (rounds > 10)
        {
            r = Unsafe.Add(ref rk, 10); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
            r = Unsafe.Add(ref rk, 11); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
            r = Unsafe.Add(ref rk, 12); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
            r = Unsafe.Add(ref rk, 13); a = X86Aes.Encrypt(a, r); b = X86Aes.Encrypt(b, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enc4(ref Vector128<byte> rk, int rounds, ref Vector128<byte> a, ref Vector128<byte> b, ref Vector128<byte> c, ref Vector128<byte> d)
    {
        var k = rk;
        var x0 = a ^ k; var x1 = b ^ k; var x2 = c ^ k; var x3 = d ^ k;
        k = Unsafe.Add(ref rk, 1);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 2);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 3);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 4);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 5);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 6);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 7);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 8);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        k = Unsafe.Add(ref rk, 9);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        if (rounds > 10)
        {
            k = Unsafe.Add(ref rk, 10);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
            k = Unsafe.Add(ref rk, 11);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
            k = Unsafe.Add(ref rk, 12);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
            k = Unsafe.Add(ref rk, 13);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k);
        }
        k = Unsafe.Add(ref rk, rounds);
        a = X86Aes.EncryptLast(x0, k); b = X86Aes.EncryptLast(x1, k); c = X86Aes.EncryptLast(x2, k); d = X86Aes.EncryptLast(x3, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enc8(ref Vector128<byte> rk, int rounds, ref Vector128<byte> a, ref Vector128<byte> b, ref Vector128<byte> c, ref Vector128<byte> d, ref Vector128<byte> e, ref Vector128<byte> f, ref Vector128<byte> g, ref Vector128<byte> h)
    {
        var k = rk;
        var x0 = a ^ k; var x1 = b ^ k; var x2 = c ^ k; var x3 = d ^ k; var x4 = e ^ k; var x5 = f ^ k; var x6 = g ^ k; var x7 = h ^ k;
        k = Unsafe.Add(ref rk, 1);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 2);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 3);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 4);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 5);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 6);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 7);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 8);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        k = Unsafe.Add(ref rk, 9);
        x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        if (rounds > 10)
        {
            k = Unsafe.Add(ref rk, 10);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
            k = Unsafe.Add(ref rk, 11);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
            k = Unsafe.Add(ref rk, 12);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
            k = Unsafe.Add(ref rk, 13);
            x0 = X86Aes.Encrypt(x0, k); x1 = X86Aes.Encrypt(x1, k); x2 = X86Aes.Encrypt(x2, k); x3 = X86Aes.Encrypt(x3, k); x4 = X86Aes.Encrypt(x4, k); x5 = X86Aes.Encrypt(x5, k); x6 = X86Aes.Encrypt(x6, k); x7 = X86Aes.Encrypt(x7, k);
        }
        k = Unsafe.Add(ref rk, rounds);
        a = X86Aes.EncryptLast(x0, k); b = X86Aes.EncryptLast(x1, k); c = X86Aes.EncryptLast(x2, k); d = X86Aes.EncryptLast(x3, k); e = X86Aes.EncryptLast(x4, k); f = X86Aes.EncryptLast(x5, k); g = X86Aes.EncryptLast(x6, k); h = X86Aes.EncryptLast(x7, k);
    }
}
