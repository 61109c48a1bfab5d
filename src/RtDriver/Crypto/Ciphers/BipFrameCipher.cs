using System.Buffers.Binary;
using System.Security.Cryptography;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// BIP (802.11-2020 12.5.4): integrity only, for group-addressed robust management frames.
/// Protect appends the Management MIC element (id 76, length 16 or 24: Key ID (2, LE), IPN (6,
/// LE), MIC (8 for BIP-CMAC-128, 16 otherwise)) as the last element of the body; the Protected
/// bit stays clear. The MIC covers AAD (FC with Retry, PwrMgt, MoreData masked; A1 A2 A3) ||
/// body || MME with its MIC field zero. BIP-CMAC uses AES-CMAC (truncated to 8 bytes for -128);
/// BIP-GMAC uses AES-GMAC with nonce A2 | IPN (IPN5 first).
/// Unprotect verifies the MME (key id, IPN replay on the management counter, MIC) and strips it.
/// </summary>
internal sealed class BipFrameCipher : FrameCipher
{
    public const int AadLength = 20;
    private readonly AesKey? _cmac;
    private readonly GcmKey? _gmac;
    private readonly int _micLength;
    private byte[] _scratch = new byte[512]; // AAD || body || MME: CMAC/GMAC take one contiguous input

    private BipFrameCipher(AesKey? cmac, GcmKey? gmac, int micLength)
    {
        _cmac = cmac; _gmac = gmac; _micLength = micLength;
    }

    public static BipFrameCipher Cmac(ReadOnlySpan<byte> key) => new(AesKey.Create(key), null, key.Length == 16 ? 8 : 16);
    public static BipFrameCipher Gmac(ReadOnlySpan<byte> key) => new(null, GcmKey.Create(key), 16);

    /// <summary>MME length including element id and length octets.</summary>
    public int MmeLength => 2 + 2 + 6 + _micLength;
    public override int SecurityHeaderLength => 0;
    public override int TrailerLength => MmeLength;
    public override bool IsIntegrityOnly => true;

    public override string? RefuseFrameType(in FrameHeader h) =>
        h.IsManagement ? null : "BIP protects management frames only";

    public override RtStatus ReadSecurityHeader(ReadOnlySpan<byte> input, in FrameHeader h, out int keyId, out ulong pn)
    {
        keyId = -1; pn = 0;
        int mme = MmeLength;
        if (input.Length < h.Length + mme)
            return FrameFailure.Set(RtStatus.MalformedFrame, "management frame body of {0} bytes is too short to end with a {1}-byte MME", (ulong)(input.Length - h.Length), (ulong)mme);
        var e = input.Slice(input.Length - mme);
        if (e[0] != Ieee80211.ElementIdMme || e[1] != mme - 2)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame body does not end with a Management MIC element (id {0}, length {1}; want id 76, length {2})", e[0], e[1], (ulong)(mme - 2));
        keyId = BinaryPrimitives.ReadUInt16LittleEndian(e.Slice(2));
        pn = PacketNumber.ReadLittleEndian48(e.Slice(4));
        return RtStatus.Ok;
    }

    private Span<byte> Scratch(int length)
    {
        if (_scratch.Length < length) _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        return _scratch.AsSpan(0, length);
    }

    /// <summary>The staging area: AAD slot (20 bytes) then body || MME, grown when a bigger frame comes.</summary>
    private Span<byte> Stage(int bodyAndMmeLength) => Scratch(AadLength + bodyAndMmeLength).Slice(AadLength);

    public override void Seal(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        int n = input.Length;
        if (!inPlace) input.CopyTo(output);
        var mme = output.Slice(n, MmeLength);
        mme[0] = Ieee80211.ElementIdMme;
        mme[1] = (byte)(MmeLength - 2);
        BinaryPrimitives.WriteUInt16LittleEndian(mme.Slice(2), (ushort)key.KeyId);
        PacketNumber.WriteLittleEndian48(mme.Slice(4), pn);
        var mic = mme.Slice(10, _micLength);
        mic.Clear();
        var staged = Stage(n - h.Length + MmeLength);
        output.Slice(h.Length, staged.Length).CopyTo(staged);
        ComputeMicStaged(output, staged.Length, pn, mic);
        written = n + MmeLength;
    }

    public override RtStatus Open(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        written = 0;
        int n = input.Length - MmeLength;
        Span<byte> received = stackalloc byte[16];
        input.Slice(input.Length - _micLength).CopyTo(received);
        Span<byte> expected = stackalloc byte[16];
        var staged = Stage(input.Length - h.Length); // body || MME, with the MIC field zeroed
        input.Slice(h.Length).CopyTo(staged);
        staged.Slice(staged.Length - _micLength).Clear();
        ComputeMicStaged(input, staged.Length, pn, expected.Slice(0, _micLength));
        if (!CryptographicOperations.FixedTimeEquals(expected.Slice(0, _micLength), received.Slice(0, _micLength)))
            return FrameFailure.Set(RtStatus.Mic, "BIP MIC mismatch (IPN {0}, key id {1})", pn, (ulong)key.KeyId);
        if (!inPlace) input.Slice(0, n).CopyTo(output);
        written = n;
        return RtStatus.Ok;
    }

    /// <summary>MIC over AAD || body || MME(MIC zero), with body || MME already staged after the AAD slot.</summary>
    private void ComputeMicStaged(ReadOnlySpan<byte> frame, int bodyAndMmeLength, ulong ipn, Span<byte> mic)
    {
        var data = _scratch.AsSpan(0, AadLength + bodyAndMmeLength);
        ushort fc = BinaryPrimitives.ReadUInt16LittleEndian(frame);
        fc &= unchecked((ushort)~(Ieee80211.FcRetry | Ieee80211.FcPowerManagement | Ieee80211.FcMoreData));
        BinaryPrimitives.WriteUInt16LittleEndian(data, fc);
        frame.Slice(Ieee80211.Address1Offset, 18).CopyTo(data.Slice(2));
        Span<byte> full = stackalloc byte[16];
        if (_gmac is null) AesCmac.Compute(_cmac!, data, full);
        else
        {
            Span<byte> nonce = stackalloc byte[12];
            frame.Slice(Ieee80211.Address2Offset, 6).CopyTo(nonce);
            PacketNumber.WriteBigEndian48(nonce.Slice(6), ipn);
            AesGmac.Compute(_gmac, nonce, data, full);
        }
        full.Slice(0, _micLength).CopyTo(mic);
    }
}
