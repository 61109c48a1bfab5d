using System.Buffers.Binary;
using Xunit;
using RtDriver.Transport;
using RtDriver.Transport.Linux;
using RtDriver.Transport.Mmio;
using RtDriver.Transport.Pci;
using RtDriver.Transport.Vfio;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Transport;

public class PciTransportTests
{
    private static RtException OpenFails(FakeSysfs fs, string address, bool isRoot = true) =>
        Assert.Throws<RtException>(() => PciTransport.Open(address, fs.Host(isRoot)));

    [Theory]
    [InlineData("")]
    [InlineData("0000:03:00")]
    [InlineData("0000:03:20.0")]     // device > 0x1f
    [InlineData("0000:03:00.8")]     // function > 7
    [InlineData("zz:00.0")]
    [InlineData("usb:148f:3070")]
    public void BadAddressesAreInvalidArgumentsNamingTheValue(string address)
    {
        using var fs = new FakeSysfs();
        var e = OpenFails(fs, address);
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains($"'{(address.StartsWith("pci:") ? address[4..] : address)}'", e.Message);
    }

    [Fact]
    public void AddressesParseWithAndWithoutDomainAndPrefix()
    {
        Assert.Equal(new PciAddress(0, 3, 0, 0), PciAddress.Parse("03:00.0"));
        Assert.Equal(new PciAddress(0x10, 0xaf, 0x1f, 7), PciAddress.Parse("0010:af:1f.7"));
        Assert.Equal("0010:af:1f.7", new PciAddress(0x10, 0xaf, 0x1f, 7).ToString());
    }

    [Fact]
    public void MissingFunctionIsNoDevice()
    {
        using var fs = new FakeSysfs();
        var e = OpenFails(fs, "pci:0000:09:00.0");
        Assert.Equal(RtStatus.NoDevice, e.Status);
        Assert.Contains("no PCI function 0000:09:00.0", e.Message);
    }

