namespace RtDriver.Hardware.Firmware;

/// <summary>Which firmware file a chip takes and how it is checked (docs/hardware.md §5.1, §5.2).</summary>
public enum FirmwareFamily
{
    /// <summary>rt2860.bin: PCI/PCIe except RT3290; a multiple of 8192 bytes, one CRC per 8 KiB.</summary>
    Pci,
    /// <summary>rt3290.bin: a multiple of 4096 bytes, one CRC per 4 KiB.</summary>
    PciRt3290,
    /// <summary>rt2870.bin: every USB chip; a multiple of 4096 bytes, one CRC per 4 KiB; the chip picks a 4 KiB half.</summary>
    Usb,
}

public static class FirmwareFamilies
{
    public static FirmwareFamily ForChip(uint chipId, bool isUsb) =>
        isUsb ? FirmwareFamily.Usb : chipId == 0x3290 ? FirmwareFamily.PciRt3290 : FirmwareFamily.Pci;

    /// <summary>The file name the search path looks for (the Linux names).</summary>
    public static string FileName(this FirmwareFamily f) => f switch
    {
        FirmwareFamily.Pci => "rt2860.bin",
        FirmwareFamily.PciRt3290 => "rt3290.bin",
        _ => "rt2870.bin",
    };

    /// <summary>The CRC unit: each chunk of this size carries its own CRC in its last two bytes.</summary>
    public static int ChunkSize(this FirmwareFamily f) => f == FirmwareFamily.Pci ? 8192 : 4096;

    /// <summary>The file size must be a non-zero multiple of this.</summary>
    public static int SizeUnit(this FirmwareFamily f) => f.ChunkSize();

    /// <summary>
    /// The largest image any family accepts: 8192 bytes. The 8051's program RAM window is
    /// 0x2000-0x3FFF (docs/hardware.md §3.1), so a PCI image (rt2860.bin, rt3290.bin) cannot be larger; a USB
    /// image holds two 4 KiB programs and the chip runs bytes 0-4095 or 4096-8191 (docs/hardware.md §5.1), so
    /// nothing past 8192 is ever used. Every path-based read is bounded by this (a file, a FIFO
    /// or /dev/zero is refused once it is larger), and so is rt_device_load_firmware_mem.
    /// </summary>
    public const int LargestImageSize = 8192;

    /// <summary>The largest file of this family the loader takes (see <see cref="LargestImageSize"/>).</summary>
    public static int MaxSize(this FirmwareFamily f) => LargestImageSize;

    public static string Describe(this FirmwareFamily f) => f switch
    {
        FirmwareFamily.Pci => "PCI (rt2860.bin)",
        FirmwareFamily.PciRt3290 => "PCI RT3290 (rt3290.bin)",
        _ => "USB (rt2870.bin)",
    };

    /// <summary>
    /// USB half selection (docs/hardware.md §5.1): RT2860, RT2872 and RT3070 run bytes 0–4095, every other chip
    /// bytes 4096–8191.
    /// </summary>
    public static bool UsesLowerUsbHalf(uint chipId) => chipId is 0x2860 or 0x2872 or 0x3070;
}
