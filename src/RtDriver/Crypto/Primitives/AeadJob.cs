namespace RtDriver.Crypto.Primitives;

/// <summary>
/// One frame of a multi-frame AEAD call: CCM (<see cref="AesCcm.EncryptMany"/> /
/// <see cref="AesCcm.DecryptMany"/>) or GCM (<see cref="AesGcm80211.EncryptMany"/> /
/// <see cref="AesGcm80211.DecryptMany"/>). Both take the same job: what differs is only the
/// nonce and tag sizes, which the call fixes.
///
/// BATCH API CONTRACT (for the frame layer):
/// - The caller owns every buffer; the job only points at them, so a batch allocates nothing.
///   Typical frame-layer use: stackalloc a scratch area of 48 bytes per frame, build each frame's
///   nonce and its AAD (22..30 bytes) there, point Nonce/Aad at it, point Input/Output at the
///   payload (Output may equal Input: in place) and Tag at the MIC slot of the output frame, then
///   call EncryptMany/DecryptMany once for all frames.
/// - Pointers must stay valid (pinned) for the duration of the call. Input and Output are either
///   identical or disjoint. Nonce: 13 bytes (CCMP) or 12 (GCMP: A2 ‖ PN). Tag: the call's tag
///   length (CCM: 8 for CCMP-128, 16 for CCMP-256; GCM: 16), written by EncryptMany and read by
///   DecryptMany.
/// - Every job is validated before any output is written; a bad job throws
///   <see cref="RtException"/> (InvalidArgument) naming the job index and value, and nothing is written.
/// - DecryptMany sets <see cref="Verified"/> per job; a job whose tag does not match has its
///   Output zeroed (constant-time compare), exactly like the single-frame Decrypt.
/// - Results are bit-identical to calling the single-frame functions job by job, on every path.
/// How it is fast: CBC-MAC is a serial chain (one AES latency per block), so a single CCM frame
/// leaves the AES unit mostly idle. The AES-NI path runs the CBC-MAC chains of 4 frames and
/// their CTR keystreams side by side (8 independent AES streams), which saturates the unit.
/// GCM is already parallel within a frame (8-wide CTR + aggregated GHASH), so there the batch
/// mainly saves per-call work.
/// </summary>
public unsafe struct AeadJob
{
    public byte* Nonce;
    public byte* Aad;
    public int AadLength;
    public byte* Input;
    public byte* Output;
    public int Length;
    public byte* Tag;
    /// <summary>Set by DecryptMany: true when the tag matched (Output holds the plaintext).</summary>
    public bool Verified;

    public AeadJob(byte* nonce, byte* aad, int aadLength, byte* input, byte* output, int length, byte* tag)
    {
        Nonce = nonce; Aad = aad; AadLength = aadLength; Input = input; Output = output; Length = length; Tag = tag; Verified = false;
    }
}
