using System.Buffers.Binary;
using System.Security.Cryptography;
using RtDriver.Crypto;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.Ciphers;

/// <summary>
/// TKIP (802.11-2020 12.5.2). Key: TK (16) | Michael key for frames this side transmits (8) |
/// Michael key for frames it receives (8). Per MPDU: IV/ExtIV (TSC1 WEPSeed TSC0 KeyID TSC2..TSC5),
/// RC4 with the phase-1/phase-2 mixed key over payload || ICV. Per MSDU: the Michael MIC over
/// DA | SA | priority | 0 0 0 | MSDU, appended to the MSDU before fragmentation.
/// Data frames only. The phase-1 result (which changes every 65536 frames) is cached per
/// direction; the cache is not key state (it is a pure function of TK, TA and IV32).
/// </summary>
internal sealed class TkipFrameCipher : FrameCipher
{
    public const int IvLength = 8;
    public const int IcvLength = 4;
    public const int MicLength = 8;

    private readonly byte[] _tk;
    private readonly byte[] _txMicKey;
    private readonly byte[] _rxMicKey;
    private readonly Phase1Cache _tx = new(), _rx = new();

    private sealed class Phase1Cache
    {
        public readonly byte[] Ta = new byte[6];
        public readonly ushort[] Ttak = new ushort[5];
        public uint Iv32;
        public bool Valid;
    }

    public TkipFrameCipher(ReadOnlySpan<byte> key32)
    {
        _tk = key32.Slice(0, 16).ToArray();
        _txMicKey = key32.Slice(16, 8).ToArray();
        _rxMicKey = key32.Slice(24, 8).ToArray();
    }

    public override int SecurityHeaderLength => IvLength;
    public override int TrailerLength => IcvLength;
    public override int MsduMicLength => MicLength;

    public override string? RefuseFrameType(in FrameHeader h) =>
        h.IsData ? null : "TKIP protects data frames only (management frames need CCMP/GCMP with MFP)";

