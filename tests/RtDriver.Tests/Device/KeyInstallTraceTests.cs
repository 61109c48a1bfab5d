using RtDriver.Device;
using RtDriver.Emulation;
using RtDriver.Hardware.Registers;
using RtDriver.Offload;
using Xunit;
using RtDriver.Hardware.Keys;
using static RtDriver.Tests.Device.DeviceTestKit;

namespace RtDriver.Tests.Device;

/// <summary>
/// The exact order of key-install register writes as the emulated chip sees them (docs/hardware.md §8.2–8.6,
/// order documented on HardwareKeyTables): address, key, IV/EIV, then the activating attribute /
/// shared-key-mode write; removal deactivates first. Same sequence over PCI and USB.
/// </summary>
public class KeyInstallTraceTests
{
    public static TheoryDataSpecs Chips => AllChips;

    private static IEnumerable<uint> Words(uint start, int bytes) => Enumerable.Range(0, bytes / 4).Select(i => start + (uint)(4 * i));

    private static List<uint> KeyWrites(EmulatedNic nic) =>
        nic.Trace.Writes.Where(e => RtReg.IsKeyMemory(e.Offset)).Select(e => e.Offset).ToList();

    [Theory, MemberData(nameof(Chips))]
    public void PairwiseInstallAndRemoveWriteInTheDocumentedOrder(string spec)
    {
        using var dev = RtDevice.Open(spec);
        var nic = dev.EmulatorModel!;
        nic.Trace.Enabled = true;
        Assert.Equal(KeyPlacement.Hardware, dev.SetKey(Pairwise(RtCipher.Ccmp)).Placement);
        var expected = new List<uint>();
        expected.AddRange(Words(RtReg.MacWcidEntry(KeyTableMap.FirstStationWcid), 8));          // docs/hardware.md §8.2 peer address
        expected.AddRange(Words(RtReg.PairwiseKeyEntry(KeyTableMap.FirstStationWcid), 32));     // docs/hardware.md §8.3 key + MIC keys
        expected.AddRange(Words(RtReg.MacIvEivEntry(KeyTableMap.FirstStationWcid), 8));         // docs/hardware.md §8.4 IV/EIV
        expected.Add(RtReg.MacWcidAttributeEntry(KeyTableMap.FirstStationWcid));                // docs/hardware.md §8.5 attribute: activates
        Assert.Equal(expected, KeyWrites(nic));
        // Nothing but key memory was written, and every write was read back before the next.
        Assert.All(nic.Trace.Writes, e => Assert.True(RtReg.IsKeyMemory(e.Offset)));
        Assert.DoesNotContain(nic.Trace.Entries, e => e.Kind == TraceKind.Ignored);

        nic.Trace.Clear();
        Assert.True(dev.DelKey(Ap, true, 0, 0, out _));
        expected.Clear();
        expected.Add(RtReg.MacWcidAttributeEntry(KeyTableMap.FirstStationWcid));                // deactivate first
        expected.AddRange(Words(RtReg.PairwiseKeyEntry(KeyTableMap.FirstStationWcid), 32));
        expected.AddRange(Words(RtReg.MacIvEivEntry(KeyTableMap.FirstStationWcid), 8));
        expected.AddRange(Words(RtReg.MacWcidEntry(KeyTableMap.FirstStationWcid), 8));
        Assert.Equal(expected, KeyWrites(nic));
    }

    [Theory, MemberData(nameof(Chips))]
    public void GroupInstallWritesTheSharedSlotAndActivatesWithTheModeWord(string spec)
    {
        using var dev = RtDevice.Open(spec);
        var nic = dev.EmulatorModel!;
        nic.Trace.Enabled = true;
        Assert.Equal(KeyPlacement.Hardware, dev.SetKey(Group(RtCipher.Ccmp, 1)).Placement);
        var expected = new List<uint>();
        expected.AddRange(Words(RtReg.SharedKeyEntry(0, 1), 32));     // docs/hardware.md §8.3 shared key (4·bss + keyid = 1)
        expected.AddRange(Words(RtReg.MacIvEivEntry(1), 8));          // IV/EIV of WCID 1
        expected.AddRange(Words(RtReg.MacWcidEntry(1), 8));           // WCID 1 = ff:ff:ff:ff:ff:ff (docs/hardware.md §8.8)
        expected.Add(RtReg.MacWcidAttributeEntry(1));                 // KEYTAB 0 → shared table
        expected.Add(RtReg.SharedKeyModeEntry(0, 1));                 // docs/hardware.md §8.6 mode nibble: activates
        Assert.Equal(expected, KeyWrites(nic));
        var readsOfMode = nic.Trace.Entries.Where(e => e.Kind == TraceKind.Read && e.Offset == RtReg.SHARED_KEY_MODE_BASE).Count();
        Assert.Equal(2, readsOfMode); // read-modify-write, then read-back
    }

    [Fact]
    public void ClearingAtOpenFollowsFactsSection512()
    {
        var bus = Emulator.Open("emu:rt2860", out var nic);
        for (uint o = RtReg.MAC_WCID_ATTRIBUTE_BASE; o < RtReg.MAC_WCID_ATTRIBUTE_BASE + 1024; o += 4) nic.Poke(o, 0x5A5A5A5A); // garbage after boot
        nic.Poke(RtReg.SHARED_KEY_MODE_BASE + 8, 0x12345678);
        using var dev = RtDevice.OpenOn(bus, "emu:rt2860");
        Assert.Equal(0u, nic.Peek(RtReg.SHARED_KEY_MODE_BASE + 8));
        Assert.Equal(0u, nic.Peek(RtReg.MacWcidAttributeEntry(200)));
        Assert.Equal(0xFFFFFFFFu, nic.Peek(RtReg.MacWcidEntry(200)));
        Assert.Equal(0u, nic.Peek(RtReg.MacIvEivEntry(200)));
    }
}
