using System.Runtime.CompilerServices;
using RtDriver.Crypto.Frames;
using RtDriver.Native;
using Xunit;
using static RtDriver.Tests.Crypto.Frames.FrameShapes;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>FrameKey creation and state, header parsing, replay counters, and the C layouts.</summary>
public class FrameKeyApiTests
{
    [Theory]
    [InlineData(RtCipher.Ccmp, 15, 0, "key length 15")]
    [InlineData(RtCipher.Tkip, 16, 0, "key length 16")]
    [InlineData(RtCipher.Wep104, 5, 0, "key length 5")]
    [InlineData(RtCipher.Ccmp, 16, 4, "key id 4")]
    [InlineData(RtCipher.Gcmp256, 32, -1, "key id -1")]
    [InlineData(RtCipher.BipCmac128, 16, 3, "key id 3")]
    [InlineData(RtCipher.BipGmac256, 32, 6, "key id 6")]
    [InlineData((RtCipher)0, 16, 0, "unknown cipher 0")]
    [InlineData((RtCipher)12, 16, 0, "unknown cipher 12")]
    public void CreateRejectsBadArgumentsNamingTheValue(RtCipher cipher, int keyLength, int keyId, string named)
    {
        var e = Assert.Throws<RtException>(() => FrameKey.Create(cipher, new byte[keyLength], keyId));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void KeyLengthsAndIdsOfEveryCipher()
    {
        foreach (var c in Ciphers)
        {
            var k = FrameKey.Create(c, new byte[FrameKey.KeyLength(c)], KeyIdFor(c));
            Assert.Equal(c, k.Cipher);
            Assert.Equal(KeyIdFor(c), k.KeyId);
        }
        Assert.Equal(5, FrameKey.KeyLength(RtCipher.Wep40));
        Assert.Equal(13, FrameKey.KeyLength(RtCipher.Wep104));
        Assert.Equal(32, FrameKey.KeyLength(RtCipher.Tkip));
        Assert.Equal(32, FrameKey.KeyLength(RtCipher.BipCmac256));
    }

    [Fact]
    public void TxPnRangeAndWepWrap()
    {
        var ccmp = FrameKey.Create(RtCipher.Ccmp, new byte[16], 0);
        Assert.Equal(1UL, ccmp.NextTxPn);
        ccmp.SetTxPn(PacketNumber.Max48);
        Assert.Throws<RtException>(() => ccmp.SetTxPn(PacketNumber.Max48 + 1));
        var plain = new byte[40];
        int len = Build(Shape.Data3, 10, plain);
        var output = new byte[100];
        Assert.Equal(RtStatus.Ok, ccmp.Encrypt(plain.AsSpan(0, len), output, out _));
        Assert.Equal(RtStatus.State, ccmp.Encrypt(plain.AsSpan(0, len), output, out _)); // PN space exhausted
        Assert.Contains("exhausted", FrameKey.LastFailureReason);

        var wep = FrameKey.Create(RtCipher.Wep40, new byte[5], 1);
        Assert.Throws<RtException>(() => wep.SetTxPn(1 << 24));
        wep.SetTxPn(0xFFFFFF);
        Assert.Equal(RtStatus.Ok, wep.Encrypt(plain.AsSpan(0, len), output, out _));
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0x40 }, output.AsSpan(24, 4).ToArray()); // IV number as bytes, key id 1
        Assert.Equal(0UL, wep.NextTxPn); // the 24-bit IV wraps
    }

    [Fact]
    public void ReplayCountersFollowTheContract()
    {
        var k = FrameKey.Create(RtCipher.Ccmp, new byte[16], 0);
        k.SetRxPn(-1, 7);
        for (int t = 0; t <= 17; t++) Assert.Equal(7UL, k.GetRxPn(t));
        k.SetRxPn(16, 100);
        Assert.Equal(100UL, k.GetRxPn(16));
        Assert.Equal(100UL, k.GetRxPn(ReplayCounters.Management));
        k.SetRxPn(ReplayCounters.Management, 50);
        Assert.Equal(100UL, k.GetRxPn(16)); // 16 reads the larger of non-QoS and management
        k.SetRxPn(3, 9);
        Assert.Equal(9UL, k.GetRxPn(3));
        Assert.Equal(7UL, k.GetRxPn(4));
        Assert.Throws<RtException>(() => k.SetRxPn(18, 1));
        Assert.Throws<RtException>(() => k.SetRxPn(-2, 1));
        Assert.Throws<RtException>(() => k.GetRxPn(-1));
        Assert.Throws<RtException>(() => k.SetRxPn(0, 1UL << 48));
    }

    [Fact]
    public void FramesUseTheCounterOfTheirTid()
    {
        var key = FrameShapes.KeyFor(RtCipher.Ccmp);
        var tx = FrameKey.Create(RtCipher.Ccmp, key, 2);
        var rx = FrameKey.Create(RtCipher.Ccmp, key, 2);
        var plain = new byte[100];
        int len = Build(Shape.Qos3, 20, plain, seed: 2);     // TID 7
        var qos = FrameTestData.Encrypt(tx, plain.AsSpan(0, len).ToArray());
        len = Build(Shape.Data3, 20, plain);
        var nonQos = FrameTestData.Encrypt(tx, plain.AsSpan(0, len).ToArray());
        len = Build(Shape.Management, 20, plain);
        var mgmt = FrameTestData.Encrypt(tx, plain.AsSpan(0, len).ToArray());
        // Decrypt in reverse PN order: each lands on its own counter, so none is a replay.
        FrameTestData.Decrypt(rx, mgmt);
        FrameTestData.Decrypt(rx, nonQos);
        FrameTestData.Decrypt(rx, qos);
        Assert.Equal(1UL, rx.GetRxPn(7));
        Assert.Equal(2UL, rx.ReplayCounters[ReplayCounters.NonQos]);
        Assert.Equal(3UL, rx.GetRxPn(16)); // 16 reads max(non-QoS 2, management 3)
        Assert.Equal(3UL, rx.GetRxPn(ReplayCounters.Management));
        Assert.Equal(0UL, rx.GetRxPn(0));
        var output = new byte[200];
        Assert.Equal(RtStatus.Replay, rx.Decrypt(qos, output, out _));
        Assert.Contains("counter 7", FrameKey.LastFailureReason);
    }

    [Fact]
    public void HeaderShapesParse()
    {
        var frame = new byte[64];
        foreach (var shape in All)
        {
            int len = Build(shape, 4, frame);
            Assert.True(FrameHeader.TryParse(frame.AsSpan(0, len), out var h));
            Assert.Equal(HeaderLength(shape), h.Length);
            Assert.Equal(shape is Shape.Data4 or Shape.Qos4HtControl, h.HasAddress4);
            Assert.Equal(shape is Shape.Qos3 or Shape.Qos4HtControl, h.HasQos);
            Assert.Equal(shape is Shape.Qos4HtControl or Shape.ManagementHtControl, h.HasHtControl);
            Assert.False(FrameHeader.TryParse(frame.AsSpan(0, HeaderLength(shape) - 1), out _));
        }
        // Pre-HT: the Order bit announces nothing.
        int l = Build(Shape.Qos4HtControl, 4, frame);
        Assert.True(FrameHeader.TryParse(frame.AsSpan(0, l), out var pre, preHtOrderBit: true));
        Assert.Equal(32, pre.Length);
        // Non-QoS data with Order: no HT Control even under HT rules.
        Build(Shape.Data3, 4, frame);
        frame[1] |= 0x80;
        Assert.True(FrameHeader.TryParse(frame.AsSpan(0, 28), out var d));
        Assert.Equal(24, d.Length);
        Assert.Equal(16, d.ReplayIndex);
        // DA/SA by ToDS/FromDS.
        Build(Shape.Data4, 0, frame);
        Assert.True(FrameHeader.TryParse(frame.AsSpan(0, 30), out var wds));
        Assert.Equal(16, wds.DestinationOffset);
        Assert.Equal(24, wds.SourceOffset);
        frame[0] = 0xC4; // control (CTS)
        Assert.False(FrameHeader.TryParse(frame.AsSpan(0, 30), out _));
    }

    [Fact]
    public unsafe void CLayoutsMatchTheHeader()
    {
        Assert.Equal(48, sizeof(FrameBatchOp));
        Assert.Equal(32, sizeof(KeyExports.RtKeyEvent));
        var ev = new KeyExports.RtKeyEvent();
        byte* b = (byte*)&ev;
        Assert.Equal(16, (int)((byte*)&ev.Tsc - b));
        Assert.Equal(24, (int)(ev.SourceAddress - b));
        Assert.Equal(30, (int)(&ev.Countermeasures - b));
    }
}
