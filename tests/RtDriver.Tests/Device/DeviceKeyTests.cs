using RtDriver.Device;
using RtDriver.Emulation;
using RtDriver.Hardware.Keys;
using RtDriver.Hardware.Registers;
using RtDriver.Offload;
using Xunit;
using static RtDriver.Tests.Device.DeviceTestKit;

namespace RtDriver.Tests.Device;

/// <summary>set_key / del_key on every emulated flavour (PCI rt2860/rt3090, USB rt2870/rt3070).</summary>
public class DeviceKeyTests
{
    public static TheoryDataSpecs Chips => AllChips;

    private static byte[] Peek(EmulatedNic nic, uint offset, int len)
    {
        var b = new byte[len];
        for (int i = 0; i < len; i += 4) BitConverter.TryWriteBytes(b.AsSpan(i), nic.Peek(offset + (uint)i));
        return b;
    }

    [Theory, MemberData(nameof(Chips))]
    public void SupplicantSequencesPlaceEveryKeyWithoutError(string spec)
    {
        using var dev = RtDevice.Open(spec);
        bool usb = IsUsbSpec(spec);
        // Linux report: four set_key alg=0 key_idx=0..3 (clears of keys that were never installed).
        for (int k = 0; k < 4; k++)
        {
            Assert.False(dev.DelKey(default, false, k, 0, out var detail));
            Assert.Contains("nothing to delete", detail);
        }
        // FreeBSD report: set_key alg=TKIP addr=AP key_idx=0 set_tx=1 seq_len=6 key_len=32.
        var ptk = dev.SetKey(Pairwise(RtCipher.Tkip));
        Assert.Equal(usb ? KeyPlacement.Software : KeyPlacement.Hardware, ptk.Placement);
        if (usb) Assert.Contains("USB", ptk.Reason);
        else Assert.Contains($"WCID {KeyTableMap.FirstStationWcid}", ptk.Reason);
        var gtk = dev.SetKey(Group(RtCipher.Tkip, 1));
        Assert.Equal(usb ? KeyPlacement.Software : KeyPlacement.Hardware, gtk.Placement);
        // CCMP goes to hardware on every flavour.
        var ccmp = dev.SetKey(Pairwise(RtCipher.Ccmp, [0x02, 0, 0, 0, 0, 1]));
        Assert.Equal(KeyPlacement.Hardware, ccmp.Placement);
        Assert.Equal(usb ? KeyTableMap.FirstStationWcid : KeyTableMap.FirstStationWcid + 1, ccmp.Wcid);
        Assert.Equal(3, dev.ListKeys().Count);
        Assert.Equal(usb ? 1u : 2u, dev.GetInfo().HwKeySlotsUsed);
    }

    [Theory, MemberData(nameof(Chips))]
    public void HardwareKeysReadBackFromKeyMemoryAndDeleteClearsThem(string spec)
    {
        using var dev = RtDevice.Open(spec);
        var nic = dev.EmulatorModel!;
        var req = Pairwise(RtCipher.Ccmp, keyId: 1, start: 0x10);
        var key = dev.SetKey(req);
        Assert.Equal(KeyPlacement.Hardware, key.Placement);
        Assert.Equal(Bytes(16, 0x10), Peek(nic, RtReg.PairwiseKeyEntry(KeyTableMap.FirstStationWcid), 16));
        Assert.Equal([.. Ap, 0xff, 0xff], Peek(nic, RtReg.MacWcidEntry(KeyTableMap.FirstStationWcid), 8));
        var iv = Peek(nic, RtReg.MacIvEivEntry(KeyTableMap.FirstStationWcid), 8);
        Assert.Equal(0x60, iv[3]);                 // key id 1 << 6 | ExtIV
        Assert.Equal(1, iv[0]);                    // PN 1
        uint attr = nic.Peek(RtReg.MacWcidAttributeEntry(KeyTableMap.FirstStationWcid));
        Assert.Equal(1u, RtReg.MAC_WCID_ATTRIBUTE_KEYTAB.Get(attr));
        Assert.Equal(RtReg.CIPHER_AES_CCMP, RtReg.MAC_WCID_ATTRIBUTE_CIPHER.Get(attr));
        Assert.Equal(RtReg.CIPHER_AES_CCMP, RtReg.MAC_WCID_ATTRIBUTE_RX_WIUDF.Get(attr));

        var grp = dev.SetKey(Group(RtCipher.Wep104, 2));
        Assert.Equal(KeyPlacement.Hardware, grp.Placement);
        Assert.Equal(2, grp.Wcid);
        Assert.Equal(RtReg.CIPHER_WEP104, RtReg.SharedKeyModeSlot(0, 2).Get(nic.Peek(RtReg.SHARED_KEY_MODE_BASE)));
        Assert.Equal(Bytes(13, 0x80), Peek(nic, RtReg.SharedKeyEntry(0, 2), 16)[..13]);

        Assert.True(dev.DelKey(Ap, true, 1, 0, out var d1));
        Assert.Contains("cleared its hardware slot", d1);
        Assert.Equal(0u, nic.Peek(RtReg.MacWcidAttributeEntry(KeyTableMap.FirstStationWcid)) & 0x78F);
        Assert.All(Peek(nic, RtReg.PairwiseKeyEntry(KeyTableMap.FirstStationWcid), 32), b => Assert.Equal(0, b));
        Assert.All(Peek(nic, RtReg.MacWcidEntry(KeyTableMap.FirstStationWcid), 8), b => Assert.Equal(0xff, b));
        Assert.True(dev.DelKey(default, false, 2, KeyFlags.Group, out _));
        Assert.Equal(0u, nic.Peek(RtReg.SHARED_KEY_MODE_BASE));
        Assert.Empty(dev.ListKeys());
        Assert.Equal(0u, dev.GetInfo().HwKeySlotsUsed);
        // deleting again: quietly nothing
        Assert.False(dev.DelKey(Ap, true, 1, 0, out _));
    }

