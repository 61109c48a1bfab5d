using Xunit;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Linux;
using RtDriver.Transport.Mmio;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Transport.Mmio;

public class MmioRegisterBusTests
{
    private sealed class Presence(bool present) : IDevicePresence
    {
        public int Asked;
        public bool IsPresent() { Asked++; return present; }
    }

    [Fact]
    public void RegistersAreSingle32BitAccesses()
    {
        var w = new RecordingWindow();
        var bus = new MmioRegisterBus(w, null, "test", BusKind.PciVfio);
        bus.Write32(0x1004, 0x11223344);
        Assert.Equal(0x11223344u, bus.Read32(0x1004));
        Assert.Equal([(true, 0x1004u, 0x11223344u), (false, 0x1004u, 0x11223344u)], w.Log);
    }

    [Fact]
    public void RegionWritesAreLittleEndian32BitStoresWithMergedEnds()
    {
        var w = new RecordingWindow();
        var bus = new MmioRegisterBus(w, null, "test", BusKind.PciVfio);
        w.Words[0x4000 / 4] = 0xAABBCCDD;
        w.Words[0x400C / 4] = 0x11223344;
        // 2..13: head word partial (2 bytes), two whole words, tail partial (2 bytes).
        bus.WriteRegion(0x4002, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        Assert.Equal(0x0201CCDDu, w.Words[0x4000 / 4]);
        Assert.Equal(0x06050403u, w.Words[0x4004 / 4]);
        Assert.Equal(0x0A090807u, w.Words[0x4008 / 4]);
        Assert.Equal(0x11220C0Bu, w.Words[0x400C / 4]);
        // Whole words are stored without a read first; only the partial ends are read-modify-write.
        Assert.Equal([(false, 0x4000u), (true, 0x4000u), (true, 0x4004u), (true, 0x4008u), (false, 0x400Cu), (true, 0x400Cu)],
            w.Log.Select(l => (l.Write, l.Offset)).ToArray());

        var back = new byte[12];
        bus.ReadRegion(0x4002, back);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, back);
    }

    [Fact]
    public void AlignedFirmwareSizedRegionIsOneStorePerWord()
    {
        var w = new RecordingWindow();
        var bus = new MmioRegisterBus(w, null, "test", BusKind.PciVfio);
        var image = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray();
        bus.WriteRegion(RtReg.FIRMWARE_IMAGE_BASE, image);
        Assert.Equal(2048, w.Log.Count);
        Assert.All(w.Log, l => Assert.True(l.Write));
    }

    [Fact]
    public void AllOnesWithPresentDeviceIsAValue()
    {
        var w = new RecordingWindow();
        var presence = new Presence(true);
        var bus = new MmioRegisterBus(w, presence, "test", BusKind.PciVfio);
        w.Words[0x1800 / 4] = 0xFFFFFFFF;
        Assert.Equal(0xFFFFFFFFu, bus.Read32(0x1800));
        Assert.Equal(1, presence.Asked);
        bus.Read32(0x1804);
        Assert.Equal(1, presence.Asked);   // only all-ones reads pay for the check
    }

    [Fact]
    public void AllOnesWithGoneDeviceIsDeviceGone()
    {
        var w = new RecordingWindow();
        Array.Fill(w.Words, 0xFFFFFFFFu);
        var bus = new MmioRegisterBus(w, new Presence(false), "vfio 0000:03:00.0", BusKind.PciVfio);
        var e = Assert.Throws<RtException>(() => bus.Read32(0x1800));
        Assert.Equal(RtStatus.DeviceGone, e.Status);
        Assert.StartsWith("vfio 0000:03:00.0: the device stopped answering (register 0x1800", e.Message);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.ReadRegion(0x4000, new byte[16])).Status);
        // Writes are posted on PCI: they cannot tell, and do not throw.
        bus.Write32(0x1800, 0);
    }

    [Fact]
    public void WithoutConfigSpaceMacCsr0IsThePresenceCheck()
    {
        var w = new RecordingWindow();
        w.Words[RtReg.MAC_CSR0 / 4] = 0x28600101;
        w.Words[0x1800 / 4] = 0xFFFFFFFF;
        // No config space: the chip's own rule (MAC_CSR0 never reads all-ones), supplied from above.
        var bus = new MmioRegisterBus(w, new ChipPresence(w.Read32), "test", BusKind.PciUio);
        Assert.Equal(0xFFFFFFFFu, bus.Read32(0x1800));
        Assert.Equal((false, RtReg.MAC_CSR0, 0x28600101u), w.Log[^1]);
        w.Words[RtReg.MAC_CSR0 / 4] = 0xFFFFFFFF;
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.Read32(0x1800)).Status);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.Read32(RtReg.MAC_CSR0)).Status);
    }

    [Fact]
    public void RegionsPastTheWindowAreRefused()
    {
        var bus = new MmioRegisterBus(new RecordingWindow(0x1000), null, "test", BusKind.PciVfio);
        var e = Assert.Throws<RtException>(() => bus.WriteRegion(0xFF0, new byte[32]));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains("0xff0+32", e.Message);
    }

    [Fact]
    public unsafe void MappedWindowIsVolatileMemoryWithBoundsAndAlignmentChecks()
    {
        nint p = Libc.Mmap(0, 8192, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        Assert.NotEqual(Libc.MapFailed, p);
        using var window = new MappedMmioWindow(p, 8192, ownsMapping: true);
        window.Write32(0x1000, 0xDEADBEEF);
        Assert.Equal(0xDEADBEEFu, *(uint*)(p + 0x1000));
        *(uint*)(p + 0x1FFC) = 0x12345678;
        Assert.Equal(0x12345678u, window.Read32(0x1FFC));
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => window.Read32(0x1002)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => window.Read32(0x2000)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => window.Write32(0xFFFFFFFC, 0)).Status);
        window.Dispose();
        Assert.Throws<ObjectDisposedException>(() => window.Read32(0));
    }
}
