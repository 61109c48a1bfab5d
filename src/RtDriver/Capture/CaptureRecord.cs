namespace RtDriver.Capture;

/// <summary>One packet record of a capture file.</summary>
/// <param name="Number">1-based position in the file (the frame number tshark shows).</param>
/// <param name="LinkType">The record's link type (pcapng: of its interface).</param>
/// <param name="TimestampMicros">Microseconds since the Unix epoch.</param>
/// <param name="Data">The captured bytes, link-layer header included.</param>
/// <param name="OriginalLength">The length on the wire (may exceed Data.Length when truncated by the snap length).</param>
public readonly record struct CaptureRecord(long Number, int LinkType, long TimestampMicros, ReadOnlyMemory<byte> Data, int OriginalLength);