    [Fact]
    public void ForeignDeviceIsUnsupported()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:00:03.0", 0x1af4, 0x1041, driver: "vfio-pci", iommuGroup: 1);
        var e = OpenFails(fs, "0000:00:03.0");
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Contains("1af4:1041", e.Message);
    }

    [Fact]
    public void KernelDriverBindingNamesTheExactRebindCommands()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "rt2800pci", iommuGroup: 7);
        var e = OpenFails(fs, "pci:0000:03:00.0");
        Assert.Equal(RtStatus.State, e.Status);
        Assert.Equal("0000:03:00.0 is bound to the kernel driver rt2800pci; hand it to vfio-pci first: sudo modprobe vfio-pci; " +
                     "echo 0000:03:00.0 | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver/unbind; " +
                     "echo vfio-pci | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver_override; " +
                     "echo 0000:03:00.0 | sudo tee /sys/bus/pci/drivers_probe.", e.Message);
    }

    [Fact]
    public void UnboundWithoutIommuMentionsBothFixes()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0601);
        var e = OpenFails(fs, "0000:03:00.0");
        Assert.Equal(RtStatus.State, e.Status);
        Assert.StartsWith("0000:03:00.0 is bound to no driver; hand it to vfio-pci first: sudo modprobe vfio-pci; echo vfio-pci", e.Message);
        Assert.Contains("intel_iommu=on", e.Message);
        Assert.Contains("echo uio_pci_generic | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver_override", e.Message);
    }

    // ---- VFIO, down to the first real device node --------------------------------------------

    [Fact]
    public void VfioWithoutIommuGroupNamesTheKernelParameters()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "vfio-pci");
        var e = OpenFails(fs, "0000:03:00.0");
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Contains("has no IOMMU group", e.Message);
        Assert.Contains("intel_iommu=on (Intel) or amd_iommu=on (AMD)", e.Message);
        Assert.Contains("or use uio instead", e.Message);
    }

    [Fact]
    public void VfioContainerNodeMissingSaysLoadVfio()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "vfio-pci", iommuGroup: 7);
        var e = OpenFails(fs, "0000:03:00.0");
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Equal($"the VFIO container {Path.Combine(fs.Dev, "vfio", "vfio")} does not exist (ENOENT: No such file or directory): load VFIO with 'sudo modprobe vfio-pci'", e.Message);
    }

    [Fact]
    public void VfioStopsAtTheFirstIoctlOnAFileThatIsNotAVfioNode()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "vfio-pci", iommuGroup: 7);
        string container = fs.AddDevFile("vfio/vfio");
        fs.AddDevFile("vfio/7");
        var e = OpenFails(fs, "0000:03:00.0");
        Assert.Equal(RtStatus.Io, e.Status);
        Assert.Equal($"VFIO_GET_API_VERSION failed on {container}: ENOTTY: Inappropriate ioctl for device — {container} is not a VFIO device node (is the vfio module loaded? modprobe vfio-pci)", e.Message);
    }

    [Fact]
    public void VfioGroupOpenErrorsNameTheFix()
    {
        var address = PciAddress.Parse("0000:03:00.0");
        var denied = VfioGroup.OpenError(Libc.EACCES, "EACCES: Permission denied", 7, "/dev/vfio/7", address);
        Assert.Equal(RtStatus.Permission, denied.Status);
        Assert.Equal("permission denied on /dev/vfio/7 (EACCES: Permission denied): run as root, or give your user the group node: sudo chown $USER /dev/vfio/7", denied.Message);
        var missing = VfioGroup.OpenError(Libc.ENOENT, "ENOENT", 7, "/dev/vfio/7", address);
        Assert.Equal(RtStatus.NoDevice, missing.Status);
        Assert.Contains("is it bound to vfio-pci?", missing.Message);
        var busy = VfioGroup.OpenError(Libc.EBUSY, "EBUSY", 7, "/dev/vfio/7", address);
        Assert.Equal(RtStatus.State, busy.Status);
        Assert.Contains("already open in another process", busy.Message);
    }

    // ---- uio ------------------------------------------------------------------------------------

    [Fact]
    public void UioWithoutRootIsPermissionNamingVfio()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 0, bar0Bytes: 0x10000);
        var e = OpenFails(fs, "0000:05:00.0", isRoot: false);
        Assert.Equal(RtStatus.Permission, e.Status);
        Assert.StartsWith("uio access to 0000:05:00.0 needs root", e.Message);
        Assert.Contains("vfio-pci", e.Message);
    }

    [Fact]
    public void UioWithoutUioSubfolderOrBar0IsClear()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", bar0Bytes: 0x10000);
        fs.AddPci("0000:06:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 1);
        var e = OpenFails(fs, "0000:05:00.0");
        Assert.Equal(RtStatus.State, e.Status);
        Assert.Contains("names no uioN device", e.Message);
        e = OpenFails(fs, "0000:06:00.0");
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Contains("no BAR0", e.Message);
    }

    [Fact]
    public void UioMissingDeviceNodeIsNoDevice()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 3, bar0Bytes: 0x10000);
        var e = OpenFails(fs, "0000:05:00.0");
        Assert.Equal(RtStatus.NoDevice, e.Status);
        Assert.StartsWith($"the uio node {Path.Combine(fs.Dev, "uio3")} for 0000:05:00.0 does not exist", e.Message);
    }

    /// <summary>
    /// With resource0/config as plain files the whole uio path runs for real: BAR0 is mmapped
    /// (so MMIO reads/writes land in the file), config space gets bus mastering, and the first
    /// thing that needs a real node — the interrupt count read from /dev/uioN — fails exactly.
    /// </summary>
    [Fact]
    public void UioRunsOverFilesUntilTheInterruptNode()
    {
        using var fs = new FakeSysfs();
        string dir = fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 0, bar0Bytes: 0x10000);
        string uioNode = fs.AddDevFile("uio0");
        var resource0 = Path.Combine(dir, "resource0");
        var seed = File.ReadAllBytes(resource0);
        BinaryPrimitives.WriteUInt32LittleEndian(seed.AsSpan(0x1000), 0x28600101);   // MAC_CSR0 as an RT2860C reports it
        File.WriteAllBytes(resource0, seed);

        using var bus = PciTransport.Open("pci:0000:05:00.0", fs.Host());
        Assert.Equal(BusKind.PciUio, bus.Kind);
        Assert.Equal("uio 0000:05:00.0", bus.Description);
        Assert.Equal(0x28600101u, bus.Read32(0x1000));
        bus.Write32(0x7010, 0xA1B2C3D4);
        bus.WriteRegion(0x4000, [1, 2, 3, 4, 5, 6]);
        var mmio = (MmioRegisterBus)bus;
        var function = Assert.IsAssignableFrom<PciFunction>(mmio.Function);
        Assert.IsAssignableFrom<RtDriver.Transport.Dma.IDmaAllocator>(function.Dma);
        Assert.Equal(0x0601u, mmio.PciDeviceId);

        ushort cmd = fs.ReadConfig16("0000:05:00.0", PciConfigRegisters.PCI_COMMAND);
        Assert.Equal(PciConfigRegisters.PCI_COMMAND_MASTER | PciConfigRegisters.PCI_COMMAND_MEMORY,
            cmd & (PciConfigRegisters.PCI_COMMAND_MASTER | PciConfigRegisters.PCI_COMMAND_MEMORY));

        var irq = function.EnableInterrupts();
        Assert.Equal($"INTx via {uioNode}", irq.Description);
        // Enabling interrupts cleared the INTx-disable bit uio_pci_generic uses for masking.
        Assert.Equal(0, fs.ReadConfig16("0000:05:00.0", PciConfigRegisters.PCI_COMMAND) & PciConfigRegisters.PCI_COMMAND_INTX_DISABLE);
        var e = Assert.Throws<RtException>(() => irq.Wait(10));
        Assert.Equal(RtStatus.Io, e.Status);
        Assert.Equal($"reading the interrupt count from {uioNode} returned 0 bytes instead of 4: {uioNode} is not a uio device node", e.Message);

        // An all-ones register with the function present is a value; with config space reading
        // vendor 0xFFFF (surprise removal) it is RT_ERR_DEVICE_GONE.
        bus.Write32(0x1800, 0xFFFFFFFF);
        Assert.Equal(0xFFFFFFFFu, bus.Read32(0x1800));
        fs.WriteConfig16("0000:05:00.0", PciConfigRegisters.PCI_VENDOR_ID, 0xFFFF);
        var gone = Assert.Throws<RtException>(() => bus.Read32(0x1800));
        Assert.Equal(RtStatus.DeviceGone, gone.Status);
        Assert.Contains("config-space vendor id", gone.Message);
        fs.WriteConfig16("0000:05:00.0", PciConfigRegisters.PCI_VENDOR_ID, 0x1814);

        bus.Dispose();
        var bytes = File.ReadAllBytes(resource0);
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x7010)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 0, 0 }, bytes[0x4000..0x4008]);
        // Close turns bus mastering off again.
        Assert.Equal(0, fs.ReadConfig16("0000:05:00.0", PciConfigRegisters.PCI_COMMAND) & PciConfigRegisters.PCI_COMMAND_MASTER);
        Assert.Equal(RtStatus.State, Assert.Throws<RtException>(() => bus.Read32(0x1000)).Status);
    }

    [Fact]
    public void UioRefusesAFunctionWhoseConfigSpaceIsGone()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 0, bar0Bytes: 0x10000);
        fs.AddDevFile("uio0");
        fs.WriteConfig16("0000:05:00.0", PciConfigRegisters.PCI_VENDOR_ID, 0xFFFF);
        var e = OpenFails(fs, "0000:05:00.0");
        Assert.Equal(RtStatus.DeviceGone, e.Status);
        Assert.Contains("vendor id 0xFFFF", e.Message);
    }
}
