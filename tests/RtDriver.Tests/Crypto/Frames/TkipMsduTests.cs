using RtDriver.Crypto.Frames;
using Xunit;
using static RtDriver.Tests.Crypto.Frames.FrameShapes;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>MSDU-level protection: fragmentation on TX, defragmentation on RX (TKIP checks Michael
/// over the reassembled MSDU), Michael MIC failure events and countermeasures.</summary>
public class TkipMsduTests
{
    private sealed class FakeClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
        public void Advance(TimeSpan t) => Ticks += t.Ticks;
    }

    private static (FrameKey tx, FrameKey rx) Pair(RtCipher cipher)
    {
        return KeyPair(cipher, KeyFor(cipher));
    }

    public static TheoryData<RtCipher, Shape> FragmentableShapes()
    {
        var d = new TheoryData<RtCipher, Shape>();
        foreach (var c in new[] { RtCipher.Tkip, RtCipher.Ccmp, RtCipher.Gcmp256, RtCipher.Wep104 })
            foreach (var s in new[] { Shape.Data3, Shape.Qos4HtControl })
                d.Add(c, s);
        return d;
    }

    [Theory]
    [MemberData(nameof(FragmentableShapes))]
    public void FragmentAndReassemble(RtCipher cipher, Shape shape)
    {
        var (tx, rx) = Pair(cipher);
        var plain = new byte[1600];
        var fragments = new byte[4000];
        var lengths = new int[16];
        var output = new byte[1700];
        foreach (int body in new[] { 0, 1, 100, 255, 256, 1000, 1500 })
        {
            foreach (int limit in new[] { 100, 256, 257, 700, 2346 })
            {
                int len = Build(shape, body, plain, seed: body);
                bool inPlace = (body & 1) == 0;
                if (inPlace) plain.AsSpan(0, len).CopyTo(fragments);
                var s = inPlace
                    ? tx.EncryptMsdu(fragments.AsSpan(0, len), limit, fragments, lengths, out int count, out int written)
                    : tx.EncryptMsdu(plain.AsSpan(0, len), limit, fragments, lengths, out count, out written);
                int overhead = tx.ProtectedLength(len) - len - (cipher == RtCipher.Tkip ? 8 : 0) + HeaderLength(shape);
                int payload = body + (cipher == RtCipher.Tkip ? 8 : 0);
                int maxBody = (limit - overhead) & ~1;
                bool possible = limit >= overhead + payload || maxBody >= 2 && (payload + maxBody - 1) / maxBody <= 16;
                if (!possible) { Assert.Equal(RtStatus.InvalidArgument, s); continue; }
                Assert.True(s == RtStatus.Ok, $"{cipher} {shape} body {body} limit {limit}: {s} {FrameKey.LastFailureReason}");
                int total = 0;
                for (int i = 0; i < count; i++)
                {
                    Assert.InRange(lengths[i], 1, limit);
                    if (i < count - 1) Assert.Equal(lengths[0], lengths[i]); // equal, even bodies but the last
                    total += lengths[i];
                }
                Assert.Equal(written, total);
                int offset = 0;
                for (int i = 0; i < count; i++)
                {
                    var frag = fragments.AsSpan(offset, lengths[i]);
                    Assert.True(FrameHeader.TryParse(frag, out var h));
                    Assert.Equal(i, h.FragmentNumber);
                    Assert.Equal(i < count - 1, h.MoreFragments);
                    s = rx.DecryptMsdu(frag, output, out int w, out bool complete);
                    Assert.True(s == RtStatus.Ok, $"{cipher} {shape} body {body} limit {limit} fragment {i}: {s} {FrameKey.LastFailureReason}");
                    Assert.Equal(i == count - 1, complete);
                    if (complete)
                    {
                        Assert.Equal(len, w);
                        Assert.True(output.AsSpan(0, len).SequenceEqual(plain.AsSpan(0, len)), $"{cipher} {shape} body {body} limit {limit}: MSDU differs");
                    }
                    else Assert.Equal(0, w);
                    offset += lengths[i];
                }
            }
        }
    }

    [Fact]
    public void OutOfOrderDuplicateAndForeignFragmentsAreRefusedWithoutStateChange()
    {
        var (tx, rx) = Pair(RtCipher.Tkip);
        var plain = new byte[800];
        int len = Build(Shape.Qos3, 700, plain);
        var frags = new byte[2000];
        var lengths = new int[16];
        Assert.Equal(RtStatus.Ok, tx.EncryptMsdu(plain.AsSpan(0, len), 300, frags, lengths, out int count, out _));
        Assert.Equal(3, count);
        var f0 = frags.AsSpan(0, lengths[0]).ToArray();
        var f1 = frags.AsSpan(lengths[0], lengths[1]).ToArray();
        var f2 = frags.AsSpan(lengths[0] + lengths[1], lengths[2]).ToArray();
        var output = new byte[1000];
        // A lone middle fragment, and plain Decrypt of a TKIP fragment.
        Assert.Equal(RtStatus.MalformedFrame, rx.DecryptMsdu(f1, output, out _, out _));
        Assert.Equal(RtStatus.MalformedFrame, rx.Decrypt(f0, output, out _));
        Assert.Equal(RtStatus.Ok, rx.DecryptMsdu(f0, output, out _, out bool complete));
        Assert.False(complete);
        Assert.Equal(RtStatus.MalformedFrame, rx.DecryptMsdu(f2, output, out _, out _)); // skips fragment 1
        // Fragment 0 again (a retransmission before the MSDU completed) restarts the reassembly.
        Assert.Equal(RtStatus.Ok, rx.DecryptMsdu(f0, output, out _, out complete));
        Assert.False(complete);
        Assert.Equal(RtStatus.Ok, rx.DecryptMsdu(f1, output, out _, out complete));
        Assert.False(complete);
        var corrupt = (byte[])f2.Clone();
        corrupt[^1] ^= 1;
        Assert.Equal(RtStatus.Icv, rx.DecryptMsdu(corrupt, output, out _, out _));
        Assert.Equal(RtStatus.BufferTooSmall, rx.DecryptMsdu(f2, output.AsSpan(0, 100), out int needed, out _));
        Assert.Equal(len, needed);
        ulong before = rx.GetRxPn(5);
        Assert.Equal(RtStatus.Ok, rx.DecryptMsdu(f2, output, out int w, out complete));
        Assert.True(complete);
        Assert.True(output.AsSpan(0, w).SequenceEqual(plain.AsSpan(0, len)));
        Assert.True(rx.GetRxPn(5) > before);
        // The whole MSDU again: fragment 0 is now a replay.
        Assert.Equal(RtStatus.Replay, rx.DecryptMsdu(f0, output, out _, out _));
    }

    private static byte[] ForgedMichael(FrameKey rxForTsc, ulong tsc, bool group, out FrameKey sender)
    {
        var key = KeyFor(RtCipher.Tkip);
        key[16] ^= 0x55; // the sender's Michael key differs from what the receiver expects: ICV fine, MIC wrong
        sender = FrameKey.Create(RtCipher.Tkip, key, KeyIdFor(RtCipher.Tkip));
        sender.SetTxPn(tsc);
        var plain = new byte[100];
        int len = Build(Shape.Qos3, 60, plain, groupAddressed: group);
        return FrameTestData.Encrypt(sender, plain.AsSpan(0, len).ToArray());
    }

    [Fact]
    public void MichaelFailuresQueueEventsAndTwoWithin60SecondsStartCountermeasures()
    {
        var (_, rx) = Pair(RtCipher.Tkip);
        var clock = new FakeClock();
        rx.Clock = clock;
        var output = new byte[200];
        var before = FrameTestData.Snapshot(rx);
        Assert.Equal(RtStatus.Mic, rx.Decrypt(ForgedMichael(rx, 10, group: false, out _), output, out _));
        Assert.Equal(before, FrameTestData.Snapshot(rx));
        Assert.True(rx.TryDequeueEvent(out var e));
        Assert.Equal(KeyEventType.MichaelMicFailure, e.Type);
        Assert.False(e.Group);
        Assert.Equal(10UL, e.Tsc);
        Assert.Equal(KeyIdFor(RtCipher.Tkip), e.KeyId);
        Assert.Equal(0x02, e.SourceAddress[0]);
        Assert.False(e.CountermeasuresStarted);
        Assert.False(rx.TryDequeueEvent(out _));

        clock.Advance(TimeSpan.FromSeconds(61)); // outside the window: still no countermeasures
        Assert.Equal(RtStatus.Mic, rx.Decrypt(ForgedMichael(rx, 11, group: true, out _), output, out _));
        Assert.False(rx.CountermeasuresActive);
        Assert.True(rx.TryDequeueEvent(out e));
        Assert.True(e.Group);

        clock.Advance(TimeSpan.FromSeconds(59)); // within 60 s of the previous failure
        Assert.Equal(RtStatus.Mic, rx.Decrypt(ForgedMichael(rx, 12, group: false, out _), output, out _));
        Assert.True(rx.CountermeasuresActive);
        Assert.True(rx.TryDequeueEvent(out e));
        Assert.True(e.CountermeasuresStarted);

        // The key refuses everything until the supplicant clears it.
        var (tx2, _) = Pair(RtCipher.Tkip);
        var plain = new byte[100];
        int len = Build(Shape.Qos3, 40, plain);
        var good = FrameTestData.Encrypt(tx2, plain.AsSpan(0, len).ToArray());
        Assert.Equal(RtStatus.State, rx.Decrypt(good, output, out _));
        Assert.Equal(RtStatus.State, rx.Encrypt(plain.AsSpan(0, len), output, out _));
        rx.ClearCountermeasures();
        Assert.Equal(RtStatus.Ok, rx.Decrypt(good, output, out _));
        clock.Advance(TimeSpan.FromSeconds(1)); // history forgotten: one new failure does not re-trigger
        Assert.Equal(RtStatus.Mic, rx.Decrypt(ForgedMichael(rx, 100, group: false, out _), output, out _));
        Assert.False(rx.CountermeasuresActive);
    }

    [Fact]
    public void MichaelFailureOnAReassembledMsduIsReported()
    {
        var (_, rx) = Pair(RtCipher.Tkip);
        var key = KeyFor(RtCipher.Tkip);
        key[16] ^= 1;
        var sender = FrameKey.Create(RtCipher.Tkip, key, KeyIdFor(RtCipher.Tkip));
        var plain = new byte[600];
        int len = Build(Shape.Data3, 500, plain);
        var frags = new byte[1200];
        var lengths = new int[16];
        Assert.Equal(RtStatus.Ok, sender.EncryptMsdu(plain.AsSpan(0, len), 200, frags, lengths, out int count, out _));
        var output = new byte[700];
        int offset = 0;
        RtStatus last = RtStatus.Ok;
        for (int i = 0; i < count; i++) { last = rx.DecryptMsdu(frags.AsSpan(offset, lengths[i]), output, out _, out _); offset += lengths[i]; }
        Assert.Equal(RtStatus.Mic, last);
        Assert.True(rx.TryDequeueEvent(out var e));
        Assert.Equal((ulong)count, e.Tsc); // TSC of the last fragment (TX PN started at 1)
        Assert.Equal(0UL, rx.GetRxPn(16));
    }

    [Fact]
    public void EventQueueKeepsTheLatest16()
    {
        var (_, rx) = Pair(RtCipher.Tkip);
        var clock = new FakeClock();
        rx.Clock = clock;
        var output = new byte[200];
        for (ulong i = 1; i <= 20; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(RtStatus.Mic, rx.Decrypt(ForgedMichael(rx, i, false, out _), output, out _));
        }
        Assert.Equal(16, rx.PendingEvents);
        Assert.True(rx.TryDequeueEvent(out var first));
        Assert.Equal(5UL, first.Tsc);
    }

    [Fact]
    public void FragmentLimitsAndBuffersAreValidated()
    {
        var (tx, _) = Pair(RtCipher.Tkip);
        var plain = new byte[2400];
        int len = Build(Shape.Data3, 2000, plain);
        var output = new byte[5000];
        var lengths = new int[16];
        Assert.Equal(RtStatus.InvalidArgument, tx.EncryptMsdu(plain.AsSpan(0, len), 37, output, lengths, out _, out _));
        Assert.Equal(RtStatus.InvalidArgument, tx.EncryptMsdu(plain.AsSpan(0, len), 150, output, lengths, out _, out _)); // > 16 fragments
        ulong pn = tx.NextTxPn;
        Assert.Equal(RtStatus.BufferTooSmall, tx.EncryptMsdu(plain.AsSpan(0, len), 500, output, lengths.AsSpan(0, 2), out int count, out int needed));
        Assert.Equal(5, count);
        Assert.Equal(RtStatus.BufferTooSmall, tx.EncryptMsdu(plain.AsSpan(0, len), 500, output.AsSpan(0, needed - 1), lengths, out _, out _));
        Assert.Equal(pn, tx.NextTxPn);
        Assert.Equal(RtStatus.Ok, tx.EncryptMsdu(plain.AsSpan(0, len), 500, output, lengths, out count, out int written));
        Assert.Equal(needed, written);
        Assert.Equal(pn + 5, tx.NextTxPn);
        var bip = FrameKey.Create(RtCipher.BipCmac128, KeyFor(RtCipher.BipCmac128), 4);
        len = Build(Shape.Management, 10, plain);
        Assert.Equal(RtStatus.InvalidArgument, bip.EncryptMsdu(plain.AsSpan(0, len), 500, output, lengths, out _, out _));
    }

    [Fact]
    public void AFrameAcceptedBetweenFragmentsMakesTheRestStale()
    {
        var (tx, rx) = Pair(RtCipher.Ccmp);
        var plain = new byte[800];
        int len = Build(Shape.Qos3, 600, plain);
        var frags = new byte[1600];
        var lengths = new int[16];
        Assert.Equal(RtStatus.Ok, tx.EncryptMsdu(plain.AsSpan(0, len), 300, frags, lengths, out int count, out _));
        Assert.Equal(3, count);
        var single = FrameTestData.Encrypt(tx, plain.AsSpan(0, Build(Shape.Qos3, 20, plain)).ToArray()); // same TID, higher PN
        var output = new byte[1000];
        Assert.Equal(RtStatus.Ok, rx.DecryptMsdu(frags.AsSpan(0, lengths[0]), output, out _, out _));
        Assert.Equal(RtStatus.Ok, rx.Decrypt(single, output, out _));
        ulong counter = rx.GetRxPn(5);
        Assert.Equal(RtStatus.Replay, rx.DecryptMsdu(frags.AsSpan(lengths[0], lengths[1]), output, out _, out _));
        Assert.Equal(counter, rx.GetRxPn(5)); // never moved backwards
    }

    [Fact]
    public void WepFragmentsNeedNotHaveConsecutiveIvs()
    {
        var (tx, rx) = Pair(RtCipher.Wep40);
        var plain = new byte[800];
        int len = Build(Shape.Data3, 500, plain);
        var frags = new byte[1600];
        var lengths = new int[16];
        Assert.Equal(RtStatus.Ok, tx.EncryptMsdu(plain.AsSpan(0, len), 200, frags, lengths, out int count, out _));
        // Re-protect fragment 1 under a far-away IV: still the same MSDU.
        var f1 = new byte[lengths[1]];
        var p1 = new byte[lengths[1]];
        Assert.Equal(RtStatus.Ok, rx.Decrypt(frags.AsSpan(lengths[0], lengths[1]), p1, out int w1));
        tx.SetTxPn(0x777777);
        Assert.Equal(RtStatus.Ok, tx.Encrypt(p1.AsSpan(0, w1), f1, out _));
        f1.CopyTo(frags, lengths[0]);
        var output = new byte[1000];
        int offset = 0;
        bool complete = false;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(RtStatus.Ok, rx.DecryptMsdu(frags.AsSpan(offset, lengths[i]), output, out int w, out complete));
            offset += lengths[i];
            if (complete) Assert.True(output.AsSpan(0, w).SequenceEqual(plain.AsSpan(0, len)));
        }
        Assert.True(complete);
    }
}
