using System.Buffers.Binary;
using RtDriver.Transport.Pci;

namespace RtDriver.Tests.Fakes;

/// <summary>
/// A sysfs + /dev tree fabricated in a temp folder: PCI functions with ids, driver and
/// iommu_group symlinks (as the kernel makes them), resource/resource0/config files, uio
/// subfolders and device nodes as plain files. Deleted on Dispose.
/// </summary>
internal sealed class FakeSysfs : IDisposable
{
    public string Root { get; }
    public string Sys => Path.Combine(Root, "sys");
    public string Dev => Path.Combine(Root, "dev");

    public FakeSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "rtdriver-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Sys, "bus", "pci", "devices"));
        Directory.CreateDirectory(Dev);
    }

    public string FunctionDir(string address) => Path.Combine(Sys, "bus", "pci", "devices", address);

    /// <summary>Adds a PCI function. <paramref name="bar0Bytes"/> creates resource/resource0; config space gets the ids.</summary>
    public string AddPci(string address, ushort vendor, ushort device, string? driver = null, int? iommuGroup = null,
        int bar0Bytes = 0, bool config = true, int? uio = null, bool writeIds = true)
    {
        string dir = FunctionDir(address);
        Directory.CreateDirectory(dir);
        if (writeIds)
        {
            File.WriteAllText(Path.Combine(dir, "vendor"), $"0x{vendor:x4}\n");
            File.WriteAllText(Path.Combine(dir, "device"), $"0x{device:x4}\n");
        }
        File.WriteAllText(Path.Combine(dir, "class"), "0x028000\n");
        File.WriteAllText(Path.Combine(dir, "driver_override"), "(null)\n");
        if (driver is not null)
            File.CreateSymbolicLink(Path.Combine(dir, "driver"), $"../../../bus/pci/drivers/{driver}");
        if (iommuGroup is int g)
        {
            string groupDir = Path.Combine(Sys, "kernel", "iommu_groups", g.ToString(), "devices");
            Directory.CreateDirectory(groupDir);
            File.CreateSymbolicLink(Path.Combine(groupDir, address), $"../../../../devices/pci0000:00/{address}");
            File.CreateSymbolicLink(Path.Combine(dir, "iommu_group"), $"../../../../kernel/iommu_groups/{g}");
        }
        if (bar0Bytes > 0)
        {
            File.WriteAllText(Path.Combine(dir, "resource"),
                $"0x00000000f7c00000 0x{0xf7c00000L + bar0Bytes - 1:x16} 0x0000000000040200\n" +
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n");
            File.WriteAllBytes(Path.Combine(dir, "resource0"), new byte[bar0Bytes]);
        }
        if (config)
        {
            var cfg = new byte[256];
            BinaryPrimitives.WriteUInt16LittleEndian(cfg.AsSpan(PciConfigRegisters.PCI_VENDOR_ID), vendor);
            BinaryPrimitives.WriteUInt16LittleEndian(cfg.AsSpan(PciConfigRegisters.PCI_DEVICE_ID), device);
            // As firmware leaves a function: memory decoding on, bus mastering off, INTx disabled by the last owner.
            BinaryPrimitives.WriteUInt16LittleEndian(cfg.AsSpan(PciConfigRegisters.PCI_COMMAND),
                PciConfigRegisters.PCI_COMMAND_MEMORY | PciConfigRegisters.PCI_COMMAND_INTX_DISABLE);
            File.WriteAllBytes(Path.Combine(dir, "config"), cfg);
        }
        if (uio is int u)
            Directory.CreateDirectory(Path.Combine(dir, "uio", $"uio{u}"));
        return dir;
    }

    /// <summary>Creates a plain file where a device node would be (so open() succeeds and the first ioctl/read shows it is not one).</summary>
    public string AddDevFile(string relative)
    {
        string path = Path.Combine(Dev, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }

    public ushort ReadConfig16(string address, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(Path.Combine(FunctionDir(address), "config")).AsSpan(offset));

    public void WriteConfig16(string address, int offset, ushort value)
    {
        string path = Path.Combine(FunctionDir(address), "config");
        var cfg = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(cfg.AsSpan(offset), value);
        File.WriteAllBytes(path, cfg);
    }

    internal PciHost Host(bool isRoot = true, string? pagemap = null) =>
        new(Sys, Dev, () => isRoot, pagemap ?? "/proc/self/pagemap");

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