    [Theory]
    [InlineData("emu:rt2860", DeviceRole.Station)]
    [InlineData("emu:rt2860", DeviceRole.AccessPoint)]
    [InlineData("emu:rt3090", DeviceRole.Station)]
    [InlineData("emu:rt3090", DeviceRole.AccessPoint)]
    public void TkipMicKeysLandInTheHardwareSlotForTheirDirection(string spec, DeviceRole role)
    {
        using var dev = RtDevice.Open(spec);
        dev.Role = role;
        var nic = dev.EmulatorModel!;
        // An IEEE 802.11 temporal key: 16..23 authenticator→supplicant, 24..31 supplicant→authenticator.
        byte[] ieee = new byte[32];
        ieee.AsSpan(0, 16).Fill(0x11);
        ieee.AsSpan(16, 8).Fill(0xA5);
        ieee.AsSpan(24, 8).Fill(0x5A);
        byte[] abi = new byte[32];
        TkipMicOrder.FromIeeeTemporalKey(ieee, role, abi);
        var key = dev.SetKey(KeyRequest.Create((int)RtCipher.Tkip, Ap, true, 0, true, new byte[6], abi, KeyFlags.Pairwise));
        Assert.Equal(KeyPlacement.Hardware, key.Placement);
        var entry = Peek(nic, RtReg.PairwiseKeyEntry(key.Wcid), 32);
        byte txMic = entry[RtReg.KEY_ENTRY_TX_MIC_OFFSET], rxMic = entry[RtReg.KEY_ENTRY_RX_MIC_OFFSET];
        // The hardware transmits with the key for this side's direction: an AP sends auth→supp (0xA5),
        // a station sends supp→auth (0x5A).
        Assert.Equal(role == DeviceRole.AccessPoint ? 0xA5 : 0x5A, txMic);
        Assert.Equal(role == DeviceRole.AccessPoint ? 0x5A : 0xA5, rxMic);
        // and straight from the ABI layout, whatever the role
        Assert.Equal(abi[16..32], entry[16..32]);
    }

    [Fact]
    public void AccessPointGroupKeysUseTheBssFromTheMac()
    {
        using var dev = RtDevice.Open("emu:rt2860,mac=00:11:22:33:44:53");
        dev.Role = DeviceRole.AccessPoint;
        var g = dev.SetKey(Group(RtCipher.Ccmp, 1));
        Assert.Equal(KeyPlacement.Hardware, g.Placement);
        Assert.Equal(3, g.Bss);
        Assert.Equal(4 * 3 + 1, g.Wcid);
        Assert.Equal(RtReg.CIPHER_AES_CCMP, RtReg.SharedKeyModeSlot(3, 1).Get(dev.EmulatorModel!.Peek(RtReg.SharedKeyModeEntry(3, 1))));
        Assert.Equal(RtStatus.State, Assert.Throws<RtException>(() => dev.Role = DeviceRole.Station).Status);
    }

