using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Pci;

/// <summary>
/// Where the PCI transports look for things: sysfs, /dev, the root check and the pagemap file.
/// Production uses the real paths; tests point them into a fabricated tree so every open path
/// runs down to the point where a real device node is needed.
/// </summary>
internal sealed record PciHost(string SysfsRoot, string DevRoot, Func<bool> IsRoot, string PagemapPath)
{
    public static PciHost Real(string sysfsRoot = "/sys") =>
        new(sysfsRoot, "/dev", static () => Libc.GetEuid() == 0, "/proc/self/pagemap");

    public string VfioContainerPath => Path.Combine(DevRoot, "vfio", "vfio");

    public string VfioGroupPath(int group) => Path.Combine(DevRoot, "vfio", group.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string UioPath(int index) => Path.Combine(DevRoot, "uio" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The PCI functions sharing IOMMU group <paramref name="group"/> (from /sys/kernel/iommu_groups/N/devices).</summary>
    public IReadOnlyList<string> IommuGroupMembers(int group)
    {
        string dir = Path.Combine(SysfsRoot, "kernel", "iommu_groups", group.ToString(System.Globalization.CultureInfo.InvariantCulture), "devices");
        return Directory.Exists(dir)
            ? Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
