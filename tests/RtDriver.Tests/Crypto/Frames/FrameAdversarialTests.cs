using RtDriver.Crypto.Frames;
using Xunit;
using static RtDriver.Tests.Crypto.Frames.FrameShapes;
using static RtDriver.Tests.Crypto.Frames.FrameTestData;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>
/// Hostile input: every truncation point, wrong key id, every single-bit flip, ExtIV missing,
/// lengths that lie. Each failure has its specific status, changes no replay state and writes
/// nothing past the output buffer.
/// </summary>
public class FrameAdversarialTests
{
    private const byte Guard = 0x5A;

    public static TheoryData<RtCipher, Shape> CipherShapes()
    {
        var d = new TheoryData<RtCipher, Shape>();
        foreach (var c in Ciphers)
            foreach (var s in new[] { Shape.Qos4HtControl, Shape.Data3, Shape.Management })
                if (Applies(c, s)) d.Add(c, s);
        return d;
    }

    private sealed class Fixture
    {
        public required RtCipher Cipher;
        public required FrameKey Rx;
        public required byte[] Plain;
        public required byte[] Protected;
        public required int HeaderLength;
        public required ulong Pn;
    }

    private static Fixture Make(RtCipher cipher, Shape shape, int body = 40)
    {
        var key = KeyFor(cipher);
        var tx = FrameKey.Create(cipher, key, KeyIdFor(cipher));
        ulong pn = IsWep(cipher) ? 0x030405UL : 0x0102030405UL;
        tx.SetTxPn(pn);
        var plain = new byte[HeaderLength(shape) + body];
        Build(shape, body, plain);
        var rx = FrameKey.Create(cipher, PeerKey(cipher, key), KeyIdFor(cipher));
        rx.SetRxPn(-1, pn - 1);
        return new Fixture
        {
            Cipher = cipher, Rx = rx, Plain = plain, Protected = Encrypt(tx, plain),
            HeaderLength = HeaderLength(shape), Pn = pn,
        };
    }

    private static bool IsWep(RtCipher c) => c is RtCipher.Wep40 or RtCipher.Wep104;

    /// <summary>Decrypts into an output of exactly the plaintext size followed by guard bytes;
    /// asserts no guard byte changed and, on failure, that no replay counter moved.</summary>
    private static RtStatus TryDecrypt(FrameKey rx, ReadOnlySpan<byte> frame, int outCap, out byte[] output, out int written)
    {
        var before = Snapshot(rx);
        output = new byte[outCap + 16];
        Array.Fill(output, Guard);
        var s = rx.Decrypt(frame, output.AsSpan(0, outCap), out written);
        for (int i = outCap; i < output.Length; i++) Assert.Equal(Guard, output[i]);
        if (s != RtStatus.Ok) Assert.Equal(before, Snapshot(rx));
        return s;
    }

    [Theory]
    [MemberData(nameof(CipherShapes))]
    public void EveryTruncationPoint(RtCipher cipher, Shape shape)
    {
        var f = Make(cipher, shape);
        int minimal = f.Protected.Length - f.Plain.Length + f.HeaderLength; // header + security overhead
        for (int len = 0; len < f.Protected.Length; len++)
        {
            var s = TryDecrypt(f.Rx, f.Protected.AsSpan(0, len), f.Plain.Length, out _, out _);
            if (len < minimal)
                Assert.True(s == RtStatus.MalformedFrame, $"{cipher} {shape} truncated to {len}: {s} ({FrameKey.LastFailureReason})");
            else if (FrameKey.IsBip(cipher))
                Assert.True(s is RtStatus.MalformedFrame or RtStatus.Mic, $"{cipher} truncated to {len}: {s}");
            else if (IsWep(cipher) || cipher == RtCipher.Tkip)
                Assert.True(s == RtStatus.Icv, $"{cipher} {shape} truncated to {len}: {s} ({FrameKey.LastFailureReason})");
            else
                Assert.True(s == RtStatus.Mic, $"{cipher} {shape} truncated to {len}: {s} ({FrameKey.LastFailureReason})");
            f.Rx.ClearCountermeasures();
        }
        Assert.Equal(RtStatus.Ok, TryDecrypt(f.Rx, f.Protected, f.Plain.Length, out var output, out int w));
        Assert.True(output.AsSpan(0, w).SequenceEqual(f.Plain));
    }

    [Theory]
    [MemberData(nameof(CipherShapes))]
    public void WrongKeyIdIsNoKey(RtCipher cipher, Shape shape)
    {
        var f = Make(cipher, shape);
        int otherId = FrameKey.IsBip(cipher) ? 4 : 1;
        var other = FrameKey.Create(cipher, PeerKey(cipher, KeyFor(cipher)), otherId);
        Assert.Equal(RtStatus.NoKey, TryDecrypt(other, f.Protected, f.Plain.Length, out _, out _));
        Assert.Contains($"key id {KeyIdFor(cipher)}", FrameKey.LastFailureReason);
    }

