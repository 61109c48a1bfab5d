using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// GHASH with PCLMULQDQ (constant time), after Gueron and Kounavis' "Intel Carry-Less
/// Multiplication Instruction and its Usage for Computing the GCM Mode": values are kept
/// byte-reflected; a product is four carry-less multiplies into a 256-bit value, shifted left by
/// one bit (the bit reflection) and reduced modulo x^128 + x^7 + x^2 + x + 1. Aggregated
/// reduction: several blocks are multiplied by H^n..H^1 and their un-reduced products XORed,
/// so there is one reduction per group (the shift and reduction are linear).
/// </summary>
internal static class GhashClmul
{
    public const int Powers = 8;

    public static readonly Vector128<byte> ReverseBytes = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Reflect(Vector128<byte> v) => Ssse3.Shuffle(v, ReverseBytes);

    /// <summary>H^1..H^Powers (reflected) from H (as stored: GCM byte order).</summary>
    public static void BuildPowers(Vector128<byte> h, Vector128<byte>[] powers)
    {
        var hr = Reflect(h);
        powers[0] = hr;
        for (int i = 1; i < powers.Length; i++) powers[i] = Multiply(powers[i - 1], hr);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulAcc(Vector128<byte> a, Vector128<byte> b,
        ref Vector128<ulong> lo, ref Vector128<ulong> mid, ref Vector128<ulong> hi)
    {
        var x = a.AsUInt64(); var y = b.AsUInt64();
        lo ^= Pclmulqdq.CarrylessMultiply(x, y, 0x00);
        hi ^= Pclmulqdq.CarrylessMultiply(x, y, 0x11);
        mid ^= Pclmulqdq.CarrylessMultiply(x, y, 0x10) ^ Pclmulqdq.CarrylessMultiply(x, y, 0x01);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Reduce(Vector128<ulong> lo, Vector128<ulong> mid, Vector128<ulong> hi)
    {
        var t3 = (lo ^ Sse2.ShiftLeftLogical128BitLane(mid, 8)).AsUInt32();
        var t6 = (hi ^ Sse2.ShiftRightLogical128BitLane(mid, 8)).AsUInt32();
        // 256-bit shift left by one (the reflected representation).
        var t7 = Sse2.ShiftRightLogical(t3, 31);
        var t8 = Sse2.ShiftRightLogical(t6, 31);
        t3 = Sse2.ShiftLeftLogical(t3, 1);
        t6 = Sse2.ShiftLeftLogical(t6, 1);
        var t9 = Sse2.ShiftRightLogical128BitLane(t7, 12);
        t8 = Sse2.ShiftLeftLogical128BitLane(t8, 4);
        t7 = Sse2.ShiftLeftLogical128BitLane(t7, 4);
        t3 |= t7;
        t6 |= t8 | t9;
        // Reduction, first phase.
        t7 = Sse2.ShiftLeftLogical(t3, 31) ^ Sse2.ShiftLeftLogical(t3, 30) ^ Sse2.ShiftLeftLogical(t3, 25);
        t8 = Sse2.ShiftRightLogical128BitLane(t7, 4);
        t7 = Sse2.ShiftLeftLogical128BitLane(t7, 12);
        t3 ^= t7;
        // Second phase.
        var t2 = Sse2.ShiftRightLogical(t3, 1) ^ Sse2.ShiftRightLogical(t3, 2) ^ Sse2.ShiftRightLogical(t3, 7) ^ t8;
        t3 ^= t2;
        return (t6 ^ t3).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Multiply(Vector128<byte> a, Vector128<byte> b)
    {
        Vector128<ulong> lo = default, mid = default, hi = default;
        MulAcc(a, b, ref lo, ref mid, ref hi);
        return Reduce(lo, mid, hi);
    }
}
