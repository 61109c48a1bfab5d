namespace RtDriver.Crypto.Primitives;

/// <summary>
/// One frame of a multi-frame GCM call (<see cref="AesGcm80211.EncryptMany"/> /
/// <see cref="AesGcm80211.DecryptMany"/>). Same contract as <see cref="CcmJob"/>: caller-owned,
/// pinned buffers; Nonce 12 bytes (GCMP: A2 ‖ PN); Tag 16 bytes; Output equal to or disjoint
/// from Input; every job validated before anything is written; DecryptMany sets
/// <see cref="Verified"/> and zeroes the output of a job whose tag does not match.
/// GCM is already parallel within a frame (8-wide CTR + aggregated GHASH), so the batch mainly
/// saves per-call work; results are bit-identical to the single-frame functions.
/// </summary>
public unsafe struct GcmJob
{
    public byte* Nonce;
    public byte* Aad;
    public int AadLength;
    public byte* Input;
    public byte* Output;
    public int Length;
    public byte* Tag;
    public bool Verified;

    public GcmJob(byte* nonce, byte* aad, int aadLength, byte* input, byte* output, int length, byte* tag)
    {
        Nonce = nonce; Aad = aad; AadLength = aadLength; Input = input; Output = output; Length = length; Tag = tag; Verified = false;
    }
}
