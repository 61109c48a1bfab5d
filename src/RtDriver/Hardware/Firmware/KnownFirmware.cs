namespace RtDriver.Hardware.Firmware;

/// <summary>One Ralink image the loader knows (facts from shared/testdata/firmware/firmware_info.json; mirrored in firmware/known-images.json).</summary>
public sealed record KnownFirmware(string Name, string Origin, int Size, string Sha256, string Version, FirmwareFamily Family, string Notes);

/// <summary>
/// The manifest of known images. The loader and `rtprobe fw inspect` use it to name an image
/// (and to say "this is the USB image" when someone loads rt2870.bin into a PCI chip). The
/// images themselves are never part of this repository (linux-firmware, Ralink licence).
/// </summary>
public static class KnownFirmwareImages
{
    public static readonly IReadOnlyList<KnownFirmware> All =
    [
        new("rt2860.bin", "linux-firmware 2019-05-14 (711d3297)", 8192, "67d5e8b32293cc2f31f67ebb112d4dabf1e23019a11c517036ba42cb48e4159c", "0.40", FirmwareFamily.Pci, "rt2800pci, WHENCE Version 40"),
        new("rt2870.bin", "linux-firmware 2019-05-14 (711d3297)", 8192, "251b8918391eac6415d60dca239e415aad0177e885376f2a17782e64fcbbe317", "0.36", FirmwareFamily.Usb, "rt2800usb, WHENCE Version 36; rt3070.bin is a link to it"),
        new("rt3071.bin", "linux-firmware 2019-05-14 (711d3297)", 4096, "b94fcb60065735d18709096cbe0e5345833fc15832e950669e2c9a2d838ae1b9", "0.36", FirmwareFamily.Usb, "copy of bytes 4096-8191 of rt2870.bin"),
        new("rt3290.bin", "linux-firmware 2019-05-14 (711d3297)", 4096, "9e8e2b0228dac355af7002048d4706b562979d208b11389bcf6ac28f83f676c2", "0.37", FirmwareFamily.PciRt3290, "RT3290 WLAN+BT combo"),
        new("rt2860.bin", "linux-firmware 2011-08-15 (bf9f8648)", 8192, "2ef05aa653358fad2899be4cf84d6d2b0538489924f367de2979ac2446b7a55d", "0.34", FirmwareFamily.Pci, "WHENCE Firmware Version 34"),
        new("rt2870.bin", "linux-firmware 2011-08-15 (bf9f8648)", 8192, "7406f34a45d21af8740f0d348eaad5cb2fe14560b93571fcdcb2a602fcd8425c", "0.29", FirmwareFamily.Usb, "WHENCE Firmware Version 29; rt3070.bin is a link to it"),
        new("rt3071.bin", "linux-firmware 2011-08-15 (bf9f8648)", 4096, "b3e8aaaf0d07ea97a031cc2690f1f725c6f9995d9142e19dd4b1fac5e9aa7759", "0.29", FirmwareFamily.Usb, "copy of bytes 4096-8191 of 2011 rt2870.bin"),
    ];

    public static KnownFirmware? BySha256(string sha256) =>
        All.FirstOrDefault(k => k.Sha256.Equals(sha256, StringComparison.OrdinalIgnoreCase));
}
