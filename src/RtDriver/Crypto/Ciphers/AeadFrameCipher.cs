using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// CCMP-128, CCMP-256, GCMP-128 and GCMP-256 (802.11-2020 12.5.3, 12.5.5): an 8-byte header
/// (PN0 PN1 rsvd KeyID PN2..PN5, ExtIV always set), the body encrypted, and the MIC appended
/// (8 bytes for CCMP-128, 16 for the others). Data and management frames (MFP) alike.
///
/// Each frame is two steps, so a batch can later hand many prepared frames to a multi-frame
/// primitive: <see cref="Prepare"/> builds nonce and AAD from the header, then one CCM/GCM call.
/// </summary>
internal sealed partial class AeadFrameCipher : FrameCipher
{
    public const int HeaderLength = 8;
    private readonly AesKey? _ccm;
    private readonly GcmKey? _gcm;
    private readonly int _micLength;

    private AeadFrameCipher(AesKey? ccm, GcmKey? gcm, int micLength)
    {
        _ccm = ccm; _gcm = gcm; _micLength = micLength;
    }

    public static AeadFrameCipher Ccmp(ReadOnlySpan<byte> key) => new(AesKey.Create(key), null, key.Length == 16 ? 8 : 16);

    public static AeadFrameCipher Gcmp(ReadOnlySpan<byte> key) => new(null, GcmKey.Create(key), 16);

    public bool IsGcm => _gcm is not null;
    public override int SecurityHeaderLength => HeaderLength;
    public override int TrailerLength => _micLength;

    public override string? RefuseFrameType(in FrameHeader h) => null; // data and management (MFP) frames

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public override RtStatus ReadSecurityHeader(ReadOnlySpan<byte> input, in FrameHeader h, out int keyId, out ulong pn)
    {
        keyId = 0; pn = 0;
        int hl = h.Length;
        if (input.Length < hl + HeaderLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes ends inside the 8-byte CCMP/GCMP header at offset {1}", (ulong)input.Length, (ulong)hl);
        byte kb = input[hl + 3];
        if ((kb & Ieee80211.KeyIdExtIv) == 0)
            return FrameFailure.Set(RtStatus.MalformedFrame, "CCMP/GCMP header without the ExtIV bit (Key ID octet 0x{0:x2})", kb);
        if (input.Length < hl + HeaderLength + _micLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes is too short for header, CCMP/GCMP header and a {1}-byte MIC", (ulong)input.Length, (ulong)_micLength);
        keyId = kb >> Ieee80211.KeyIdShift;
        pn = PacketNumber.ReadCcmpHeader(input.Slice(hl, HeaderLength));
        return RtStatus.Ok;
    }

    /// <summary>Builds the nonce (13 bytes CCM, 12 GCM) and AAD; returns the AAD length.</summary>
    public int Prepare(ReadOnlySpan<byte> frame, in FrameHeader h, FrameOptions options, ulong pn, Span<byte> nonce, Span<byte> aad)
    {
        if (_gcm is null) AeadFrameFormat.BuildCcmNonce(frame, h, pn, nonce);
        else AeadFrameFormat.BuildGcmNonce(frame, pn, nonce);
        return AeadFrameFormat.BuildAad(frame, h, options, aad);
    }

    // SkipLocalsInit: nonce, AAD and tag scratch are written before they are read (only the
    // first aadLength / _micLength bytes are used), so zeroing them per frame is wasted work.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public override void Seal(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        Span<byte> nonce = stackalloc byte[13];
        Span<byte> aad = stackalloc byte[AeadFrameFormat.MaxAadLength];
        int aadLength = Prepare(input, h, key.Options, pn, nonce, aad);
        int hl = h.Length, n = input.Length - hl;
        Span<byte> body = output.Slice(hl + HeaderLength, n);
        Span<byte> tag = output.Slice(hl + HeaderLength + n, _micLength);
        ReadOnlySpan<byte> plaintext;
        if (inPlace)
        {
            input.Slice(hl, n).CopyTo(body); // memmove: the body moves up by the header length
            plaintext = body;
        }
        else plaintext = input.Slice(hl, n);
        // Unchecked: FrameKey has established what AesCcm.Validate checks (13-byte nonce, AAD <= 30,
        // body <= 65535, tag 8/16, in place or disjoint); validating again cost ~3 % at 64 B.
        if (_gcm is null) AesCcm.EncryptUnchecked(_ccm!, nonce, aad.Slice(0, aadLength), plaintext, body, tag);
        else AesGcm80211.Encrypt(_gcm, nonce.Slice(0, 12), aad.Slice(0, aadLength), plaintext, body, tag);
        WriteHeader(input, h, output, inPlace, protect: true);
        PacketNumber.WriteCcmpHeader(output.Slice(hl, HeaderLength), pn, key.KeyId);
        written = hl + HeaderLength + n + _micLength;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    public override RtStatus Open(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        Span<byte> nonce = stackalloc byte[13];
        Span<byte> aad = stackalloc byte[AeadFrameFormat.MaxAadLength];
        int aadLength = Prepare(input, h, key.Options, pn, nonce, aad);
        int hl = h.Length, n = input.Length - hl - HeaderLength - _micLength;
        Span<byte> tagCopy = stackalloc byte[16];
        scoped ReadOnlySpan<byte> tag = input.Slice(hl + HeaderLength + n, _micLength);
        if (inPlace)
        {
            tag.CopyTo(tagCopy); // the body move below may overwrite it; not in place, it stays put
            tag = tagCopy.Slice(0, _micLength);
        }
        Span<byte> body = output.Slice(hl, n);
        ReadOnlySpan<byte> ciphertext;
        if (inPlace)
        {
            input.Slice(hl + HeaderLength, n).CopyTo(body); // memmove down over the CCMP header
            ciphertext = body;
        }
        else ciphertext = input.Slice(hl + HeaderLength, n);
        bool ok = _gcm is null
            ? AesCcm.DecryptUnchecked(_ccm!, nonce, aad.Slice(0, aadLength), ciphertext, tag, body) // checked by FrameKey, as in Seal
            : AesGcm80211.Decrypt(_gcm, nonce.Slice(0, 12), aad.Slice(0, aadLength), ciphertext, tag, body);
        if (!ok)
        {
            written = 0;
            return FrameFailure.Set(RtStatus.Mic, "CCMP/GCMP MIC mismatch (PN {0}, key id {1})", pn, (ulong)key.KeyId);
        }
        WriteHeader(input, h, output, inPlace, protect: false);
        written = hl + n;
        return RtStatus.Ok;
    }
}
