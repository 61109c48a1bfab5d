namespace RtDriver.Hardware.Firmware;

/// <summary>One CRC unit of an image: where it is, the CRC it stores and the CRC of its contents.</summary>
public readonly record struct FirmwareChunk(int Offset, int Length, ushort StoredCrc, ushort ComputedCrc, byte VersionMajor, byte VersionMinor)
{
    public bool CrcOk => StoredCrc == ComputedCrc;
    public string Version => $"{VersionMajor}.{VersionMinor}";
}
