namespace RtDriver.Capture;

/// <summary>
/// The 802.11 FCS (CRC-32, IEEE polynomial, reflected, as transmitted: little endian). Used only to
/// recognise captures whose link type does not say whether the FCS was kept.
/// </summary>
public static class FrameCheckSequence
{
    public static uint Compute(ReadOnlySpan<byte> data) => RtDriver.Crypto.Primitives.Crc32.Compute(data);

    /// <summary>True when the last 4 bytes are the CRC-32 of the bytes before them.</summary>
    public static bool EndsWithValidFcs(ReadOnlySpan<byte> frameWithFcs)
    {
        if (frameWithFcs.Length < 4 + 10) return false; // shorter than an ACK + FCS: cannot be a frame with FCS
        int n = frameWithFcs.Length - 4;
        return Compute(frameWithFcs[..n]) == System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frameWithFcs[n..]);
    }
}
