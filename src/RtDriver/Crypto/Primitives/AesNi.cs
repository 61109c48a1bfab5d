using System.Runtime.CompilerServices;
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
