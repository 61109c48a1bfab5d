namespace RtDriver.Hardware.Firmware;

/// <summary>What a firmware load did: the image, the bytes the chip got (CRC/version of that payload), whether the USB autorun skipped the write.</summary>
public sealed record FirmwareLoadResult(FirmwareImage Image, int PayloadOffset, int PayloadLength, ushort PayloadCrc, bool SkippedAutorun)
{
    public string Version => Image.Version;
}