    private enum Flip { MustReject, MustAccept, MayAccept }

    /// <summary>
    /// What the standard says about flipping one bit of a protected frame: fields it leaves
    /// unprotected (Duration, Retry/PwrMgt/MoreData, the sequence number, QoS bits outside the
    /// TID, HT Control, reserved bits; for TKIP the fields Michael and phase 1 do not cover; for
    /// WEP the whole header) must still be accepted; for WEP a flip that changes the header's
    /// shape may go either way; everything else must be rejected.
    /// </summary>
    private static Flip Classify(RtCipher cipher, Shape shape, int hl, int index, int bit)
    {
        int mask = 1 << bit;
        bool bip = FrameKey.IsBip(cipher);
        bool wep = IsWep(cipher);
        bool tkip = cipher == RtCipher.Tkip;
        bool data = shape is not (Shape.Management or Shape.ManagementHtControl);
        int qos = shape switch { Shape.Qos3 => 24, Shape.Qos4HtControl => 30, _ => -1 };
        bool fourAddress = shape is Shape.Data4 or Shape.Qos4HtControl;
        var must = Flip.MustAccept;
        var never = Flip.MustReject;
        if (index == 2 || index == 3) return must;                                     // Duration
        if (index == 1 && (mask & 0x38) != 0) return must;                             // Retry, PwrMgt, MoreData
        if (index == 0 && data && (mask & 0x70) != 0) return must;                     // data subtype bits 4..6
        if (index == 22 && (mask & 0xF0) != 0 || index == 23) return must;             // sequence number
        if (qos >= 0 && (index == qos && (mask & 0xF0) != 0 || index == qos + 1)) return must; // QoS outside the TID
        if (shape is Shape.Qos4HtControl && index >= 32 && index < 36) return must;    // HT Control
        if (shape is Shape.ManagementHtControl && index >= 24 && index < 28) return must;
        if (wep)
        {
            if (index < 2) return Flip.MayAccept;                                      // may change the header's shape
            if (index < hl) return must;                                               // WEP protects no header field
            if (index == hl + 3) return bit < 5 ? must : never;                        // reserved bits / ExtIV, key id
            return never;
        }
        if (bip)
        {
            if (index == 22) return must;                                              // Sequence Control is not in the BIP AAD
            return never;
        }
        if (tkip)
        {
            if (index == 1 && mask == 0x80 && qos < 0) return must;                    // Order on non-QoS data: no HTC, no AAD
            if (index >= 4 && index < 10) return shape == Shape.Qos3 ? never : must;   // A1 is the DA only when FromDS alone
            if (index == hl + 1) return must;                                          // WEPSeed
            if (index == hl + 3) return bit < 5 ? must : never;
            return never;
        }
        if (index == hl + 2) return must;                                              // CCMP/GCMP reserved octet
        if (index == hl + 3) return bit < 5 ? must : never;                            // Key ID octet reserved bits
        return never;
    }

