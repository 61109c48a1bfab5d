using Xunit;
using RtDriver.Transport;
using RtDriver.Transport.Discovery;
using RtDriver.Transport.Usb;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Transport.Discovery;

public class DiscoveryTests
{
    private static DiscoveryResult Scan(FakeSysfs fs, bool isRoot = true, IReadOnlyList<UsbDeviceInfo>? usb = null) =>
        DeviceDiscovery.ScanWithNotes(fs.Host(isRoot), _ => usb ?? []);

    /// <summary>Several functions: supported ones in every binding, an unsupported one, one with missing files.</summary>
    private static FakeSysfs Machine()
    {
        var fs = new FakeSysfs();
        fs.AddPci("0000:00:02.0", 0x8086, 0x3e92, driver: "i915", iommuGroup: 0);                  // not ours
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "rt2800pci", iommuGroup: 7);            // kernel driver
        fs.AddPci("0000:04:00.0", 0x1814, 0x3090, driver: "vfio-pci", iommuGroup: 9);             // VFIO ready (node below)
        fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 2);             // uio
        fs.AddPci("0000:06:00.0", 0x1432, 0x7708);                                                 // Edimax, unbound, no IOMMU
        fs.AddPci("0000:07:00.0", 0x1814, 0x0781, driver: "vfio-pci");                             // vfio without IOMMU group
        fs.AddPci("0000:08:00.0", 0x1814, 0x0601, writeIds: false, config: false);                 // vendor/device files missing
        fs.AddDevFile("vfio/9");
        Directory.CreateDirectory(Path.Combine(fs.Sys, "bus", "pci", "devices", "not-an-address"));
        return fs;
    }

    [Fact]
    public void FabricatedTreeListsSupportedFunctionsWithBindingAndGroup()
    {
        using var fs = Machine();
        var r = Scan(fs);
        Assert.Equal(7, r.PciFunctionsScanned);
        Assert.Equal(["pci:0000:03:00.0", "pci:0000:04:00.0", "pci:0000:05:00.0", "pci:0000:06:00.0", "pci:0000:07:00.0"],
            r.Devices.Select(d => d.Spec).ToArray());

        var kernel = r.Devices[0];
        Assert.Equal(("RT2890 PCIe", "rt2800pci", (int?)7, false), (kernel.Name, kernel.Driver, kernel.IommuGroup, kernel.Usable));
        Assert.Equal(
        [
            "sudo modprobe vfio-pci",
            "echo 0000:03:00.0 | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver/unbind",
            "echo vfio-pci | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver_override",
            "echo 0000:03:00.0 | sudo tee /sys/bus/pci/drivers_probe",
        ], kernel.Setup);
        Assert.Contains("rt2800pci", kernel.Status);

        var vfio = r.Devices[1];
        Assert.True(vfio.Usable);
        Assert.Equal(BusKind.PciVfio, vfio.Transport);
        Assert.Equal(9, vfio.IommuGroup);
        Assert.Empty(vfio.Setup);
        Assert.Equal("ready (VFIO, IOMMU group 9)", vfio.Status);

        var uio = r.Devices[2];
        Assert.True(uio.Usable);
        Assert.Equal(BusKind.PciUio, uio.Transport);
        Assert.Contains("VFIO is preferred", uio.Status);

        var unbound = r.Devices[3];
        Assert.Equal("Edimax RT28xx", unbound.Name);
        Assert.False(unbound.Usable);
        Assert.Null(unbound.Driver);
        Assert.Contains(unbound.Setup, l => l.Contains("intel_iommu=on") && l.Contains("amd_iommu=on"));
        // No unbind line for an unbound function, but the uio alternative's exact commands.
        Assert.DoesNotContain(unbound.Setup, l => l.Contains("/unbind"));
        Assert.Contains("echo uio_pci_generic | sudo tee /sys/bus/pci/devices/0000:06:00.0/driver_override", unbound.Setup);

        var noGroup = r.Devices[4];
        Assert.False(noGroup.Usable);
        Assert.Contains("no IOMMU group", noGroup.Status);

        Assert.Equal("pci:0000:04:00.0", DeviceDiscovery.ScanWithNotes(fs.Host(), _ => []).Devices.First(d => d.Usable).Spec);
    }

    [Fact]
    public void VfioWithoutGroupNodeOrUioWithoutRootIsNotUsable()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:04:00.0", 0x1814, 0x3090, driver: "vfio-pci", iommuGroup: 9);
        fs.AddPci("0000:05:00.0", 0x1814, 0x0601, driver: "uio_pci_generic", uio: 0);
        var r = Scan(fs, isRoot: false);
        Assert.False(r.Devices[0].Usable);
        Assert.Contains(Path.Combine(fs.Dev, "vfio", "9") + " does not exist", r.Devices[0].Status);
        Assert.False(r.Devices[1].Usable);
        Assert.Contains("needs root", r.Devices[1].Status);
        Assert.Contains(r.Devices[1].Setup, l => l.Contains("echo vfio-pci | sudo tee /sys/bus/pci/devices/0000:05:00.0/driver_override"));
    }

    [Fact]
    public void SharedIommuGroupIsReported()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:04:00.0", 0x1814, 0x3090, driver: "vfio-pci", iommuGroup: 3);
        fs.AddPci("0000:04:00.1", 0x10ec, 0x8168, driver: "vfio-pci", iommuGroup: 3);
        fs.AddDevFile("vfio/3");
        var d = Assert.Single(Scan(fs).Devices);
        Assert.Contains("shared with 0000:04:00.1", d.Status);
    }

    [Fact]
    public void UsbDevicesGetTheUdevRuleWhenNotAccessible()
    {
        using var fs = new FakeSysfs();
        var usb = new List<UsbDeviceInfo>
        {
            new(1, 4, 0x148f, 0x3070, 0x0101, Accessible: false, KernelDriverBound: null, OpenError: "LIBUSB_ERROR_ACCESS"),
            new(1, 5, 0x046d, 0xc52b, 0x1200, null, null, null),             // a mouse: not listed
            new(2, 3, 0x0b05, 0x1784, 0x0101, Accessible: true, KernelDriverBound: true, OpenError: null),
        };
        var r = Scan(fs, usb: usb);
        Assert.Equal(3, r.UsbDevicesScanned);
        Assert.Equal(["usb:1.4", "usb:2.3"], r.Devices.Select(d => d.Spec).ToArray());
        var denied = r.Devices[0];
        Assert.False(denied.Usable);
        Assert.Equal("RT3070", denied.Name);
        Assert.StartsWith("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"148f\", ATTR{idProduct}==\"3070\", MODE=\"0660\", GROUP=\"plugdev\", TAG+=\"uaccess\"", denied.Setup[0]);
        Assert.Contains("udevadm control --reload-rules", denied.Setup[1]);
        var ok = r.Devices[1];
        Assert.True(ok.Usable);
        Assert.Equal(BusKind.Usb, ok.Transport);
        Assert.Equal("rt2800usb", ok.Driver);
        Assert.Contains("reattached on close", ok.Status);
    }

    [Fact]
    public void UsbScanFailureIsANoteNotAnException()
    {
        using var fs = new FakeSysfs();
        var r = DeviceDiscovery.ScanWithNotes(fs.Host(), _ => throw new RtException(RtStatus.Unsupported, "libusb-1.0.so.0 could not be loaded: install the package libusb-1.0-0"));
        Assert.Empty(r.Devices);
        Assert.Contains(r.Notes, n => n.StartsWith("USB not scanned:") && n.Contains("libusb-1.0-0"));
    }

    [Fact]
    public void MissingSysfsIsANote()
    {
        var host = new RtDriver.Transport.Pci.PciHost("/nonexistent-sysfs-" + Guid.NewGuid().ToString("N"), "/dev", () => true, "/proc/self/pagemap");
        var r = DeviceDiscovery.ScanWithNotes(host, null);
        Assert.Empty(r.Devices);
        Assert.Equal(0, r.PciFunctionsScanned);
        Assert.Contains(r.Notes, n => n.StartsWith("PCI not scanned"));
    }

    [Fact]
    public void ThisMachinesRealSysfsScansWithoutExceptionAndFindsOnlySupportedIds()
    {
        // Real /sys, real libusb, whatever this machine has: CI has virtio devices only and no USB
        // bus; a developer's machine may have a real RT2860 or RT3070, which must then be listed.
        var r = DeviceDiscovery.ScanWithNotes("/sys");
        Assert.All(r.Devices, d => Assert.True(
            (d.Bus == "pci" ? SupportedIds.PciName(d.Vendor, d.Device) : SupportedIds.UsbName(d.Vendor, d.Device)) is not null,
            $"{d.Spec} {d.Vendor:x4}:{d.Device:x4} is not in the supported id tables"));
        Assert.Equal(r.Devices.FirstOrDefault(d => d.Usable)?.Spec, DeviceDiscovery.FirstUsable()?.Spec);
        Assert.Equal(r.Devices.Select(d => d.Spec), DeviceDiscovery.Scan().Select(d => d.Spec));
    }

    [FactWhen(Needs.PciSysfs)]
    public void TheSysfsReaderUnderstandsThisMachinesRealPciTree()
    {
        // Ids parse and driver symlinks resolve on the real tree.
        var r = DeviceDiscovery.ScanWithNotes("/sys");
        Assert.True(r.PciFunctionsScanned > 0, "/sys/bus/pci/devices lists functions, but the scan counted none");
        var functions = RtDriver.Transport.Pci.SysfsPciFunction.ReadAll("/sys");
        Assert.Equal(r.PciFunctionsScanned, functions.Count);
        Assert.All(functions, f => Assert.NotNull(f.Vendor));
        Assert.Contains(functions, f => f.Driver is not null);
    }

    [Fact]
    public void SupportedIdTablesCoverTheFactsDoc()
    {
        foreach (ushort id in new ushort[] { 0x0601, 0x0681, 0x0701, 0x0781, 0x3090, 0x3091, 0x3092, 0x3290, 0x3390, 0x3060, 0x3062, 0x3562, 0x3592, 0x3593, 0x359f, 0x5360, 0x5362, 0x5390, 0x5392, 0x539a, 0x539b, 0x539f })
            Assert.NotNull(SupportedIds.PciName(0x1814, id));
        foreach (ushort id in new ushort[] { 0x7708, 0x7727, 0x7728, 0x7738, 0x7748, 0x7758, 0x7768, 0x7711, 0x7722 })
            Assert.NotNull(SupportedIds.PciName(0x1432, id));
        Assert.NotNull(SupportedIds.PciName(0x1462, 0x891a));
        Assert.NotNull(SupportedIds.PciName(0x1a3b, 0x1059));
        Assert.Null(SupportedIds.PciName(0x1af4, 0x1041));   // virtio-net
        foreach (ushort id in new ushort[] { 0x2070, 0x2770, 0x2870, 0x3070, 0x3071, 0x3072, 0x3370, 0x8070, 0x3572, 0x3573, 0x5370, 0x5372, 0x5572 })
            Assert.NotNull(SupportedIds.UsbName(0x148f, id));
        foreach (var (v, p) in new (ushort, ushort)[] { (0x07b8, 0x2870), (0x07b8, 0x3070), (0x0b05, 0x1731), (0x0b05, 0x1732), (0x0b05, 0x1742), (0x0b05, 0x1784), (0x050d, 0x8053), (0x07d1, 0x3c09), (0x0df6, 0x002b), (0x7392, 0x7711), (0x1737, 0x0070), (0x083a, 0x7512), (0x0846, 0x9012) })
            Assert.NotNull(SupportedIds.UsbName(v, p));
    }
}
