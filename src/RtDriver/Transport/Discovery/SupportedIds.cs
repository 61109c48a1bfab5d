namespace RtDriver.Transport.Discovery;

/// <summary>
/// The RT2860-class PCI and USB ids this driver recognises (docs/hardware.md §2.2 and §2.3, from the
/// Linux rt2800pci/rt2800usb tables). The chip itself is always confirmed later by MAC_CSR0;
/// the name here is only what the id table suggests.
/// </summary>
public static class SupportedIds
{
    public const ushort VendorRalink = 0x1814;
    public const ushort VendorEdimax = 0x1432;
    public const ushort UsbVendorRalink = 0x148f;

    private static readonly Dictionary<(ushort Vendor, ushort Device), string> Pci = new()
    {
        [(VendorRalink, 0x0601)] = "RT2860 PCI",
        [(VendorRalink, 0x0681)] = "RT2890 PCIe",
        [(VendorRalink, 0x0701)] = "RT2760 PCI",
        [(VendorRalink, 0x0781)] = "RT2790 PCIe",
        [(VendorRalink, 0x3090)] = "RT3090 PCIe",
        [(VendorRalink, 0x3091)] = "RT3091 PCIe",
        [(VendorRalink, 0x3092)] = "RT3092 PCIe",
        [(VendorRalink, 0x3290)] = "RT3290 PCIe",
        [(VendorRalink, 0x3390)] = "RT3390",
        [(VendorRalink, 0x3060)] = "RT3060",
        [(VendorRalink, 0x3062)] = "RT3062",
        [(VendorRalink, 0x3562)] = "RT3562",
        [(VendorRalink, 0x3592)] = "RT3592",
        [(VendorRalink, 0x3593)] = "RT3593",
        [(VendorRalink, 0x359f)] = "RT3593 (0x359f)",
        [(VendorRalink, 0x5360)] = "RT5360",
        [(VendorRalink, 0x5362)] = "RT5362",
        [(VendorRalink, 0x5390)] = "RT5390",
        [(VendorRalink, 0x5392)] = "RT5392",
        [(VendorRalink, 0x539a)] = "RT5390 (0x539a)",
        [(VendorRalink, 0x539b)] = "RT5390 (0x539b)",
        [(VendorRalink, 0x539f)] = "RT5390 (0x539f)",
        [(VendorEdimax, 0x7708)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7727)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7728)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7738)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7748)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7758)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7768)] = "Edimax RT28xx",
        [(VendorEdimax, 0x7711)] = "Edimax RT35xx",
        [(VendorEdimax, 0x7722)] = "Edimax RT35xx",
        [(0x1462, 0x891a)] = "MSI RT28xx board",
        [(0x1a3b, 0x1059)] = "AzureWave RT28xx board",
    };

    private static readonly Dictionary<(ushort Vendor, ushort Product), string> Usb = new()
    {
        [(UsbVendorRalink, 0x2070)] = "RT2070",
        [(UsbVendorRalink, 0x2770)] = "RT2770",
        [(UsbVendorRalink, 0x2870)] = "RT2870",
        [(UsbVendorRalink, 0x3070)] = "RT3070",
        [(UsbVendorRalink, 0x3071)] = "RT3071",
        [(UsbVendorRalink, 0x3072)] = "RT3072",
        [(UsbVendorRalink, 0x3370)] = "RT3370",
        [(UsbVendorRalink, 0x8070)] = "RT8070",
        [(UsbVendorRalink, 0x3572)] = "RT3572",
        [(UsbVendorRalink, 0x3573)] = "RT3573",
        [(UsbVendorRalink, 0x5370)] = "RT5370",
        [(UsbVendorRalink, 0x5372)] = "RT5372",
        [(UsbVendorRalink, 0x5572)] = "RT5572",
        [(0x07b8, 0x2870)] = "Abocom RT2870",
        [(0x07b8, 0x3070)] = "Abocom RT3070",
        [(0x0b05, 0x1731)] = "ASUS RT2870",
        [(0x0b05, 0x1732)] = "ASUS RT2870",
        [(0x0b05, 0x1742)] = "ASUS RT2870",
        [(0x0b05, 0x1784)] = "ASUS RT3070",
        [(0x050d, 0x8053)] = "Belkin RT2870",
        [(0x07d1, 0x3c09)] = "D-Link RT2870",
        [(0x0df6, 0x002b)] = "Sitecom RT2870",
        [(0x7392, 0x7711)] = "Edimax RT3070",
        [(0x1737, 0x0070)] = "Linksys RT2870",
        [(0x083a, 0x7512)] = "SMC RT2870",
        [(0x0846, 0x9012)] = "Netgear RT3573",
    };

    /// <summary>The part name for a supported PCI id, else null.</summary>
    public static string? PciName(ushort vendor, ushort device) => Pci.GetValueOrDefault((vendor, device));

    /// <summary>The part name for a supported USB id, else null.</summary>
    public static string? UsbName(ushort vendor, ushort product) => Usb.GetValueOrDefault((vendor, product));

    public static IEnumerable<(ushort Vendor, ushort Device, string Name)> AllPci => Pci.Select(kv => (kv.Key.Vendor, kv.Key.Device, kv.Value));

    public static IEnumerable<(ushort Vendor, ushort Product, string Name)> AllUsb => Usb.Select(kv => (kv.Key.Vendor, kv.Key.Product, kv.Value));
}
