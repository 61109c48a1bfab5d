using RtDriver.Hardware.Keys;
using RtDriver.Offload;
using RtDriver.Tests.Fakes;
using Xunit;

namespace RtDriver.Tests.Offload;

/// <summary>The placement policy on its own, over the in-memory bus, for the paths the emulator cannot stage mid-run.</summary>
public class KeyOffloadTests
{
    private sealed class Host(MemoryRegisterBus bus, bool usb = false) : IKeyOffloadHost
    {
        public HardwareKeyTables Tables { get; } = new(bus);
        public bool IsUsb => usb;
        public DeviceRole Role => DeviceRole.Station;
        public int GroupBssIndex => 0;
        public string? Gone;
        public string? HardwareUnavailableReason => Gone;
        public bool CheckGone(RtException? failure)
        {
            if (bus.Gone) Gone ??= "bus gone";
            return Gone is not null;
        }
    }

    private static readonly byte[] Peer = [0x02, 0, 0, 0, 0, 1];

    private static KeyRequest Ccmp(byte fill, KeyFlags flags = 0, byte[]? peer = null) =>
        KeyRequest.Create((int)RtCipher.Ccmp, peer ?? Peer, true, 0, true, [], Enumerable.Repeat(fill, 16).ToArray(), flags | KeyFlags.Pairwise);

    [Fact]
    public void AFailedForcedRekeyMovesTheOldKeyToSoftwareAndKeepsIt()
    {
        var bus = new MemoryRegisterBus();
        var host = new Host(bus);
        host.Tables.ClearAll();
        var offload = new KeyOffload(host);
        var old = offload.Place(Ccmp(1));
        Assert.Equal(KeyPlacement.Hardware, old.Placement);
        bus.StuckFrom = 0x4000; bus.StuckTo = 0x5FFF; // the pairwise table stops taking writes
        var e = Assert.Throws<RtException>(() => offload.Place(Ccmp(2, KeyFlags.ForceHardware)));
        Assert.Equal(RtStatus.Io, e.Status);
        var kept = Assert.Single(offload.Keys);
        Assert.Same(old, kept);
        Assert.Equal(KeyPlacement.Software, old.Placement);
        Assert.Contains("overwritten by a replacement that failed", old.Reason);
        Assert.True(old.Twin.NextTxPn > KeyOffload.FailoverPnMargin); // its PN jumped past anything the hardware may have sent
    }

    [Fact]
    public void AFailedRekeyWithoutForceReplacesTheKeyInSoftware()
    {
        var bus = new MemoryRegisterBus();
        var host = new Host(bus);
        host.Tables.ClearAll();
        var offload = new KeyOffload(host);
        offload.Place(Ccmp(1));
        bus.StuckFrom = 0x4000; bus.StuckTo = 0x5FFF;
        var fresh = offload.Place(Ccmp(2));
        Assert.Equal(KeyPlacement.Software, fresh.Placement);
        Assert.Contains("did not read back", fresh.Reason);
        Assert.Same(fresh, Assert.Single(offload.Keys));
    }

    [Fact]
    public void ASlotThatCannotBeClearedIsKeptOutOfUse()
    {
        var bus = new MemoryRegisterBus();
        var host = new Host(bus);
        host.Tables.ClearAll();
        var offload = new KeyOffload(host, new WcidAllocator(KeyTableMap.FirstStationWcid, KeyTableMap.FirstStationWcid + 1));
        var k = offload.Place(Ccmp(1));
        Assert.Equal(KeyTableMap.FirstStationWcid, k.Wcid);
        bus.StuckFrom = 0x4000; bus.StuckTo = 0x5FFF;
        Assert.NotNull(offload.Remove(true, Peer, 0, out string detail));
        Assert.Contains("could not be cleared and is kept out of use", detail);
        Assert.Equal(1, offload.HardwareSlotsUsed);
        bus.StuckTo = 0; // table works again: the next key must not land on the dirty first WCID
        var next = offload.Place(Ccmp(3, peer: [0x02, 0, 0, 0, 0, 2]));
        Assert.Equal(KeyTableMap.FirstStationWcid + 1, next.Wcid);
        Assert.Equal(KeyPlacement.Software, offload.Place(Ccmp(4, peer: [0x02, 0, 0, 0, 0, 3])).Placement); // first quarantined, second used: full
    }

    [Fact]
    public void MovingAllToSoftwareKeepsEveryTwinAndFreesTheWcids()
    {
        var bus = new MemoryRegisterBus();
        var host = new Host(bus);
        host.Tables.ClearAll();
        var offload = new KeyOffload(host);
        var a = offload.Place(Ccmp(1));
        a.Twin.SetTxPn(500);
        var g = offload.Place(KeyRequest.Create((int)RtCipher.Wep104, [], false, 0, true, [], new byte[13], 0));
        Assert.Equal(KeyPlacement.Hardware, g.Placement);
        offload.MoveAllToSoftware("test", canReadCounters: true);
        Assert.All(offload.Keys, k => Assert.Equal(KeyPlacement.Software, k.Placement));
        Assert.Equal(0, offload.HardwareSlotsUsed);
        Assert.True(a.Twin.NextTxPn >= 500); // never backwards
    }

    [Fact]
    public void TkipOnUsbAndTheDeviceGoneAreReasonsNotErrors()
    {
        var bus = new MemoryRegisterBus();
        var host = new Host(bus, usb: true);
        host.Tables.ClearAll();
        var offload = new KeyOffload(host);
        var t = offload.Place(KeyRequest.Create((int)RtCipher.Tkip, Peer, true, 0, true, new byte[6], new byte[32], 0));
        Assert.Equal(KeyPlacement.Software, t.Placement);
        host.Gone = "unplugged";
        var c = offload.Place(Ccmp(1, peer: [0x02, 0, 0, 0, 0, 9]));
        Assert.Equal(KeyPlacement.Software, c.Placement);
        Assert.Contains("unplugged", c.Reason);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => offload.Place(Ccmp(1, KeyFlags.ForceHardware, [0x02, 0, 0, 0, 0, 8]))).Status);
    }
}
