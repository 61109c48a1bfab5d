using System.Text;

namespace RtDriver.Hardware.Firmware;

/// <summary>
/// Layout of the project's own open 8051 image (firmware/, built by firmware/build-image.sh):
/// code from byte 0, the ASCII signature <see cref="Signature"/> at <see cref="SignatureOffset"/>
/// of every 4 KiB code piece, the version bytes at chunk size−4/−3 and the CRC in the last two
/// bytes. Two files are built because one 8 KiB file cannot carry both a valid 8 KiB CRC (PCI)
/// and two valid 4 KiB CRCs (USB): after a 4 KiB chunk with a correct CRC the CRC register is 0,
/// not the 0xFFFF the second chunk starts from.
/// </summary>
public static class OpenFirmwareLayout
{
    public const string Signature = "RTDRIVER-OPEN-8051";
    public const int SignatureOffset = 0x0F00;
    public const byte VersionMajor = 1;
    public const byte VersionMinor = 0;
    /// <summary>PCI layout: one 8 KiB chunk.</summary>
    public const string PciFileName = "rtdriver-open.bin";
    /// <summary>USB layout: two identical 4 KiB halves, each with its own version bytes and CRC.</summary>
    public const string UsbFileName = "rtdriver-open-usb.bin";

    private static readonly byte[] SignatureBytes = Encoding.ASCII.GetBytes(Signature);

    public static bool IsOpenImage(ReadOnlySpan<byte> image) =>
        image.Length >= SignatureOffset + SignatureBytes.Length
        && image.Slice(SignatureOffset, SignatureBytes.Length).SequenceEqual(SignatureBytes);

    public static string FileName(FirmwareFamily family) => family == FirmwareFamily.Usb ? UsbFileName : PciFileName;
}
