using System.Runtime.CompilerServices;

namespace RtDriver.Crypto.Frames;

public enum KeyEventType
{
    None = 0,
    /// <summary>A TKIP frame passed ICV and replay checks but its Michael MIC was wrong.</summary>
    MichaelMicFailure = 1,
}

/// <summary>
/// Something a supplicant must act on, queued on the key: today the TKIP Michael MIC failure,
/// which the supplicant reports to the authenticator (EAPOL-Key with the Error and Request bits,
/// the key type pairwise/group, and the TSC) and counts for countermeasures.
/// </summary>
public readonly struct KeyEvent
{
    [InlineArray(6)]
    private struct Mac { private byte _e; }

    private readonly Mac _source;

    public KeyEventType Type { get; }
    /// <summary>True when the failing frame was group addressed (the group key's failure), else pairwise.</summary>
    public bool Group { get; }
    public int KeyId { get; }
    /// <summary>The TSC of the failing frame (of its last fragment, for a reassembled MSDU).</summary>
    public ulong Tsc { get; }
    /// <summary>True when this failure was the second within 60 s and started countermeasures.</summary>
    public bool CountermeasuresStarted { get; }

    internal KeyEvent(KeyEventType type, bool group, int keyId, ulong tsc, ReadOnlySpan<byte> transmitter, bool countermeasures)
    {
        Type = type; Group = group; KeyId = keyId; Tsc = tsc; CountermeasuresStarted = countermeasures;
        transmitter.Slice(0, 6).CopyTo(_source);
    }

    /// <summary>The transmitter (Address 2) of the failing frame.</summary>
    public byte[] SourceAddress => ((ReadOnlySpan<byte>)_source).ToArray();

    public void CopySourceAddress(Span<byte> destination) => ((ReadOnlySpan<byte>)_source).CopyTo(destination);
}
