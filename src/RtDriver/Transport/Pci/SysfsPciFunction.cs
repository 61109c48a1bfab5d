using System.Globalization;

namespace RtDriver.Transport.Pci;

/// <summary>
/// What sysfs says about one PCI function (/sys/bus/pci/devices/DDDD:BB:DD.F): ids, the bound
/// driver, the IOMMU group, the uio index and BAR0's size. Pure file reads — no device access —
/// so discovery and the open paths can be tested against a fabricated tree. Missing attributes
/// read as null rather than throwing: sysfs differs between kernels and tests leave files out.
/// </summary>
public sealed class SysfsPciFunction
{
    public PciAddress Address { get; }

    /// <summary>The function's sysfs directory.</summary>
    public string Directory { get; }

    public ushort? Vendor { get; }
    public ushort? Device { get; }

    /// <summary>Name of the bound kernel driver ("vfio-pci", "uio_pci_generic", "rt2800pci"), null when unbound.</summary>
    public string? Driver { get; }

    /// <summary>The IOMMU group number, null when the kernel has no IOMMU (or it is disabled).</summary>
    public int? IommuGroup { get; }

    /// <summary>driver_override contents, null when empty or absent.</summary>
    public string? DriverOverride { get; }

    private SysfsPciFunction(PciAddress address, string directory)
    {
        Address = address;
        Directory = directory;
        Vendor = ReadHex16(Path.Combine(directory, "vendor"));
        Device = ReadHex16(Path.Combine(directory, "device"));
        Driver = LinkName(Path.Combine(directory, "driver"));
        string? group = LinkName(Path.Combine(directory, "iommu_group"));
        IommuGroup = int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int g) ? g : null;
        string? ov = ReadText(Path.Combine(directory, "driver_override"));
        DriverOverride = string.IsNullOrEmpty(ov) || ov == "(null)" ? null : ov;
    }

    /// <summary>The sysfs directory that holds every PCI function.</summary>
    public static string DevicesDirectory(string sysfsRoot) => Path.Combine(sysfsRoot, "bus", "pci", "devices");

    /// <summary>Reads one function; RT_ERR_NO_DEVICE naming the path when it does not exist.</summary>
    public static SysfsPciFunction Read(PciAddress address, string sysfsRoot)
    {
        string dir = Path.Combine(DevicesDirectory(sysfsRoot), address.ToString());
        if (!System.IO.Directory.Exists(dir))
            throw new RtException(RtStatus.NoDevice,
                $"no PCI function {address}: {dir} does not exist (lspci -D lists the PCI functions present)");
        return new SysfsPciFunction(address, dir);
    }

    /// <summary>Every function under /sys/bus/pci/devices whose name parses as an address. Empty when the folder is missing.</summary>
    public static IReadOnlyList<SysfsPciFunction> ReadAll(string sysfsRoot)
    {
        string root = DevicesDirectory(sysfsRoot);
        if (!System.IO.Directory.Exists(root)) return [];
        var list = new List<SysfsPciFunction>();
        foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
        {
            if (PciAddress.TryParse(Path.GetFileName(entry), out var address))
                list.Add(new SysfsPciFunction(address, entry));
        }
        return list;
    }

    /// <summary>Path of BAR0's sysfs file (mmap-able when the function is bound to a uio/VFIO-free driver).</summary>
    public string Resource0Path => Path.Combine(Directory, "resource0");

    public string ConfigPath => Path.Combine(Directory, "config");

    /// <summary>
    /// BAR0's length from the "resource" file (first line "start end flags", inclusive end), or
    /// the resource0 file size when "resource" is missing; null when neither says.
    /// </summary>
    public ulong? Bar0Length
    {
        get
        {
            string? text = ReadText(Path.Combine(Directory, "resource"));
            if (text is not null)
            {
                var f = text.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length >= 2 && TryHex64(f[0], out ulong start) && TryHex64(f[1], out ulong end) && end > start)
                    return end - start + 1;
            }
            var info = new FileInfo(Resource0Path);
            return info.Exists && info.Length > 0 ? (ulong)info.Length : null;
        }
    }

    /// <summary>The uio device index (/dev/uioN) from the uio/uioN subfolder, null when none.</summary>
    public int? UioIndex
    {
        get
        {
            string dir = Path.Combine(Directory, "uio");
            if (!System.IO.Directory.Exists(dir)) return null;
            foreach (string e in System.IO.Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(e);
                if (name.StartsWith("uio", StringComparison.Ordinal) &&
                    int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    return n;
            }
            return null;
        }
    }

    internal static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static ushort? ReadHex16(string path)
    {
        string? text = ReadText(path);
        if (text is null) return null;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        return ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort v) ? v : null;
    }

    private static bool TryHex64(string text, out ulong value)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        return ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The last path element of a symlink's target ("vfio-pci" for .../drivers/vfio-pci), null if not a link.</summary>
    internal static string? LinkName(string path)
    {
        try
        {
            var info = new FileInfo(path);
            string? target = info.LinkTarget;
            if (target is null) return null;
            return Path.GetFileName(target.TrimEnd('/'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
