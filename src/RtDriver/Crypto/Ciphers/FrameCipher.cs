using RtDriver.Crypto.Frames;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// One cipher suite's frame transform. <see cref="FrameKey"/> does everything the suites share
/// (header parse, frame-type and Protected-bit checks, key id, buffer size, PN allocation, replay
/// check and commit, countermeasures); a suite only reads its security header and seals/opens
/// the body. By the time Seal/Open run, every size has been checked: output is big enough and
/// <c>inPlace</c> says whether input and output start at the same address (any other overlap was
/// refused). Seal/Open never change key state.
/// </summary>
internal abstract class FrameCipher
{
    /// <summary>Bytes inserted after the MAC header (IV / CCMP header); 0 for BIP.</summary>
    public abstract int SecurityHeaderLength { get; }

    /// <summary>Bytes appended per MPDU (ICV, MIC, MME). TKIP's Michael MIC is per MSDU and not included.</summary>
    public abstract int TrailerLength { get; }

    /// <summary>True for BIP: management frames only, Protected bit stays clear, MME appended.</summary>
    public virtual bool IsIntegrityOnly => false;

    /// <summary>Bytes of Michael MIC carried per MSDU (TKIP: 8).</summary>
    public virtual int MsduMicLength => 0;

    /// <summary>WEP has no replay protection: its IV is neither checked nor recorded.</summary>
    public virtual bool HasReplayProtection => true;

    /// <summary>Computes the per-MSDU MIC (<see cref="MsduMicLength"/> bytes: TKIP's Michael) of an
    /// MSDU this side transmits (<paramref name="transmit"/>) or receives; <paramref name="frame"/>
    /// starts with its MAC header. Only a suite with a per-MSDU MIC has one.</summary>
    public virtual void ComputeMsduMic(bool transmit, ReadOnlySpan<byte> frame, in FrameHeader h, ReadOnlySpan<byte> msdu, Span<byte> mic) =>
        throw new InvalidOperationException($"{GetType().Name} has no per-MSDU MIC");

    /// <summary>Largest TX number (48-bit PN/TSC/IPN; WEP 24-bit IV, which wraps).</summary>
    public virtual ulong MaxPn => PacketNumber.Max48;

    /// <summary>Whether the suite protects this frame type (null: yes, else the reason it does not).</summary>
    public abstract string? RefuseFrameType(in FrameHeader h);

    /// <summary>
    /// Reads the security header of a received frame: key id and PN/TSC/IPN, or a failure
    /// (MalformedFrame via <see cref="FrameFailure"/>). Body length checks are done here too.
    /// </summary>
    public abstract RtStatus ReadSecurityHeader(ReadOnlySpan<byte> input, in FrameHeader h, out int keyId, out ulong pn);

    /// <summary>Protects one MPDU: writes header (Protected set), security header, body, trailer.
    /// For TKIP <paramref name="michael"/> appends the Michael MIC of the (unfragmented) MSDU.</summary>
    public abstract void Seal(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written);

    /// <summary>Verifies and unprotects one MPDU into output (header with Protected cleared, body).
    /// Returns Ok, Mic or Icv. For TKIP <paramref name="michael"/> checks and strips the Michael MIC.
    /// On failure the bytes it wrote to output are zeroed.</summary>
    public abstract RtStatus Open(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written);

    /// <summary>Copies the MAC header to output (unless in place) and sets/clears the Protected bit.</summary>
    protected static void WriteHeader(ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace, bool protect)
    {
        if (!inPlace) input.Slice(0, h.Length).CopyTo(output);
        if (protect) output[1] |= Ieee80211.FcProtected >> 8;
        else output[1] &= unchecked((byte)~(Ieee80211.FcProtected >> 8));
    }
}
