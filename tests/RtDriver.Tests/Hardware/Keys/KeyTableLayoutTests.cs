using RtDriver.Hardware.Keys;
using Xunit;

namespace RtDriver.Tests.Hardware.Keys;

public class KeyTableLayoutTests
{
    [Fact]
    public void EntryAddressesFollowFactsSection51()
    {
        Assert.Equal(0x1800u, KeyTableMap.WcidEntry(0));
        Assert.Equal(0x1800u + 8 * 33, KeyTableMap.WcidEntry(33));
        Assert.Equal(0x4000u + 32 * 221, KeyTableMap.PairwiseKeyEntry(221));
        Assert.Equal(0x5BA0u, KeyTableMap.PairwiseKeyEntry(221)); // ends right before BEACON7 at 0x5BC0
        Assert.Equal(0x6000u + 8 * 40, KeyTableMap.IvEivEntry(40));
        Assert.Equal(0x6800u + 4 * 255, KeyTableMap.AttributeEntry(255));
        Assert.Equal(0x6C00u + 128 * 1 + 32 * 2, KeyTableMap.SharedKeyEntry(1, 2));
        Assert.Equal(0x6FE0u, KeyTableMap.SharedKeyEntry(7, 3));
        Assert.Equal(0x7000u, KeyTableMap.SharedKeyModeWord(7));
        Assert.Equal(0x7004u, KeyTableMap.SharedKeyModeWord(9));
        Assert.Equal(0x700Cu, KeyTableMap.SharedKeyModeWord(31));
        Assert.Equal(4, KeyTableMap.SharedKeyModeShift(9));
        Assert.Equal(28, KeyTableMap.SharedKeyModeShift(31));
        Assert.Equal(189, KeyTableMap.StationWcidCount);
        Assert.Throws<RtException>(() => KeyTableMap.WcidEntry(256));
        Assert.Throws<RtException>(() => KeyTableMap.SharedKeyEntry(8, 0));
        Assert.Throws<RtException>(() => KeyTableMap.SharedKeyEntry(0, 4));
    }

    [Theory]
    [InlineData(true, HwCipher.AesCcmp, 0, 0x1u | (4u << 1) | (4u << 7))]
    [InlineData(false, HwCipher.Tkip, 3, (3u << 1) | (3u << 4) | (3u << 7))]
    [InlineData(true, HwCipher.Wep40, 0, 0x1u | (1u << 1) | (1u << 7))]
    [InlineData(false, HwCipher.Wep104, 7, (2u << 1) | (7u << 4) | (2u << 7))]
    public void AttributeFieldsFollowFactsSection55(bool pairwise, HwCipher cipher, int bss, uint expected)
    {
        Assert.Equal(expected, WcidAttribute.Compose(0, pairwise, cipher, bss));
        Assert.Equal(cipher, WcidAttribute.CipherOf(expected));
        // WAPI bits are preserved, delete keeps the BSS index and clears KEYTAB/CIPHER/RX_WIUDF.
        uint withWapi = WcidAttribute.Compose(0xAB00_8000, pairwise, cipher, bss);
        Assert.Equal(0xAB00_8000u | expected, withWapi);
        Assert.Equal(0xAB00_8000u | ((uint)bss << 4), WcidAttribute.Cleared(withWapi));
    }

    [Fact]
    public void IvEivEntriesFollowFactsSection54()
    {
        var e = new byte[8];
        IvEivEntry.Build(HwCipher.AesCcmp, 1, 0xB5039776E70C, e);
        Assert.Equal(new byte[] { 0x0C, 0xE7, 0x00, 0x60, 0x76, 0x97, 0x03, 0xB5 }, e);
        Assert.Equal(0xB5039776E70Cul, IvEivEntry.ReadCounter(HwCipher.AesCcmp, e));

        IvEivEntry.Build(HwCipher.Tkip, 2, 0x0000_0001_23CD, e);
        // TSC1=0x23, WEPSeed=(0x23|0x20)&0x7f=0x23, TSC0=0xCD, keyid 2<<6|ExtIV
        Assert.Equal(new byte[] { 0x23, 0x23, 0xCD, 0xA0, 0x01, 0x00, 0x00, 0x00 }, e);
        Assert.Equal(0x1_23CDul, IvEivEntry.ReadCounter(HwCipher.Tkip, e));
        IvEivEntry.Build(HwCipher.Tkip, 0, 0xFF01, e);
        Assert.Equal(0x7F, e[1]); // (0xFF | 0x20) & 0x7F

        IvEivEntry.Build(HwCipher.Wep104, 3, 0xFB029E, e);
        Assert.Equal(new byte[] { 0xFB, 0x02, 0x9E, 0xC0, 0, 0, 0, 0 }, e);
        Assert.Equal(0xFB029Eul, IvEivEntry.ReadCounter(HwCipher.Wep104, e));

        Assert.Throws<RtException>(() => IvEivEntry.Build(HwCipher.AesCcmp, 0, 1UL << 48, e));
        Assert.Throws<RtException>(() => IvEivEntry.Build(HwCipher.Wep40, 0, 1UL << 24, e));
        Assert.Throws<RtException>(() => IvEivEntry.Build(HwCipher.AesCcmp, 4, 1, e));
    }

