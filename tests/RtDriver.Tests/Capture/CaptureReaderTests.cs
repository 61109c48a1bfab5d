using System.Buffers.Binary;
using RtDriver.Capture;
using RtDriver.Tests.Wpa;
using Xunit;

namespace RtDriver.Tests.Capture;

public class CaptureReaderTests
{
    public static TheoryData<string, int> SharedCaptures() => new()
    {
        { "wpa.cap", LinkType.Prism }, { "wpa2-psk-linksys.cap", LinkType.Ieee80211 }, { "capture_wds-01.cap", LinkType.Ieee80211 },
        { "zn2i.pcap", LinkType.Radiotap }, { "n-02.cap", LinkType.Ieee80211 }, { "wpa2.eapol.cap", LinkType.Ieee80211 },
        { "test-pmkid.pcap", LinkType.Ieee80211 }, { "wep_64_ptw_01.cap", LinkType.Ieee80211 },
        { "wep.open.system.authentication.cap", LinkType.Ieee80211 }, { "wep.shared.key.authentication.cap", LinkType.Ieee80211 },
    };

    [Theory]
    [MemberData(nameof(SharedCaptures))]
    public void ReadsEverySharedCaptureCompletely(string file, int linkType)
    {
        using var reader = CaptureReader.Open(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", file));
        Assert.Equal(CaptureFormat.Pcap, reader.Format);
        Assert.Equal(linkType, reader.LinkType);
        var records = reader.ReadAll().ToList();
        Assert.False(reader.Truncated);
        Assert.Equal(ExpectedResults.Capture(file).GetProperty("packets").GetInt64(), records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Number));
        Assert.All(records, r => Assert.True(WirelessFrame.TryExtract(r.LinkType, r.Data, out var f, out _, out var why), why));
    }

