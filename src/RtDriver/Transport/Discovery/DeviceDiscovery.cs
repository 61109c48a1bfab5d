using RtDriver.Transport.Linux;
using RtDriver.Transport.Pci;
using RtDriver.Transport.Usb;

namespace RtDriver.Transport.Discovery;

/// <summary>
/// Finds RT2860-class NICs: PCI functions from sysfs (ids, bound driver, IOMMU group) and USB
/// devices through libusb. Never throws for an unusual machine — a missing sysfs, no USB bus
/// or a missing libusb become notes — because "nothing here" is an answer, not an error.
/// </summary>
public static class DeviceDiscovery
{
    /// <summary>The supported devices on this machine, PCI first (by address), then USB (by bus/address).</summary>
    public static IReadOnlyList<DiscoveredDevice> Scan(string sysfsRoot = "/sys") => ScanWithNotes(sysfsRoot).Devices;

    /// <summary>Like <see cref="Scan"/>, plus counts and notes (USB skipped because libusb is missing, …).</summary>
    public static DiscoveryResult ScanWithNotes(string sysfsRoot = "/sys") =>
        ScanWithNotes(PciHost.Real(sysfsRoot), UsbEnumeration.List);

    /// <summary>The first device that can be opened as things stand, or null (the caller suggests emu:rt2860).</summary>
    public static DiscoveredDevice? FirstUsable(string sysfsRoot = "/sys") => Scan(sysfsRoot).FirstOrDefault(d => d.Usable);

    internal static DiscoveryResult ScanWithNotes(PciHost host, Func<bool, IReadOnlyList<UsbDeviceInfo>>? listUsb)
    {
        var notes = new List<string>();
        var devices = new List<DiscoveredDevice>();

        var functions = SysfsPciFunction.ReadAll(host.SysfsRoot);
        if (!Directory.Exists(SysfsPciFunction.DevicesDirectory(host.SysfsRoot)))
            notes.Add($"PCI not scanned: {SysfsPciFunction.DevicesDirectory(host.SysfsRoot)} does not exist (is sysfs mounted?)");
        foreach (var fn in functions)
        {
            if (fn.Vendor is not ushort v || fn.Device is not ushort d) continue;
            string? name = SupportedIds.PciName(v, d);
            if (name is null) continue;
            devices.Add(DescribePci(fn, name, host));
        }

        int usbCount = 0;
        if (listUsb is not null)
        {
            try
            {
                var usb = listUsb(true);
                usbCount = usb.Count;
                if (usb.Count == 0 && !Directory.Exists(Path.Combine(host.SysfsRoot, "bus", "usb")))
                    notes.Add($"this machine has no USB bus ({Path.Combine(host.SysfsRoot, "bus", "usb")} does not exist)");
                foreach (var u in usb)
                {
                    string? name = SupportedIds.UsbName(u.Vendor, u.Product);
                    if (name is not null) devices.Add(DescribeUsb(u, name));
                }
            }
            catch (RtException e)
            {
                notes.Add($"USB not scanned: {e.Message}");
            }
        }
        return new DiscoveryResult(devices, functions.Count, usbCount, notes);
    }