    [Theory, MemberData(nameof(Chips))]
    public void CiphersWithoutAnEngineAndMfpGoToSoftware(string spec)
    {
        using var dev = RtDevice.Open(spec);
        foreach (var c in new[] { RtCipher.Gcmp, RtCipher.Ccmp256, RtCipher.Gcmp256 })
        {
            var k = dev.SetKey(Pairwise(c));
            Assert.Equal(KeyPlacement.Software, k.Placement);
            Assert.Contains("no hardware engine", k.Reason);
            Assert.NotNull(k.Twin);
        }
        var bip = dev.SetKey(KeyRequest.Create((int)RtCipher.BipCmac128, [], false, 4, false, [], new byte[16], 0));
        Assert.Equal(KeyPlacement.Software, bip.Placement);
        var mfp = dev.SetKey(Pairwise(RtCipher.Ccmp, [0x02, 0, 0, 0, 0, 9], flags: KeyFlags.Mfp));
        Assert.Equal(KeyPlacement.Software, mfp.Placement);
        Assert.Contains("management frame protection", mfp.Reason);
        Assert.Equal(0u, dev.GetInfo().HwKeySlotsUsed);
    }

    [Theory, MemberData(nameof(Chips))]
    public void ForceFlagsAreHonoured(string spec)
    {
        using var dev = RtDevice.Open(spec);
        var sw = dev.SetKey(Pairwise(RtCipher.Ccmp, flags: KeyFlags.ForceSoftware));
        Assert.Equal(KeyPlacement.Software, sw.Placement);
        Assert.Contains("RT_KEY_FORCE_SOFTWARE", sw.Reason);
        var hw = dev.SetKey(Pairwise(RtCipher.Ccmp, flags: KeyFlags.ForceHardware)); // replaces the software one
        Assert.Equal(KeyPlacement.Hardware, hw.Placement);
        Assert.Single(dev.ListKeys());
        var e = Assert.Throws<RtException>(() => dev.SetKey(Pairwise(RtCipher.Gcmp, [2, 0, 0, 0, 0, 2], flags: KeyFlags.ForceHardware)));
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Contains("RT_KEY_FORCE_HARDWARE", e.Message);
        Assert.Single(dev.ListKeys()); // the failed forced key left nothing behind
        if (IsUsbSpec(spec))
            Assert.Equal(RtStatus.Unsupported, Assert.Throws<RtException>(() => dev.SetKey(Pairwise(RtCipher.Tkip, [2, 0, 0, 0, 0, 3], flags: KeyFlags.ForceHardware))).Status);
    }

    [Theory, MemberData(nameof(Chips))]
    public void RekeyReusesTheWcidAndASecondKeyIdForThePeerGoesToSoftware(string spec)
    {
        using var dev = RtDevice.Open(spec);
        var a = dev.SetKey(Pairwise(RtCipher.Ccmp, start: 1));
        var b = dev.SetKey(Pairwise(RtCipher.Ccmp, start: 2));
        Assert.Equal(a.Wcid, b.Wcid);
        Assert.Single(dev.ListKeys());
        Assert.Equal(Bytes(16, 2), Peek(dev.EmulatorModel!, RtReg.PairwiseKeyEntry(b.Wcid), 16));
        var c = dev.SetKey(Pairwise(RtCipher.Ccmp, keyId: 1, start: 3)); // Extended Key ID: second key for the same peer
        Assert.Equal(KeyPlacement.Software, c.Placement);
        Assert.Contains("one pairwise key per peer", c.Reason);
        Assert.Equal(1u, dev.GetInfo().HwKeySlotsUsed);
        // Forcing software over a hardware key frees its slot.
        dev.SetKey(Pairwise(RtCipher.Ccmp, flags: KeyFlags.ForceSoftware));
        Assert.Equal(0u, dev.GetInfo().HwKeySlotsUsed);
        Assert.All(Peek(dev.EmulatorModel!, RtReg.PairwiseKeyEntry(b.Wcid), 32), x => Assert.Equal(0, x));
    }

    [Theory]
    [InlineData("emu:rt2860")]
    [InlineData("emu:rt3070")]
    public void WcidExhaustionPlacesTheNextKeyInSoftware(string spec)
    {
        using var dev = RtDevice.Open(spec);
        int slots = (int)dev.GetInfo().HwKeySlots;
        Assert.Equal(KeyTableMap.StationWcidCount, slots);
        for (int i = 0; i < slots; i++)
            Assert.Equal(KeyPlacement.Hardware, dev.SetKey(Pairwise(RtCipher.Ccmp, [2, 0, 0, 0, (byte)(i >> 8), (byte)i])).Placement);
        var extra = dev.SetKey(Pairwise(RtCipher.Ccmp, [2, 0, 0, 1, 0, 0]));
        Assert.Equal(KeyPlacement.Software, extra.Placement);
        Assert.Contains("no free WCID", extra.Reason);
        Assert.Equal(RtStatus.NoMemory, Assert.Throws<RtException>(() => dev.SetKey(Pairwise(RtCipher.Ccmp, [2, 0, 0, 1, 0, 1], flags: KeyFlags.ForceHardware))).Status);
        Assert.True(dev.DelKey([2, 0, 0, 0, 0, 5], true, 0, 0, out _));
        Assert.Equal(KeyPlacement.Hardware, dev.SetKey(Pairwise(RtCipher.Ccmp, [2, 0, 0, 1, 0, 2])).Placement);
        Assert.Equal((uint)slots, dev.GetInfo().HwKeySlotsUsed);
    }