    [Fact]
    public void AbiTkipKeyMapsStraightOntoHardwareMicSlots()
    {
        byte[] abi = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var entry = new byte[32];
        TkipMicOrder.BuildKeyEntry(RtCipher.Tkip, abi, entry);
        Assert.Equal(abi, entry); // local TX (16..23) → hw TX MIC, local RX (24..31) → hw RX MIC

        var wep = new byte[] { 1, 2, 3, 4, 5 };
        TkipMicOrder.BuildKeyEntry(RtCipher.Wep40, wep, entry);
        Assert.Equal(wep, entry[..5]);
        Assert.All(entry[5..], b => Assert.Equal(0, b));
        Assert.Throws<RtException>(() => TkipMicOrder.BuildKeyEntry(RtCipher.Tkip, new byte[16], entry));
        Assert.Throws<RtException>(() => TkipMicOrder.BuildKeyEntry(RtCipher.Gcmp, new byte[16], entry));
    }

    [Fact]
    public void IeeeTemporalKeyIsSwappedForAStationAndCopiedForAnAccessPoint()
    {
        byte[] ieee = new byte[32];
        ieee.AsSpan(0, 16).Fill(0x11);
        ieee.AsSpan(16, 8).Fill(0xA5); // authenticator → supplicant
        ieee.AsSpan(24, 8).Fill(0x5A); // supplicant → authenticator
        var sta = new byte[32];
        TkipMicOrder.FromIeeeTemporalKey(ieee, DeviceRole.Station, sta);
        Assert.All(sta[16..24], b => Assert.Equal(0x5A, b)); // a station transmits supp→auth
        Assert.All(sta[24..32], b => Assert.Equal(0xA5, b));
        var ap = new byte[32];
        TkipMicOrder.FromIeeeTemporalKey(ieee, DeviceRole.AccessPoint, ap);
        Assert.Equal(ieee, ap);
        Assert.Equal(ieee[..16], sta[..16]);
    }

    [Fact]
    public void WcidAllocatorHandsOutFirstFreeAndStopsAtTheEnd()
    {
        Assert.Equal(33, KeyTableMap.FirstStationWcid); // Linux WCID_START; the other tests name it
        var a = new WcidAllocator();
        Assert.Equal(189, a.Capacity);
        Assert.Equal(KeyTableMap.FirstStationWcid, a.Allocate());
        Assert.Equal(KeyTableMap.FirstStationWcid + 1, a.Allocate());
        a.Release(KeyTableMap.FirstStationWcid);
        Assert.Equal(KeyTableMap.FirstStationWcid, a.Allocate());
        var small = new WcidAllocator(KeyTableMap.FirstStationWcid, KeyTableMap.FirstStationWcid + 2);
        Assert.Equal(KeyTableMap.FirstStationWcid, small.Allocate());
        Assert.Equal(KeyTableMap.FirstStationWcid + 1, small.Allocate());
        Assert.Equal(KeyTableMap.FirstStationWcid + 2, small.Allocate());
        Assert.Equal(-1, small.Allocate());
        Assert.Equal(3, small.InUse);
        small.Release(KeyTableMap.FirstStationWcid + 1);
        small.Release(KeyTableMap.FirstStationWcid + 1);
        Assert.Equal(2, small.InUse);
        Assert.Equal(KeyTableMap.FirstStationWcid + 1, small.Allocate());
    }
}
