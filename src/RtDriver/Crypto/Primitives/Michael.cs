using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RtDriver.Crypto.Primitives;

/// <summary>Michael, the TKIP MSDU integrity code (IEEE 802.11 12.5.2.3): 8-byte key, 8-byte MIC.
/// Allocation-free; for header-then-payload use <see cref="MichaelState"/>.</summary>
public static class Michael
{
    public static void Compute(ReadOnlySpan<byte> key8, ReadOnlySpan<byte> data, Span<byte> mic8)
    {
        var s = new MichaelState();
        s.Init(key8);
        s.Update(data);
        s.Final(mic8);
    }
}

/// <summary>
/// Streaming Michael: Init(key) → Update(...)* → Final(mic). Update accepts any split of the
/// message (e.g. the 16-byte DA/SA/priority header, then the MSDU body in pieces).
/// </summary>
public struct MichaelState
{
    private uint _l, _r;
    private uint _pending;    // up to 3 message bytes not yet forming a word (little-endian)
    private int _pendingCount;

    public void Init(ReadOnlySpan<byte> key8)
    {
        if (key8.Length != 8)
            throw new RtException(RtStatus.InvalidArgument, $"Michael key length {key8.Length}: must be 8");
        _l = BinaryPrimitives.ReadUInt32LittleEndian(key8);
        _r = BinaryPrimitives.ReadUInt32LittleEndian(key8.Slice(4));
        _pending = 0;
        _pendingCount = 0;
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        uint l = _l, r = _r;
        while (_pendingCount != 0 && data.Length > 0)
        {
            _pending |= (uint)data[0] << (8 * _pendingCount);
            data = data.Slice(1);
            if (++_pendingCount == 4)
            {
                l ^= _pending;
                Mix(ref l, ref r);
                _pending = 0;
                _pendingCount = 0;
            }
        }
        while (data.Length >= 4)
        {
            l ^= BinaryPrimitives.ReadUInt32LittleEndian(data);
            Mix(ref l, ref r);
            data = data.Slice(4);
        }
        for (int k = 0; k < data.Length; k++) _pending |= (uint)data[k] << (8 * _pendingCount++);
        _l = l; _r = r;
    }

    /// <summary>Pads (0x5a, then zeros to a word boundary, then a zero word) and writes the MIC.</summary>
    public void Final(Span<byte> mic8)
    {
        if (mic8.Length != 8)
            throw new RtException(RtStatus.InvalidArgument, $"Michael MIC buffer length {mic8.Length}: must be 8");
        uint l = _l, r = _r;
        l ^= _pending | (0x5Au << (8 * _pendingCount));
        Mix(ref l, ref r);
        Mix(ref l, ref r); // the all-zero padding word
        BinaryPrimitives.WriteUInt32LittleEndian(mic8, l);
        BinaryPrimitives.WriteUInt32LittleEndian(mic8.Slice(4), r);
        this = default;
    }

    /// <summary>The chaining words at a word boundary (for the stitched TKIP loop, which runs
    /// Michael's word steps inside its RC4 loop and hands them back).</summary>
    internal void GetWords(out uint l, out uint r)
    {
        if (_pendingCount != 0) throw new InvalidOperationException("Michael state is not at a word boundary");
        l = _l; r = _r;
    }

    internal void SetWords(uint l, uint r)
    {
        if (_pendingCount != 0) throw new InvalidOperationException("Michael state is not at a word boundary");
        _l = l; _r = r;
    }

    /// <summary>The block function b(l, r) of 12.5.2.3.3. XSWAP (swap the bytes of each 16-bit
    /// half) is written as a byte reversal rotated by 16: two instructions (BSWAP, ROR) on the
    /// serial chain instead of five.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Mix(ref uint l, ref uint r)
    {
        r ^= BitOperations.RotateLeft(l, 17); l += r;
        r ^= BitOperations.RotateRight(BinaryPrimitives.ReverseEndianness(l), 16); l += r;
        r ^= BitOperations.RotateLeft(l, 3); l += r;
        r ^= BitOperations.RotateRight(l, 2); l += r;
    }
}
