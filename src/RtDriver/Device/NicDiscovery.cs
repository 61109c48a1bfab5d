using RtDriver.Transport;
using RtDriver.Transport.Discovery;

namespace RtDriver.Device;

/// <summary>
/// One supported NIC present on this machine and what it needs before rtdriver can open it.
/// <see cref="Spec"/> is what <see cref="RtDevice.Open"/> (and <c>rt_device_open</c>) take.
/// </summary>
public sealed record PresentNic
{
    /// <summary>"pci" or "usb".</summary>
    public required string Bus { get; init; }

    /// <summary>"pci:0000:03:00.0" or "usb:1.4".</summary>
    public required string Spec { get; init; }

    public required ushort Vendor { get; init; }

    /// <summary>PCI device id or USB product id.</summary>
    public required ushort Device { get; init; }

    /// <summary>Part name from the id table ("RT2860 PCI", "RT3070").</summary>
    public required string Name { get; init; }

    /// <summary>The kernel driver bound now, null if none or unknown.</summary>
    public string? Driver { get; init; }

    /// <summary>PCI only: the IOMMU group, null when the kernel has none for it.</summary>
    public int? IommuGroup { get; init; }

    /// <summary>How it would be opened (VFIO, uio, USB) when usable; null when it first needs setting up.</summary>
    public BusKind? Transport { get; init; }

    /// <summary>True when opening <see cref="Spec"/> should work as things stand.</summary>
    public required bool Usable { get; init; }

    /// <summary>One line: "ready (VFIO, IOMMU group 7)", "bound to the kernel driver rt2800pci".</summary>
    public required string Status { get; init; }

    /// <summary>The exact commands (or udev rule line) that make it usable; empty when it is usable.</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];
}

/// <summary>A scan for NICs: the supported ones found, how much was looked at, and notes on what could not be.</summary>
public sealed record NicScan(IReadOnlyList<PresentNic> Devices, int PciFunctionsScanned, int UsbDevicesScanned, IReadOnlyList<string> Notes);

/// <summary>
/// The supported NICs present on this machine (`rtprobe list`), beside the façade so a front end
/// needs nothing below the device: the same sysfs + libusb scan <see cref="DeviceFactory"/> runs
/// for the spec "auto" (Transport/Discovery), its answers as Device-level records. Never throws
/// for an unusual machine: what could not be looked at becomes a note.
/// </summary>
public static class NicDiscovery
{
    /// <summary>Scans PCI functions under <paramref name="sysfsRoot"/> and USB devices through libusb; PCI first (by address), then USB.</summary>
    public static NicScan Scan(string sysfsRoot = "/sys") => From(DeviceDiscovery.ScanWithNotes(sysfsRoot));

    /// <summary>A discovery pass as the façade reports it.</summary>
    internal static NicScan From(DiscoveryResult result) => new(
        result.Devices.Select(d => new PresentNic
        {
            Bus = d.Bus,
            Spec = d.Spec,
            Vendor = d.Vendor,
            Device = d.Device,
            Name = d.Name,
            Driver = d.Driver,
            IommuGroup = d.IommuGroup,
            Transport = d.Transport,
            Usable = d.Usable,
            Status = d.Status,
            Setup = d.Setup,
        }).ToList(),
        result.PciFunctionsScanned,
        result.UsbDevicesScanned,
        result.Notes);
}