    internal static DiscoveredDevice DescribePci(SysfsPciFunction fn, string name, PciHost host)
    {
        var address = fn.Address;
        var device = new DiscoveredDevice
        {
            Bus = "pci",
            Spec = $"pci:{address}",
            Vendor = fn.Vendor!.Value,
            Device = fn.Device!.Value,
            Name = name,
            Driver = fn.Driver,
            IommuGroup = fn.IommuGroup,
            Usable = false,
            Status = "",
        };
        switch (fn.Driver)
        {
            case PciSetupAdvice.VfioDriver when fn.IommuGroup is int group:
            {
                string node = host.VfioGroupPath(group);
                if (!File.Exists(node))
                    return device with
                    {
                        Status = $"bound to vfio-pci, but {node} does not exist",
                        Setup = ["sudo modprobe vfio-pci", $"ls -l {node}   # should exist once vfio-pci owns IOMMU group {group}"],
                    };
                if (Libc.Access(node, Libc.R_OK | Libc.W_OK) != 0)
                    return device with
                    {
                        Status = $"bound to vfio-pci (IOMMU group {group}), but {node} is not accessible to this user",
                        Setup = [$"sudo chown $USER {node}   # or run as root"],
                    };
                var others = host.IommuGroupMembers(group).Where(m => m != address.ToString()).ToList();
                string shared = others.Count == 0 ? "" : $"; group shared with {string.Join(", ", others)} (all must be bound to vfio-pci)";
                return device with { Usable = true, Transport = BusKind.PciVfio, Status = $"ready (VFIO, IOMMU group {group}{shared})" };
            }
            case PciSetupAdvice.VfioDriver:
                return device with
                {
                    Status = "bound to vfio-pci, but the kernel has no IOMMU group for it (IOMMU off)",
                    Setup = NoIommuSetup(address, PciSetupAdvice.VfioDriver),
                };
            case PciSetupAdvice.UioDriver:
                if (!host.IsRoot())
                    return device with
                    {
                        Status = "bound to uio_pci_generic; uio needs root (no DMA isolation; VFIO is preferred)",
                        Setup = ["run as root (sudo), or bind it to vfio-pci instead: " + PciSetupAdvice.Joined(PciSetupAdvice.BindCommands(address, PciSetupAdvice.UioDriver, PciSetupAdvice.VfioDriver))],
                    };
                return device with { Usable = true, Transport = BusKind.PciUio, Status = "ready (uio; no DMA isolation, VFIO is preferred)" };
            default:
            {
                string state = fn.Driver is null ? "bound to no driver" : $"bound to the kernel driver {fn.Driver}";
                if (fn.IommuGroup is null)
                    return device with { Status = $"{state}; no IOMMU group (IOMMU off)", Setup = NoIommuSetup(address, fn.Driver) };
                return device with
                {
                    Status = $"{state} (IOMMU group {fn.IommuGroup})",
                    Setup = PciSetupAdvice.BindCommands(address, fn.Driver, PciSetupAdvice.VfioDriver),
                };
            }
        }
    }

    private static IReadOnlyList<string> NoIommuSetup(PciAddress address, string? currentDriver) =>
    [
        "# VFIO needs the IOMMU: add intel_iommu=on (Intel) or amd_iommu=on (AMD) to the kernel command line, enable VT-d/AMD-Vi in firmware, reboot",
        "# or, without an IOMMU, use uio (root only, the card can DMA anywhere in RAM):",
        .. PciSetupAdvice.BindCommands(address, currentDriver, PciSetupAdvice.UioDriver),
    ];

    internal static DiscoveredDevice DescribeUsb(UsbDeviceInfo u, string name)
    {
        var device = new DiscoveredDevice
        {
            Bus = "usb",
            Spec = u.Spec,
            Vendor = u.Vendor,
            Device = u.Product,
            Name = name,
            Driver = u.KernelDriverBound == true ? "rt2800usb" : null,
            Usable = false,
            Status = "",
        };
        if (u.Accessible == false)
            return device with
            {
                Status = "no permission on the USB device node",
                Setup = [UsbSetupAdvice.UdevRule(u.Vendor, u.Product) + $"   # into {UsbSetupAdvice.RulesFile}",
                         "sudo udevadm control --reload-rules && sudo udevadm trigger   # then replug"],
            };
        if (u.Accessible is null)
            return device with { Status = $"could not be opened: {u.OpenError ?? "unknown reason"}" };
        string kernel = u.KernelDriverBound == true ? " (rt2800usb is detached while rtdriver uses it, reattached on close)" : "";
        return device with { Usable = true, Transport = BusKind.Usb, Status = "ready (libusb)" + kernel };
    }
}
