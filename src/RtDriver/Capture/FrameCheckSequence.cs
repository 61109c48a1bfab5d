namespace RtDriver.Capture;

/// <summary>
/// The 802.11 FCS (CRC-32, IEEE polynomial, reflected, as transmitted: little endian). Used only to
/// recognise captures whose link type does not say whether the FCS was kept.
/// </summary>
public static class FrameCheckSequence
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    /// <summary>True when the last 4 bytes are the CRC-32 of the bytes before them.</summary>
    public static bool EndsWithValidFcs(ReadOnlySpan<byte> frameWithFcs)
    {
        if (frameWithFcs.Length < 4 + 10) return false; // shorter than an ACK + FCS: cannot be a frame with FCS
        int n = frameWithFcs.Length - 4;
        return Compute(frameWithFcs[..n]) == System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frameWithFcs[n..]);
    }
}