    [Theory]
    [MemberData(nameof(CipherShapes))]
    public void EverySingleBitFlip(RtCipher cipher, Shape shape)
    {
        var f = Make(cipher, shape, body: 24);
        var frame = (byte[])f.Protected.Clone();
        int accepted = 0, rejected = 0;
        for (int index = 0; index < frame.Length; index++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                frame[index] ^= (byte)(1 << bit);
                f.Rx.SetRxPn(-1, f.Pn - 1);
                var s = TryDecrypt(f.Rx, frame, f.Plain.Length + 8, out var output, out int written);
                var expectation = Classify(cipher, shape, f.HeaderLength, index, bit);
                if (s == RtStatus.Ok)
                {
                    Assert.True(expectation != Flip.MustReject,
                        $"{cipher} {shape}: flipping bit {bit} of byte {index} was accepted");
                    var expected = (byte[])f.Plain.Clone();
                    if (index < f.HeaderLength) expected[index] ^= (byte)(1 << bit);
                    Assert.True(output.AsSpan(0, written).SequenceEqual(expected), $"{cipher} {shape}: byte {index} bit {bit}: wrong plaintext");
                    accepted++;
                }
                else
                {
                    Assert.True(s is RtStatus.MalformedFrame or RtStatus.NoKey or RtStatus.Mic or RtStatus.Icv or RtStatus.Replay,
                        $"{cipher} {shape}: byte {index} bit {bit}: unexpected {s}");
                    Assert.True(expectation != Flip.MustAccept,
                        $"{cipher} {shape}: byte {index} bit {bit} is unprotected by the standard but failed {s} ({FrameKey.LastFailureReason})");
                    rejected++;
                }
                f.Rx.ClearCountermeasures();
                while (f.Rx.TryDequeueEvent(out _)) { }
                frame[index] ^= (byte)(1 << bit);
            }
        }
        Assert.True(rejected > 0 && accepted + rejected == frame.Length * 8);
    }

    [Theory]
    [InlineData(RtCipher.Ccmp)]
    [InlineData(RtCipher.Ccmp256)]
    [InlineData(RtCipher.Gcmp)]
    [InlineData(RtCipher.Gcmp256)]
    [InlineData(RtCipher.Tkip)]
    public void ExtIvMissingIsMalformed(RtCipher cipher)
    {
        var f = Make(cipher, Shape.Qos3);
        var frame = (byte[])f.Protected.Clone();
        frame[f.HeaderLength + 3] &= 0xDF;
        Assert.Equal(RtStatus.MalformedFrame, TryDecrypt(f.Rx, frame, f.Plain.Length, out _, out _));
        Assert.Contains("ExtIV", FrameKey.LastFailureReason);
    }

    [Fact]
    public void WepWithExtIvIsMalformed()
    {
        var f = Make(RtCipher.Wep104, Shape.Data3);
        var frame = (byte[])f.Protected.Clone();
        frame[f.HeaderLength + 3] |= 0x20;
        Assert.Equal(RtStatus.MalformedFrame, TryDecrypt(f.Rx, frame, f.Plain.Length, out _, out _));
    }

    [Theory]
    [MemberData(nameof(CipherShapes))]
    public void LengthsThatLie(RtCipher cipher, Shape shape)
    {
        var f = Make(cipher, shape);
        // An output that claims less room than needed: BufferTooSmall with the true size, nothing written.
        for (int cap = 0; cap < f.Plain.Length; cap += 7)
        {
            var s = TryDecrypt(f.Rx, f.Protected, cap, out var output, out int needed);
            Assert.Equal(RtStatus.BufferTooSmall, s);
            Assert.Equal(f.Plain.Length, needed);
            Assert.All(output, b => Assert.Equal(Guard, b));
        }
        // A frame longer than any MPDU.
        var huge = new byte[FrameKey.MaxFrameLength + 1];
        f.Protected.CopyTo(huge, 0);
        Assert.Equal(RtStatus.MalformedFrame, TryDecrypt(f.Rx, huge, 100, out _, out _));
        // Trailing garbage: the frame is longer than what was protected.
        var longer = f.Protected.Concat(new byte[] { 1, 2, 3 }).ToArray();
        var st = TryDecrypt(f.Rx, longer, longer.Length, out _, out _);
        Assert.True(st is RtStatus.Mic or RtStatus.Icv or RtStatus.MalformedFrame, $"{cipher}: trailing bytes gave {st}");
        // Encrypt: output too small for the protected frame.
        var tx = FrameKey.Create(cipher, KeyFor(cipher), KeyIdFor(cipher));
        ulong next = tx.NextTxPn;
        var small = new byte[tx.ProtectedLength(f.Plain.Length) - 1 + 16];
        Array.Fill(small, Guard);
        Assert.Equal(RtStatus.BufferTooSmall, tx.Encrypt(f.Plain, small.AsSpan(0, small.Length - 16), out int need));
        Assert.Equal(tx.ProtectedLength(f.Plain.Length), need);
        Assert.All(small, b => Assert.Equal(Guard, b));
        Assert.Equal(next, tx.NextTxPn);
        if (FrameKey.IsBip(cipher))
        {
            // The MME's length octet lies.
            var bad = (byte[])f.Protected.Clone();
            bad[bad.Length - (cipher == RtCipher.BipCmac128 ? 17 : 25)] ^= 0x08;
            Assert.Equal(RtStatus.MalformedFrame, TryDecrypt(f.Rx, bad, f.Plain.Length, out _, out _));
        }
    }

    [Fact]
    public void PartialOverlapIsRefused()
    {
        var f = Make(RtCipher.Ccmp, Shape.Data3);
        var buffer = new byte[f.Protected.Length + 8];
        f.Protected.CopyTo(buffer, 0);
        Assert.Equal(RtStatus.InvalidArgument, f.Rx.Decrypt(buffer.AsSpan(0, f.Protected.Length), buffer.AsSpan(4), out _));
        Assert.Equal(RtStatus.InvalidArgument, f.Rx.Encrypt(buffer.AsSpan(4, 40), buffer.AsSpan(0, buffer.Length), out _));
    }

    [Fact]
    public void ControlFramesAndProtocolVersionsAreMalformed()
    {
        var key = FrameKey.Create(RtCipher.Ccmp, KeyFor(RtCipher.Ccmp), 0);
        var frame = new byte[64];
        var output = new byte[128];
        frame[0] = 0xB4; // RTS (control)
        Assert.Equal(RtStatus.MalformedFrame, key.Encrypt(frame, output, out _));
        frame[0] = 0x09; // data, protocol version 1
        Assert.Equal(RtStatus.MalformedFrame, key.Encrypt(frame, output, out _));
        Assert.Equal(RtStatus.MalformedFrame, key.Encrypt(frame.AsSpan(0, 0), output, out _));
    }
}