    [Fact]
    public void PrismRecordsOfWpaCapHaveTheirFcsFoundAndStripped()
    {
        using var reader = CaptureReader.Open(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa.cap"));
        foreach (var r in reader.ReadAll())
        {
            Assert.True(WirelessFrame.TryExtract(r.LinkType, r.Data, out var frame, out var fcs, out _));
            Assert.Equal(FcsState.Stripped, fcs);
            Assert.Equal(r.Data.Length - 144 - 4, frame.Length); // 144-byte Prism header, 4-byte FCS
        }
    }

    [Fact]
    public void PlainFramesWithoutFcsAreLeftWhole()
    {
        using var reader = CaptureReader.Open(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa2-psk-linksys.cap"));
        foreach (var r in reader.ReadAll())
        {
            Assert.True(WirelessFrame.TryExtract(r.LinkType, r.Data, out var frame, out var fcs, out _));
            Assert.Equal(FcsState.Absent, fcs);
            Assert.Equal(r.Data.Length, frame.Length);
        }
    }

    [Theory]
    [InlineData(CaptureFormat.Pcap)]
    [InlineData(CaptureFormat.Pcapng)]
    public void WriterRoundTripsEveryRecord(CaptureFormat format)
    {
        using var source = CaptureReader.Open(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "zn2i.pcap"));
        var records = source.ReadAll().ToList();
        var ms = new MemoryStream();
        using (var w = new CaptureWriter(ms, LinkType.Radiotap, format))
            foreach (var r in records) w.Write(r.TimestampMicros, r.Data.Span, r.OriginalLength);
        ms.Position = 0;
        using var back = new CaptureReader(ms);
        Assert.Equal(format, back.Format);
        Assert.Equal(LinkType.Radiotap, back.LinkType);
        var again = back.ReadAll().ToList();
        Assert.Equal(records.Count, again.Count);
        for (int i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].Data.Span.SequenceEqual(again[i].Data.Span));
            Assert.Equal(records[i].TimestampMicros, again[i].TimestampMicros);
            Assert.Equal(records[i].OriginalLength, again[i].OriginalLength);
        }
    }

    [Fact]
    public void ReadsBigEndianNanosecondPcap()
    {
        var ms = new MemoryStream();
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32BigEndian(h, 0xA1B23C4D);
        BinaryPrimitives.WriteUInt16BigEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16BigEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], 65535);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], 105);
        ms.Write(h);
        Span<byte> r = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(r, 1000);
        BinaryPrimitives.WriteUInt32BigEndian(r[4..], 123_456_789);
        BinaryPrimitives.WriteUInt32BigEndian(r[8..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(r[12..], 10);
        ms.Write(r);
        ms.Write([1, 2, 3]);
        ms.Position = 0;
        using var reader = new CaptureReader(ms);
        var rec = Assert.Single(reader.ReadAll());
        Assert.Equal((105, 1000_123_456L, 10), (rec.LinkType, rec.TimestampMicros, rec.OriginalLength));
        Assert.Equal(new byte[] { 1, 2, 3 }, rec.Data.ToArray());
    }

    [Fact]
    public void ReadsBigEndianPcapngWithTimestampResolutionAndTwoInterfaces()
    {
        var ms = new MemoryStream();
        void Block(uint type, byte[] body)
        {
            Span<byte> b = stackalloc byte[4];
            uint total = (uint)(12 + body.Length);
            BinaryPrimitives.WriteUInt32BigEndian(b, type); ms.Write(b);
            BinaryPrimitives.WriteUInt32BigEndian(b, total); ms.Write(b);
            ms.Write(body);
            BinaryPrimitives.WriteUInt32BigEndian(b, total); ms.Write(b);
        }
        byte[] Be(params object[] parts)
        {
            var list = new List<byte>();
            foreach (var p in parts)
                switch (p)
                {
                    case uint u: { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, u); list.AddRange(b); break; }
                    case ushort s: { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, s); list.AddRange(b); break; }
                    case byte[] raw: list.AddRange(raw); break;
                }
            return list.ToArray();
        }
        Block(0x0A0D0D0A, Be(0x1A2B3C4Du, (ushort)1, (ushort)0, 0xFFFFFFFFu, 0xFFFFFFFFu));
        Block(1, Be((ushort)105, (ushort)0, 65535u));                                              // interface 0: µs
        Block(1, Be((ushort)127, (ushort)0, 65535u, (ushort)9, (ushort)1, new byte[] { 9, 0, 0, 0 }, (ushort)0, (ushort)0)); // interface 1: ns
        Block(6, Be(1u, (uint)(5_000_000_000UL >> 32), (uint)(5_000_000_000UL & 0xFFFFFFFF), 4u, 4u, new byte[] { 0xAA, 0xBB, 0xCC, 0xDD }));       // on interface 1
        Block(5, Be(0u, 0u));                                                                      // statistics: skipped
        Block(3, Be(2u, new byte[] { 0x11, 0x22, 0, 0 }));                                         // simple packet, interface 0
        ms.Position = 0;
        using var reader = new CaptureReader(ms);
        var recs = reader.ReadAll().ToList();
        Assert.Equal(2, recs.Count);
        Assert.Equal((127, 5_000_000L), (recs[0].LinkType, recs[0].TimestampMicros));
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC, 0xDD }, recs[0].Data.ToArray());
        Assert.Equal(105, recs[1].LinkType);
        Assert.Equal(new byte[] { 0x11, 0x22 }, recs[1].Data.ToArray());
    }

    [Fact]
    public void AFileCutInsideARecordEndsWithTruncatedSet()
    {
        var bytes = File.ReadAllBytes(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa2.eapol.cap"));
        using var reader = new CaptureReader(new MemoryStream(bytes[..^10]));
        Assert.Equal(4, reader.ReadAll().Count());
        Assert.True(reader.Truncated);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2 })]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 })]
    public void NotACaptureIsAMalformedInputErrorNamingTheBytes(byte[] bytes)
    {
        var e = Assert.Throws<RtException>(() => new CaptureReader(new MemoryStream(bytes)));
        Assert.Equal(RtStatus.MalformedFrame, e.Status);
    }

    [Fact]
    public void ALengthFieldBeyondTheLimitIsRefusedNotAllocated()
    {
        var bytes = File.ReadAllBytes(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", "wpa2.eapol.cap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 0x7FFFFFF0);
        using var reader = new CaptureReader(new MemoryStream(bytes));
        var e = Assert.Throws<RtException>(() => reader.ReadAll().ToList());
        Assert.Contains("2147483632", e.Message);
    }
}