    public override RtStatus ReadSecurityHeader(ReadOnlySpan<byte> input, in FrameHeader h, out int keyId, out ulong pn)
    {
        keyId = 0; pn = 0;
        int hl = h.Length;
        if (input.Length < hl + 4)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes ends inside the TKIP IV at offset {1}", (ulong)input.Length, (ulong)hl);
        byte kb = input[hl + 3];
        if ((kb & Ieee80211.KeyIdExtIv) == 0)
            return FrameFailure.Set(RtStatus.MalformedFrame, "TKIP frame without the ExtIV bit (Key ID octet 0x{0:x2})", kb);
        if (input.Length < hl + IvLength + IcvLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes is too short for header, TKIP IV/ExtIV and ICV", (ulong)input.Length);
        keyId = kb >> Ieee80211.KeyIdShift;
        pn = PacketNumber.ReadTkipIv(input.Slice(hl, IvLength));
        return RtStatus.Ok;
    }

    private void Rc4Key(Phase1Cache cache, ReadOnlySpan<byte> ta, ulong tsc, Span<byte> rc4Key16)
    {
        uint iv32 = (uint)(tsc >> 16);
        if (!cache.Valid || cache.Iv32 != iv32 || !ta.SequenceEqual(cache.Ta))
        {
            TkipKeyMixing.Phase1(_tk, ta, iv32, cache.Ttak);
            ta.CopyTo(cache.Ta);
            cache.Iv32 = iv32;
            cache.Valid = true;
        }
        TkipKeyMixing.Phase2(_tk, cache.Ttak, (ushort)tsc, rc4Key16);
    }

    /// <summary>Michael over DA | SA | priority | 0 0 0 | MSDU (802.11-2020 12.5.2.3.3).</summary>
    public static void ComputeMichael(ReadOnlySpan<byte> micKey, ReadOnlySpan<byte> frame, in FrameHeader h, ReadOnlySpan<byte> msdu, Span<byte> mic8)
    {
        var m = MichaelStart(micKey, frame, h);
        m.Update(msdu);
        m.Final(mic8);
    }

    /// <summary>Michael of a frame this side sends / receives.</summary>
    public void TxMichael(ReadOnlySpan<byte> frame, in FrameHeader h, ReadOnlySpan<byte> msdu, Span<byte> mic8) => ComputeMichael(_txMicKey, frame, h, msdu, mic8);
    public void RxMichael(ReadOnlySpan<byte> frame, in FrameHeader h, ReadOnlySpan<byte> msdu, Span<byte> mic8) => ComputeMichael(_rxMicKey, frame, h, msdu, mic8);

    public override void ComputeMsduMic(bool transmit, ReadOnlySpan<byte> frame, in FrameHeader h, ReadOnlySpan<byte> msdu, Span<byte> mic) =>
        ComputeMichael(transmit ? _txMicKey : _rxMicKey, frame, h, msdu, mic);

    /// <summary>The stitched RC4+Michael+CRC loop (<see cref="Rc4Stream.SealStitched"/>) serves whole
    /// MSDUs on the AES-NI path (it needs PCLMULQDQ); fragments and the portable path run the
    /// primitives one after another.</summary>
    private static bool UseStitched(bool michael, int bodyLength) =>
        michael && bodyLength >= 16 && CryptoPath.Current == CryptoPathKind.AesNi && Crc32Clmul.IsSupported;

    public override void Seal(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        int hl = h.Length, n = input.Length - hl;
        Span<byte> rc4Key = stackalloc byte[16];
        Rc4Key(_tx, input.Slice(Ieee80211.Address2Offset, 6), pn, rc4Key);
        int payload = n + (michael ? MicLength : 0);
        Span<byte> body = output.Slice(hl + IvLength, payload + IcvLength);
        if (UseStitched(michael, n))
            SealStitched(input, h, body, inPlace, rc4Key);
        else
        {
            Span<byte> mic = stackalloc byte[MicLength];
            if (michael) TxMichael(input, h, input.Slice(hl, n), mic);
            input.Slice(hl, n).CopyTo(body); // memmove when in place
            if (michael) mic.CopyTo(body.Slice(n));
            BinaryPrimitives.WriteUInt32LittleEndian(body.Slice(payload), Crc32.Compute(body.Slice(0, payload)));
            Rc4.Crypt(rc4Key, body, body);
        }
        WriteHeader(input, h, output, inPlace, protect: true);
        PacketNumber.WriteTkipIv(output.Slice(hl, IvLength), pn, key.KeyId);
        written = hl + IvLength + payload + IcvLength;
    }

    /// <summary>Seal of a whole MSDU in one pass: body → ciphertext while Michael and the ICV run
    /// over it; then the last (length mod 16) bytes, the MIC and the ICV with the reference code.</summary>
    private unsafe void SealStitched(ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> body, bool inPlace, ReadOnlySpan<byte> rc4Key)
    {
        int hl = h.Length, n = input.Length - hl;
        var m = MichaelStart(_txMicKey, input, h);
        m.GetWords(out uint l, out uint r);
        var rc4 = new Rc4Stream(rc4Key);
        ReadOnlySpan<byte> msdu = input.Slice(hl, n);
        if (inPlace)
        {
            // The body moves up by the IV's 8 bytes; moved first, the loop then works in place (a
            // forward loop reading below where it writes would overwrite bytes not yet read).
            msdu.CopyTo(body);
            msdu = body.Slice(0, n);
        }
        uint crc = ~0u;
        int done;
        fixed (byte* ps = msdu)
        fixed (byte* pd = body)
            done = rc4.SealStitched(ps, pd, n, ref l, ref r, ref crc);
        m.SetWords(l, r);
        ReadOnlySpan<byte> rest = msdu.Slice(done);
        m.Update(rest);
        Span<byte> tail = body.Slice(done); // rest | MIC | ICV
        rest.CopyTo(tail);
        m.Final(tail.Slice(rest.Length, MicLength));
        crc = Crc32.UpdateRegister(crc, tail.Slice(0, rest.Length + MicLength));
        BinaryPrimitives.WriteUInt32LittleEndian(tail.Slice(rest.Length + MicLength), ~crc);
        rc4.Crypt(tail, tail);
    }

    /// <summary>Michael initialised with the key and the DA | SA | priority | 0 0 0 pseudo-header.</summary>
    private static MichaelState MichaelStart(ReadOnlySpan<byte> micKey, ReadOnlySpan<byte> frame, in FrameHeader h)
    {
        Span<byte> pseudo = stackalloc byte[16];
        frame.Slice(h.DestinationOffset, 6).CopyTo(pseudo);
        frame.Slice(h.SourceOffset, 6).CopyTo(pseudo.Slice(6));
        pseudo[12] = (byte)h.Priority;
        pseudo[13] = pseudo[14] = pseudo[15] = 0;
        var m = new MichaelState();
        m.Init(micKey);
        m.Update(pseudo);
        return m;
    }

    public override RtStatus Open(FrameKey key, ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace,
        ulong pn, bool michael, out int written)
    {
        written = 0;
        int hl = h.Length, payload = input.Length - hl - IvLength - IcvLength;
        int n = payload - (michael ? MicLength : 0);
        Span<byte> tail = stackalloc byte[MicLength + IcvLength]; // MIC (if any) and ICV: they need not fit in output
        int tailLength = payload - n + IcvLength;
        tail = tail.Slice(0, tailLength);
        input.Slice(hl + IvLength + n, tailLength).CopyTo(tail);
        Span<byte> rc4Key = stackalloc byte[16];
        Rc4Key(_rx, input.Slice(Ieee80211.Address2Offset, 6), pn, rc4Key);
        Span<byte> body = output.Slice(hl, n);
        Span<byte> expected = stackalloc byte[MicLength];
        uint crc;
        if (UseStitched(michael, n))
            crc = OpenStitched(input, h, body, rc4Key, tail, expected);
        else
        {
            input.Slice(hl + IvLength, n).CopyTo(body); // memmove down when in place
            var rc4 = new Rc4Stream(rc4Key);
            rc4.Crypt(body, body);
            rc4.Crypt(tail, tail);
            crc = Crc32.Append(Crc32.Compute(body), tail.Slice(0, tailLength - IcvLength));
            // The header is still intact at the start of output (in place) or input.
            if (michael) RxMichael(input, h, body, expected);
        }
        if (crc != BinaryPrimitives.ReadUInt32LittleEndian(tail.Slice(tailLength - IcvLength)))
        {
            body.Clear();
            return FrameFailure.Set(RtStatus.Icv, "TKIP ICV mismatch (TSC {0}, key id {1})", pn, (ulong)key.KeyId);
        }
        if (michael && !CryptographicOperations.FixedTimeEquals(expected, tail.Slice(0, MicLength)))
        {
            body.Clear();
            return FrameFailure.Set(RtStatus.Mic, "TKIP Michael MIC mismatch (TSC {0}, key id {1})", pn, (ulong)key.KeyId);
        }
        WriteHeader(input, h, output, inPlace, protect: false);
        written = hl + n;
        return RtStatus.Ok;
    }

    /// <summary>Open of a whole MSDU in one pass (see <see cref="SealStitched"/>): decrypts the body
    /// into <paramref name="body"/> and the MIC and ICV into <paramref name="tail"/>, writes the
    /// expected MIC; returns the ICV computed over the plaintext. Michael's DA/SA come from the MAC
    /// header, which stays put (in place, the body moves down over the IV only).</summary>
    private unsafe uint OpenStitched(ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> body, ReadOnlySpan<byte> rc4Key,
        Span<byte> tail, Span<byte> expectedMic)
    {
        int hl = h.Length, n = body.Length;
        var m = MichaelStart(_rxMicKey, input, h);
        m.GetWords(out uint l, out uint r);
        var rc4 = new Rc4Stream(rc4Key);
        ReadOnlySpan<byte> cipher = input.Slice(hl + IvLength, n);
        uint crc = ~0u;
        int done;
        // In place the body moves down by 8 bytes; each 16-byte block is read before it is written.
        fixed (byte* ps = cipher)
        fixed (byte* pd = body)
            done = rc4.OpenStitched(ps, pd, n, ref l, ref r, ref crc);
        m.SetWords(l, r);
        Span<byte> rest = body.Slice(done);
        cipher.Slice(done).CopyTo(rest); // memmove down when in place
        rc4.Crypt(rest, rest);
        m.Update(rest);
        m.Final(expectedMic);
        rc4.Crypt(tail, tail);
        crc = Crc32.UpdateRegister(crc, rest);
        return ~Crc32.UpdateRegister(crc, tail.Slice(0, MicLength));
    }
}
