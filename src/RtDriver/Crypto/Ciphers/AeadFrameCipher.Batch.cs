using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// The multi-frame half of CCMP/GCMP (used by <see cref="FrameKey.EncryptBatch"/> and
/// <see cref="FrameKey.DecryptBatch"/>): everything Seal/Open do except the CCM/GCM call, so the
/// frame layer can prepare many frames and hand them to AesCcm.EncryptMany / AesGcm80211.EncryptMany
/// in one go. Byte-for-byte the same output as Seal/Open.
/// </summary>
internal sealed partial class AeadFrameCipher
{
    internal AesKey? CcmKey => _ccm;
    internal GcmKey? GcmKey => _gcm;
    internal int MicLength => _micLength;

    /// <summary>Seal minus the encryption: nonce and AAD into the scratch, body moved up (in
    /// place), MAC header (Protected set) and CCMP/GCMP header written. Returns the AAD length.</summary>
    internal int PrepareSeal(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, Span<byte> nonce, Span<byte> aad)
    {
        int aadLength = Prepare(input, h, key.Options, pn, nonce, aad);
        int hl = h.Length, n = input.Length - hl;
        if (inPlace) input.Slice(hl, n).CopyTo(output.Slice(hl + HeaderLength, n)); // memmove up
        WriteHeader(input, h, output, inPlace, protect: true);
        PacketNumber.WriteCcmpHeader(output.Slice(hl, HeaderLength), pn, key.KeyId);
        return aadLength;
    }

    /// <summary>Open minus the decryption: nonce and AAD into the scratch; in place, also a copy of
    /// the MIC (the body move may overwrite it) and the body moved down over the CCMP/GCMP header.
    /// Not in place the job reads the MIC where it is. Returns the AAD length.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal int PrepareOpen(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, Span<byte> nonce, Span<byte> aad, Span<byte> tag)
    {
        int aadLength = Prepare(input, h, key.Options, pn, nonce, aad);
        int hl = h.Length, n = input.Length - hl - HeaderLength - _micLength;
        if (inPlace)
        {
            input.Slice(hl + HeaderLength + n, _micLength).CopyTo(tag);
            input.Slice(hl + HeaderLength, n).CopyTo(output.Slice(hl, n)); // memmove down
        }
        return aadLength;
    }

    /// <summary>After a verified decryption: the MAC header with Protected cleared.</summary>
    internal static void FinishOpen(ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace) =>
        WriteHeader(input, h, output, inPlace, protect: false);
}