    [Theory, MemberData(nameof(Chips))]
    public void StuckKeyTablesPlaceKeysInSoftwareWithTheReason(string spec)
    {
        using var dev = RtDevice.Open(spec + ",fault=keytable-stuck");
        var k = dev.SetKey(Pairwise(RtCipher.Ccmp));
        Assert.Equal(KeyPlacement.Software, k.Placement);
        Assert.Contains("did not read back", k.Reason);
        Assert.Contains("0x19", k.Reason); // the WCID entry is the first write
        Assert.Equal(0u, dev.GetInfo().HwKeySlotsUsed); // WCID released
        var g = dev.SetKey(Group(RtCipher.Ccmp, 1));
        Assert.Equal(KeyPlacement.Software, g.Placement);
        var e = Assert.Throws<RtException>(() => dev.SetKey(Pairwise(RtCipher.Ccmp, [2, 0, 0, 0, 0, 7], flags: KeyFlags.ForceHardware)));
        Assert.Equal(RtStatus.Io, e.Status);
        Assert.False(dev.IsGone);
    }

    [Theory, MemberData(nameof(Chips))]
    public void KeysArePlacedInHardwareWhenTheMcuIsSilent(string spec)
    {
        using var dev = RtDevice.Open(spec + ",fault=mcu-silent");
        var k = dev.SetKey(Pairwise(RtCipher.Ccmp));
        Assert.Equal(KeyPlacement.Hardware, k.Placement); // key memory needs no MCU
    }

    [Theory, MemberData(nameof(Chips))]
    public void AfterTheDeviceIsGoneEveryCallFailsAndKeysLiveOnInSoftware(string spec)
    {
        // Aim the fault just past opening + one hardware key install.
        long afterOpen;
        long afterKey;
        using (var probe = RtDevice.Open(spec))
        {
            afterOpen = probe.EmulatorModel!.AccessCount;
            probe.SetKey(Pairwise(RtCipher.Ccmp));
            afterKey = probe.EmulatorModel!.AccessCount;
        }
        using var dev = RtDevice.Open($"{spec},fault=gone-after={afterKey + 2}");
        Assert.Equal(afterOpen, dev.EmulatorModel!.AccessCount);
        var hw = dev.SetKey(Pairwise(RtCipher.Ccmp));
        Assert.Equal(KeyPlacement.Hardware, hw.Placement);
        // The device disappears during the next install: placed in software, never an error.
        var next = dev.SetKey(Group(RtCipher.Ccmp, 1));
        Assert.Equal(KeyPlacement.Software, next.Placement);
        Assert.Contains("gone", next.Reason);
        Assert.True(dev.IsGone);
        // The hardware key moved to software with its twin.
        Assert.Equal(KeyPlacement.Software, hw.Placement);
        Assert.Contains("moved to software", hw.Reason);
        Assert.Equal(-1, hw.Wcid);
        Assert.True(hw.Twin.NextTxPn > KeyOffload.FailoverPnMargin);
        long accesses = dev.EmulatorModel!.AccessCount;
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => dev.GetInfo()).Status);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => dev.Read32(RtReg.MAC_CSR0)).Status);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => dev.Write32(RtReg.MAC_CSR0, 0)).Status);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => dev.DelKey(Ap, true, 0, 0, out _)).Status);
        Assert.Equal(accesses, dev.EmulatorModel!.AccessCount); // fails fast, without touching the bus
        // set_key keeps working — in software — and the listing shows every key.
        var later = dev.SetKey(Pairwise(RtCipher.Ccmp, [2, 0, 0, 0, 0, 8]));
        Assert.Equal(KeyPlacement.Software, later.Placement);
        Assert.Contains("gone", later.Reason);
        Assert.Equal(3, dev.ListKeys().Count);
        Assert.NotNull(dev.FindKey(Ap, true, 0, 0));
    }

    [Fact]
    public void AGoneWriteIsDetectedByTheNextCall()
    {
        long afterOpen = AccessesAfterOpen("emu:rt2860");
        using var dev = RtDevice.Open($"emu:rt2860,fault=gone-after={afterOpen}");
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => dev.Write32(0x1004, 1)).Status);
        Assert.True(dev.IsGone);
    }

    [Fact]
    public void OpeningAnAlreadyGoneDeviceFails()
    {
        var e = Assert.Throws<RtException>(() => RtDevice.Open("emu:rt2860,fault=gone-after=0"));
        Assert.Equal(RtStatus.DeviceGone, e.Status);
    }
}
