using System.Buffers.Binary;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// WEP-40/104 (802.11-2020 12.3.2): IV field IV0 IV1 IV2 KeyID (ExtIV clear), RC4 seeded with
/// IV || key over body || ICV (CRC-32, little-endian). The IV number 0xfb029e is sent as bytes
/// fb 02 9e. WEP has no replay protection; the TX IV wraps at 2^24. Data and management frames
/// (shared-key authentication encrypts an Authentication frame).
/// </summary>
internal sealed class WepFrameCipher : FrameCipher
{
    public const int IvLength = 4;
    public const int IcvLength = 4;
    private readonly byte[] _key;

    public WepFrameCipher(ReadOnlySpan<byte> key) => _key = key.ToArray();

    public override int SecurityHeaderLength => IvLength;
    public override int TrailerLength => IcvLength;
    public override bool HasReplayProtection => false;
    public override ulong MaxPn => PacketNumber.MaxWepIv;

    public override string? RefuseFrameType(in FrameHeader h) => null;

    public override RtStatus ReadSecurityHeader(ReadOnlySpan<byte> input, in FrameHeader h, out int keyId, out ulong pn)
    {
        keyId = 0; pn = 0;
        int hl = h.Length;
        if (input.Length < hl + IvLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes ends inside the 4-byte WEP IV at offset {1}", (ulong)input.Length, (ulong)hl);
        byte kb = input[hl + 3];
        if ((kb & Ieee80211.KeyIdExtIv) != 0)
            return FrameFailure.Set(RtStatus.MalformedFrame, "ExtIV bit set (Key ID octet 0x{0:x2}): a TKIP/CCMP/GCMP frame, not WEP", kb);
        if (input.Length < hl + IvLength + IcvLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes is too short for header, WEP IV and ICV", (ulong)input.Length);
        keyId = kb >> Ieee80211.KeyIdShift;
        pn = (ulong)input[hl] << 16 | (ulong)input[hl + 1] << 8 | input[hl + 2];
        return RtStatus.Ok;
    }

    private Rc4Stream Stream(ulong iv)
    {
        Span<byte> seed = stackalloc byte[3 + 13];
        seed[0] = (byte)(iv >> 16); seed[1] = (byte)(iv >> 8); seed[2] = (byte)iv;
        _key.CopyTo(seed.Slice(3));
        return new Rc4Stream(seed.Slice(0, 3 + _key.Length));
    }

    public override void Seal(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        int hl = h.Length, n = input.Length - hl;
        Span<byte> body = output.Slice(hl + IvLength, n + IcvLength);
        input.Slice(hl, n).CopyTo(body); // memmove when in place
        uint icv = Crc32.Compute(body.Slice(0, n));
        BinaryPrimitives.WriteUInt32LittleEndian(body.Slice(n), icv);
        var rc4 = Stream(pn);
        rc4.Crypt(body, body);
        WriteHeader(input, h, output, inPlace, protect: true);
        output[hl] = (byte)(pn >> 16); output[hl + 1] = (byte)(pn >> 8); output[hl + 2] = (byte)pn;
        output[hl + 3] = (byte)(key.KeyId << Ieee80211.KeyIdShift);
        written = hl + IvLength + n + IcvLength;
    }

    public override RtStatus Open(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        int hl = h.Length, n = input.Length - hl - IvLength - IcvLength;
        Span<byte> icv = stackalloc byte[IcvLength];
        input.Slice(hl + IvLength + n, IcvLength).CopyTo(icv);
        Span<byte> body = output.Slice(hl, n);
        input.Slice(hl + IvLength, n).CopyTo(body); // memmove down when in place
        var rc4 = Stream(pn);
        rc4.Crypt(body, body);
        rc4.Crypt(icv, icv);
        if (Crc32.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(icv))
        {
            body.Clear();
            written = 0;
            return FrameFailure.Set(RtStatus.Icv, "WEP ICV mismatch (IV 0x{0:x6}, key id {1})", pn, (ulong)key.KeyId);
        }
        WriteHeader(input, h, output, inPlace, protect: false);
        written = hl + n;
        return RtStatus.Ok;
    }
}
