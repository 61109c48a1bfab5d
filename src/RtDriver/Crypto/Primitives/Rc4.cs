using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// RC4 (as WEP and TKIP use it). The state lives on the stack: nothing is allocated per call.
/// RC4 is inherently table-driven (secret-indexed), on every path; it is only here because WEP
/// and TKIP require it.
/// </summary>
public static class Rc4
{
    /// <summary>XORs the keystream of <paramref name="key"/> (1..256 bytes) into input → output
    /// (same length; in place allowed).</summary>
    public static void Crypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var s = new Rc4Stream(key);
        s.Crypt(input, output);
    }
}

/// <summary>
/// An RC4 keystream generator held by value (a 258-byte struct: state + i, j) so a caller can skip
/// keystream, then encrypt pieces in order (e.g. body, then MIC, then ICV) without copying.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public partial struct Rc4Stream
{
    private State256 _s;
    private byte _i, _j;

    [InlineArray(256)]
    private struct State256 { private byte _e; }

    public Rc4Stream(ReadOnlySpan<byte> key)
    {
        if (key.Length < 1 || key.Length > 256)
            throw new RtException(RtStatus.InvalidArgument, $"RC4 key length {key.Length}: must be 1..256");
        ref byte s = ref _s[0];
        // The identity permutation, sixteen bytes per store.
        var v = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (nuint k = 0; k < 256; k += 16)
        {
            v.StoreUnsafe(ref s, k);
            v += Vector128.Create((byte)16);
        }
        ref byte kb = ref MemoryMarshal.GetReference(key);
        uint j = 0;
        int kl = key.Length;
        if (kl <= 16 && (kl & (kl - 1)) == 0)
        {
            // Key lengths 1, 2, 4, 8, 16 (TKIP's 16, WEP's 8 and 16): the key repeated to 16 bytes,
            // and the loop unrolled by 16 so that both S[i] and the key byte are constant offsets
            // from the pass's base — no index arithmetic beside j's on each step.
            Span<byte> k16 = stackalloc byte[16];
            for (int k = 0; k < 16; k += kl) key.CopyTo(k16.Slice(k));
            ref byte kr = ref MemoryMarshal.GetReference(k16);
            for (nint i0 = 0; i0 < 256; i0 += 16)
            {
                ref byte si = ref Unsafe.Add(ref s, i0);
                KsaStep(ref s, ref si, ref kr, 0, ref j); KsaStep(ref s, ref si, ref kr, 1, ref j);
                KsaStep(ref s, ref si, ref kr, 2, ref j); KsaStep(ref s, ref si, ref kr, 3, ref j);
                KsaStep(ref s, ref si, ref kr, 4, ref j); KsaStep(ref s, ref si, ref kr, 5, ref j);
                KsaStep(ref s, ref si, ref kr, 6, ref j); KsaStep(ref s, ref si, ref kr, 7, ref j);
                KsaStep(ref s, ref si, ref kr, 8, ref j); KsaStep(ref s, ref si, ref kr, 9, ref j);
                KsaStep(ref s, ref si, ref kr, 10, ref j); KsaStep(ref s, ref si, ref kr, 11, ref j);
                KsaStep(ref s, ref si, ref kr, 12, ref j); KsaStep(ref s, ref si, ref kr, 13, ref j);
                KsaStep(ref s, ref si, ref kr, 14, ref j); KsaStep(ref s, ref si, ref kr, 15, ref j);
            }
        }
        else
        {
            for (int i = 0, k = 0; i < 256; i++)
            {
                byte t = Unsafe.Add(ref s, i);
                j = (j + t + Unsafe.Add(ref kb, k)) & 0xFF;
                Unsafe.Add(ref s, i) = Unsafe.Add(ref s, (nint)j);
                Unsafe.Add(ref s, (nint)j) = t;
                if (++k == kl) k = 0;
            }
        }
        _i = 0; _j = 0;
    }

    /// <summary>One key-scheduling step at S[base + k] with key byte k16[k].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KsaStep(ref byte s, ref byte sBase, ref byte k16, int k, ref uint j)
    {
        byte t = Unsafe.Add(ref sBase, k);
        j = (j + t + Unsafe.Add(ref k16, k)) & 0xFF;
        Unsafe.Add(ref sBase, k) = Unsafe.Add(ref s, (nint)j);
        Unsafe.Add(ref s, (nint)j) = t;
    }

    /// <summary>XORs the next input.Length keystream bytes into input → output (in place allowed).</summary>
    public void Crypt(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < input.Length)
            throw new RtException(RtStatus.InvalidArgument, $"RC4: output length {output.Length} is shorter than input length {input.Length}");
        Block.CheckInPlaceOrDisjoint(input, output, "RC4");
        ref byte s = ref _s[0];
        uint i = _i, j = _j;
        ref byte src = ref MemoryMarshal.GetReference(input);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        int n = input.Length, k = 0;
        // Eight keystream bytes gathered in a register, then one 8-byte XOR and store: RC4 is
        // bound by loads and stores, and this removes one of each per byte.
        for (; k + 8 <= n; k += 8)
        {
            ulong ks = 0;
            for (int b = 0; b < 64; b += 8)
                ks |= (ulong)Next(ref s, ref i, ref j) << b;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, k), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, k)) ^ (BitConverter.IsLittleEndian ? ks : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(ks)));
        }
        for (; k < n; k++)
            Unsafe.Add(ref dst, k) = (byte)(Unsafe.Add(ref src, k) ^ Next(ref s, ref i, ref j));
        _i = (byte)i; _j = (byte)j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Next(ref byte s, ref uint i, ref uint j)
    {
        i = (i + 1) & 0xFF;
        byte si = Unsafe.Add(ref s, (nint)i);
        j = (j + si) & 0xFF;
        byte sj = Unsafe.Add(ref s, (nint)j);
        Unsafe.Add(ref s, (nint)i) = sj;
        Unsafe.Add(ref s, (nint)j) = si;
        return Unsafe.Add(ref s, (nint)((uint)(si + sj) & 0xFF));
    }

    /// <summary>Discards <paramref name="count"/> keystream bytes.</summary>
    public void Skip(int count)
    {
        Span<byte> s = _s;
        int i = _i, j = _j;
        for (int k = 0; k < count; k++)
        {
            i = (i + 1) & 0xFF;
            byte si = s[i];
            j = (j + si) & 0xFF;
            s[i] = s[j];
            s[j] = si;
        }
        _i = (byte)i; _j = (byte)j;
    }
}
