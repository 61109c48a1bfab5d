using System.Buffers.Binary;
using RtDriver.Capture;
using RtDriver.Crypto.Primitives;
using Xunit;

namespace RtDriver.Tests.Capture;

public class WirelessFrameTests
{
    // A 24-byte data frame header plus 8 bytes of body.
    private static readonly byte[] Frame =
        [0x08, 0x02, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 0x10, 0, 0xAA, 0xAA, 3, 0, 0, 0, 8, 0];

    private static byte[] WithFcs(byte[] frame)
    {
        var f = new byte[frame.Length + 4];
        frame.CopyTo(f, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(frame.Length), Crc32.Compute(frame));
        return f;
    }

    private static byte[] Radiotap(byte flags, bool tsft)
    {
        // version 0, pad, length, present; TSFT (8 bytes, 8-aligned) then Flags.
        var h = new List<byte> { 0, 0, 0, 0 };
        uint present = (tsft ? 1u : 0) | 2u;
        h.AddRange(BitConverter.GetBytes(present));
        if (tsft) h.AddRange(new byte[8]);
        h.Add(flags);
        while (h.Count % 4 != 0) h.Add(0);
        var a = h.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(a.AsSpan(2), (ushort)a.Length);
        return a;
    }

    private static ReadOnlyMemory<byte> Extract(int linkType, byte[] record, out FcsState fcs)
    {
        Assert.True(WirelessFrame.TryExtract(linkType, record, out var frame, out fcs, out var why), why);
        return frame;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RadiotapFcsFlagIsAuthoritative(bool tsft)
    {
        var withFcs = Radiotap(0x10, tsft).Concat(WithFcs(Frame)).ToArray();
        Assert.Equal(Frame, Extract(LinkType.Radiotap, withFcs, out var fcs).ToArray());
        Assert.Equal(FcsState.Stripped, fcs);
        // Flag clear: the trailing 4 bytes are data even though they happen to be a valid CRC.
        var noFlag = Radiotap(0x00, tsft).Concat(WithFcs(Frame)).ToArray();
        Assert.Equal(Frame.Length + 4, Extract(LinkType.Radiotap, noFlag, out fcs).Length);
        Assert.Equal(FcsState.Absent, fcs);
        var bad = Radiotap(0x50, tsft).Concat(WithFcs(Frame)).ToArray();
        Extract(LinkType.Radiotap, bad, out fcs);
        Assert.Equal(FcsState.StrippedBad, fcs);
    }

    [Fact]
    public void AvsHeaderIsSkippedAndFcsFoundByCrc()
    {
        var avs = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(avs, 0x80211001);
        BinaryPrimitives.WriteUInt32BigEndian(avs.AsSpan(4), 64);
        Assert.Equal(Frame, Extract(LinkType.Avs, avs.Concat(WithFcs(Frame)).ToArray(), out var fcs).ToArray());
        Assert.Equal(FcsState.Stripped, fcs);
        Assert.Equal(Frame, Extract(LinkType.Avs, avs.Concat(Frame).ToArray(), out fcs).ToArray());
        Assert.Equal(FcsState.Absent, fcs);
        // An AVS header under the Prism link type (as some drivers log) is recognised by its magic.
        Assert.Equal(Frame, Extract(LinkType.Prism, avs.Concat(Frame).ToArray(), out _).ToArray());
    }

    [Theory]
    [InlineData(LinkType.Radiotap, new byte[] { 0, 0, 200, 0, 0, 0, 0, 0 })]   // length beyond the record
    [InlineData(LinkType.Radiotap, new byte[] { 1, 0, 8, 0, 0, 0, 0, 0 })]     // version 1
    [InlineData(LinkType.Prism, new byte[] { 0, 0, 0, 0, 0, 0x10, 0, 0 })]     // msglen 4096 > record
    [InlineData(LinkType.Ethernet, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void DamagedOrForeignHeadersAreRefusedWithAReason(int linkType, byte[] record)
    {
        Assert.False(WirelessFrame.TryExtract(linkType, record, out _, out _, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }
}
