namespace RtDriver.Transport.Discovery;

/// <summary>
/// One supported NIC found on this machine and what it needs before rtdriver can use it.
/// <see cref="Spec"/> is what <c>rt_device_open</c> / <c>RtDevice.Open</c> take.
/// </summary>
public sealed record DiscoveredDevice
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

    /// <summary>The kernel driver bound now (PCI: vfio-pci, uio_pci_generic, rt2800pci, …; USB: rt2800usb), null if none or unknown.</summary>
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

    /// <summary>Opens it (PCI through <see cref="PciTransport"/>, USB through <see cref="Usb.UsbTransport"/>).</summary>
    public IRegisterBus Open() => Bus == "pci" ? PciTransport.Open(Spec) : Usb.UsbTransport.Open(Spec);
}
