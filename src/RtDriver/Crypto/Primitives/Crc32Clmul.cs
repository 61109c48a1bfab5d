using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// CRC-32 (reflected 0xEDB88320) by carry-less multiplication folding, after Gopal et al.,
/// "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ" (Intel, 2009): four 128-bit
/// lanes fold 64 bytes per step, then fold to 128 bits, to 64, and a Barrett reduction to 32.
/// The constants are x^k mod P for the fold distances (bit-reflected), and the Barrett pair
/// (P, floor(x^64 / P)). Works on the raw register (no pre/post inversion).
/// </summary>
internal static class Crc32Clmul
{
    public static bool IsSupported => Pclmulqdq.IsSupported;

    // Constants, not static readonly fields: the compiler emits each as read-only data, where a
    // static field costs a class-initialisation check whose (cold) helper call, inside the
    // stitched TKIP loop, made the register allocator spill Michael's state every block.
    private static Vector128<ulong> K1K2 => Vector128.Create(0x0154442bd4UL, 0x01c6e41596UL);
    private static Vector128<ulong> K3K4 => Vector128.Create(0x01751997d0UL, 0x00ccaa009eUL);
    private static Vector128<ulong> K5K0 => Vector128.Create(0x0163cd6124UL, 0UL);
    private static Vector128<ulong> Poly => Vector128.Create(0x01db710641UL, 0x01f7011641UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    /// <summary>Updates the register over data (length ≥ 64 and a multiple of 16).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int len = data.Length;
        var x1 = Vector128.LoadUnsafe(ref p).AsUInt64() ^ Vector128.CreateScalar(crc).AsUInt64();
        var x2 = Vector128.LoadUnsafe(ref p, 16).AsUInt64();
        var x3 = Vector128.LoadUnsafe(ref p, 32).AsUInt64();
        var x4 = Vector128.LoadUnsafe(ref p, 48).AsUInt64();
        nuint off = 64;
        len -= 64;
        var k = K1K2;
        while (len >= 64)
        {
            x1 = Fold(x1, k, Vector128.LoadUnsafe(ref p, off).AsUInt64());
            x2 = Fold(x2, k, Vector128.LoadUnsafe(ref p, off + 16).AsUInt64());
            x3 = Fold(x3, k, Vector128.LoadUnsafe(ref p, off + 32).AsUInt64());
            x4 = Fold(x4, k, Vector128.LoadUnsafe(ref p, off + 48).AsUInt64());
            off += 64; len -= 64;
        }
        k = K3K4;
        x1 = Fold(x1, k, x2);
        x1 = Fold(x1, k, x3);
        x1 = Fold(x1, k, x4);
        while (len >= 16)
        {
            x1 = Fold(x1, k, Vector128.LoadUnsafe(ref p, off).AsUInt64());
            off += 16; len -= 16;
        }
        return Reduce(x1);
    }

    /// <summary>Starts a single-lane fold: the first 16 data bytes with the register XORed in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Start16(uint register, ulong bytes0to7, ulong bytes8to15) =>
        Vector128.Create(bytes0to7 ^ register, bytes8to15);

    /// <summary>Folds the lane over the next 16 data bytes (for callers that walk the data in
    /// 16-byte steps while doing other work, as the stitched TKIP loop does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Fold16(Vector128<ulong> x, ulong bytes0to7, ulong bytes8to15) =>
        Fold(x, K3K4, Vector128.Create(bytes0to7, bytes8to15));

    /// <summary>The register value of a lane folded over all the data so far.</summary>
    public static uint Reduce(Vector128<ulong> x1)
    {
        var k = K3K4;
        // 128 → 64 bits.
        var mask32 = Vector128.Create(~0u, 0, ~0u, 0).AsUInt64();
        var x2b = Pclmulqdq.CarrylessMultiply(x1, k, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1, 8) ^ x2b;
        var x2c = Sse2.ShiftRightLogical128BitLane(x1, 4);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & mask32, K5K0, 0x00) ^ x2c;
        // Barrett reduction to 32 bits.
        var t = Pclmulqdq.CarrylessMultiply(x1 & mask32, Poly, 0x10) & mask32;
        t = Pclmulqdq.CarrylessMultiply(t, Poly, 0x00);
        x1 ^= t;
        return x1.AsUInt32().GetElement(1);
    }
}
