using RtDriver.Crypto.Frames;

namespace RtDriver.Capture;

/// <summary>
/// Turns a plaintext 802.11 data MPDU into an Ethernet II frame the way airdecap-ng writes its output:
/// destination and source by the DS bits (WDS: DA = A3, SA = A4), then the body after its 6-byte
/// LLC/SNAP header (AA AA 03 + OUI), whose EtherType thus follows the addresses.
/// A body without an LLC/SNAP header becomes an 802.3 frame (length field, LLC body kept).
/// </summary>
public static class EthernetConversion
{
    /// <summary>Bytes needed for the Ethernet form of <paramref name="frame"/>.</summary>
    public static int MaxLength(ReadOnlySpan<byte> frame) => frame.Length + 14;

    /// <summary>Writes the Ethernet frame; returns its length, or -1 when the frame is not a data frame with a body.</summary>
    public static int Convert(ReadOnlySpan<byte> frame, Span<byte> output)
    {
        if (!FrameHeader.TryParse(frame, out var h) || !h.IsData || (h.Subtype & 0x4) != 0) return -1;
        var body = frame[h.Length..];
        if (output.Length < body.Length + 14) throw RtException.InvalidArgument($"Ethernet output of {output.Length} bytes is too small for a {frame.Length}-byte frame");
        frame.Slice(h.DestinationOffset, 6).CopyTo(output);
        frame.Slice(h.SourceOffset, 6).CopyTo(output[6..]);
        if (body.Length >= 8 && body[0] == 0xAA && body[1] == 0xAA && body[2] == 0x03)
        {
            body[6..].CopyTo(output[12..]);
            return 12 + body.Length - 6;
        }
        output[12] = (byte)(body.Length >> 8);
        output[13] = (byte)body.Length;
        body.CopyTo(output[14..]);
        return 14 + body.Length;
    }
}
