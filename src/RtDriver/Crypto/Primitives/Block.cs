using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

/// <summary>Small 16-byte block helpers shared by the modes (allocation-free).</summary>
[SkipLocalsInit]
internal static class Block
{
    /// <summary>Loads up to 16 bytes, zero-padding a short tail (the padding CCM, GCM and CMAC use).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> LoadPadded(ReadOnlySpan<byte> src)
    {
        if (src.Length >= 16) return Vector128.Create(src);
        Span<byte> b = stackalloc byte[16];
        b.Clear();
        src.CopyTo(b);
        return Vector128.Create((ReadOnlySpan<byte>)b);
    }

    /// <summary>Stores the first dst.Length (at most 16) bytes of v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector128<byte> v, Span<byte> dst)
    {
        if (dst.Length >= 16) { v.CopyTo(dst); return; }
        Span<byte> b = stackalloc byte[16];
        v.CopyTo(b);
        b.Slice(0, dst.Length).CopyTo(dst);
    }

    /// <summary>Throws unless a and b are either the same span start or disjoint (in place or separate).
    /// <paramref name="job"/> ≥ 0 names a batch job; the message is only built on failure.</summary>
    public static void CheckInPlaceOrDisjoint(ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, string what, int job = -1)
    {
        if (input.Overlaps(output, out int offset) && offset != 0)
            throw new RtException(RtStatus.InvalidArgument, (job >= 0 ? $"{what}: job {job}" : what) +
                $": input and output overlap at offset {offset}; they must be the same buffer or disjoint");
    }

    public static void WriteBE16(Span<byte> b, int v) => BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
}
