using System.Buffers.Binary;

namespace RtDriver.Capture;

/// <summary>How an 802.11 frame was found inside a capture record.</summary>
public enum FcsState
{
    /// <summary>No FCS was present.</summary>
    Absent,
    /// <summary>An FCS was present (by the radiotap flag or by a matching CRC-32) and was removed.</summary>
    Stripped,
    /// <summary>Radiotap says an FCS is present and the frame failed it; the FCS was removed.</summary>
    StrippedBad,
}

/// <summary>
/// Finds the 802.11 MPDU (without FCS) inside a record of a wireless link type: skips the radiotap,
/// Prism II or AVS header and removes a trailing FCS. Radiotap states the FCS in its Flags field;
/// for plain 802.11, Prism and AVS, nothing does, so a trailing CRC-32 that matches is taken as the FCS
/// (a false match has probability 2^-32 per frame).
/// </summary>
public static class WirelessFrame
{
    private const byte RadiotapFlagFcs = 0x10;
    private const byte RadiotapFlagBadFcs = 0x40;

    /// <summary>The MPDU within <paramref name="record"/>; false (with a reason) for a record too short or
    /// of a non-wireless link type.</summary>
    public static bool TryExtract(int linkType, ReadOnlyMemory<byte> record, out ReadOnlyMemory<byte> frame, out FcsState fcs, out string? reason)
    {
        frame = default;
        fcs = FcsState.Absent;
        reason = null;
        var span = record.Span;
        int start;
        bool? fcsPresent = null; // null: unknown, decide by CRC
        bool badFcs = false;
        switch (linkType)
        {
            case LinkType.Ieee80211:
                start = 0;
                break;
            case LinkType.Radiotap:
                if (!TryRadiotap(span, out start, out bool present, out badFcs, out reason)) return false;
                fcsPresent = present;
                break;
            case LinkType.Prism:
            case LinkType.Avs:
                if (span.Length >= 8 && (BinaryPrimitives.ReadUInt32BigEndian(span) & 0xFFFFFFF0) == 0x80211000)
                {
                    // AVS header (also found under the Prism link type): big-endian header length at 4.
                    start = (int)BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
                }
                else if (linkType == LinkType.Prism && span.Length >= 8)
                {
                    // Prism II: msgcode, msglen in host byte order (usually little endian, 144).
                    uint le = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
                    uint be = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
                    start = (int)(le is >= 8 and <= 1024 ? le : be);
                }
                else
                {
                    reason = $"record of {span.Length} bytes is too short for a {LinkType.Name(linkType)} header";
                    return false;
                }
                if (start < 8 || start > span.Length)
                {
                    reason = $"{LinkType.Name(linkType)} header length {start} does not fit the {span.Length}-byte record";
                    return false;
                }
                break;
            default:
                reason = $"{LinkType.Name(linkType)} is not an 802.11 link type";
                return false;
        }

        var mpdu = record[start..];
        bool strip = fcsPresent ?? FrameCheckSequence.EndsWithValidFcs(mpdu.Span);
        if (strip)
        {
            if (mpdu.Length < 4)
            {
                reason = $"frame of {mpdu.Length} bytes cannot hold the FCS the header announces";
                return false;
            }
            mpdu = mpdu[..^4];
            fcs = badFcs ? FcsState.StrippedBad : FcsState.Stripped;
        }
        frame = mpdu;
        return true;
    }

    private static bool TryRadiotap(ReadOnlySpan<byte> s, out int length, out bool fcsPresent, out bool badFcs, out string? reason)
    {
        length = 0; fcsPresent = false; badFcs = false; reason = null;
        if (s.Length < 8) { reason = $"record of {s.Length} bytes is shorter than a radiotap header"; return false; }
        if (s[0] != 0) { reason = $"radiotap version {s[0]} is not 0"; return false; }
        length = BinaryPrimitives.ReadUInt16LittleEndian(s[2..]);
        if (length < 8 || length > s.Length) { reason = $"radiotap length {length} does not fit the {s.Length}-byte record"; return false; }
        uint present = BinaryPrimitives.ReadUInt32LittleEndian(s[4..]);
        // Skip extended present words (bit 31 chains another word).
        int offset = 8;
        uint word = present;
        while ((word & 0x8000_0000) != 0)
        {
            if (offset + 4 > length) { reason = "radiotap present-word chain runs past the header"; return false; }
            word = BinaryPrimitives.ReadUInt32LittleEndian(s[offset..]);
            offset += 4;
        }
        if ((present & 1) != 0) // TSFT: u64, aligned to 8 from the header start
        {
            offset = (offset + 7) & ~7;
            offset += 8;
        }
        if ((present & 2) != 0) // Flags: u8
        {
            if (offset >= length) { reason = "radiotap Flags field lies past the header"; return false; }
            byte flags = s[offset];
            fcsPresent = (flags & RadiotapFlagFcs) != 0;
            badFcs = (flags & RadiotapFlagBadFcs) != 0;
        }
        return true;
    }
}
