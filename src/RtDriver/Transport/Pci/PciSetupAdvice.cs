namespace RtDriver.Transport.Pci;

/// <summary>
/// The exact shell commands that make a PCI function usable, for error messages and
/// `rtprobe list`. They always name the real /sys paths (they are for a person at a shell),
/// and use the driver_override method, which binds this one function without touching
/// other devices that share its vendor/device id.
/// </summary>
public static class PciSetupAdvice
{
    public const string VfioDriver = "vfio-pci";
    public const string UioDriver = "uio_pci_generic";

    /// <summary>Commands that rebind <paramref name="address"/> to <paramref name="targetDriver"/>, unbinding <paramref name="currentDriver"/> first.</summary>
    public static IReadOnlyList<string> BindCommands(PciAddress address, string? currentDriver, string targetDriver)
    {
        string dev = $"/sys/bus/pci/devices/{address}";
        var lines = new List<string> { $"sudo modprobe {targetDriver}" };
        if (currentDriver is not null)
            lines.Add($"echo {address} | sudo tee {dev}/driver/unbind");
        lines.Add($"echo {targetDriver} | sudo tee {dev}/driver_override");
        lines.Add($"echo {address} | sudo tee /sys/bus/pci/drivers_probe");
        return lines;
    }

    /// <summary>Commands that hand the function back to the kernel's own driver (undo).</summary>
    public static IReadOnlyList<string> RestoreCommands(PciAddress address, string boundDriver) =>
    [
        $"echo | sudo tee /sys/bus/pci/devices/{address}/driver_override",
        $"echo {address} | sudo tee /sys/bus/pci/drivers/{boundDriver}/unbind",
        $"echo {address} | sudo tee /sys/bus/pci/drivers_probe",
    ];

    /// <summary>What to do when the kernel exposes no IOMMU group for the function.</summary>
    public static string NoIommuAdvice(PciAddress address) =>
        $"enable the IOMMU: add intel_iommu=on (Intel) or amd_iommu=on (AMD) to the kernel command line and reboot " +
        $"(also enable VT-d/AMD-Vi in the firmware setup); or use uio instead (no DMA isolation): " +
        string.Join("; ", BindCommands(address, null, UioDriver));

    public static string Joined(IEnumerable<string> commands) => string.Join("; ", commands);
}
