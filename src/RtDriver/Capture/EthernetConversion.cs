namespace RtDriver.Capture;

/// <summary>
/// Turns a plaintext 802.11 data MPDU into an Ethernet frame the way airdecap-ng does for its output:
/// destination and source from the DS bits, then — when the body starts with an RFC 1042 or
/// 802.1H (bridge-tunnel) LLC/SNAP header — the EtherType and the payload; otherwise an 802.3
/// length field and the LLC body unchanged.
/// </summary>
public static class EthernetConversion
{
    private static ReadOnlySpan<byte> Rfc1042 => [0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00];
    private static ReadOnlySpan<byte> BridgeTunnel => [0xAA, 0xAA, 0x03, 0x00, 0x00, 0xF8];

    /// <summary>Bytes needed for the Ethernet form of <paramref name="frame"/>.</summary>
    public static int MaxLength(ReadOnlySpan<byte> frame) => frame.Length + 14;

    /// <summary>Writes the Ethernet frame; returns its length, or -1 when the frame is not a data frame with a body.</summary>
    public static int Convert(ReadOnlySpan<byte> frame, Span<byte> output)
    {
        if (!MacHeaderInfo.TryParse(frame, out var h) || !h.IsData || h.HasNoBody) return -1;
        var body = frame[h.HeaderLength..];
        h.Destination(frame).CopyTo(output);
        h.Source(frame).CopyTo(output[6..]);
        if (body.Length >= 8 && (body.StartsWith(Rfc1042) || body.StartsWith(BridgeTunnel)))
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
