namespace RtDriver.Hardware.Firmware;

/// <summary>
/// The firmware CRC Linux checks (rt2800_check_firmware_crc, docs/hardware.md §5.2): CRC-16 with polynomial 0x1021
/// processed LSB-first (reflected 0x8408), initial value 0xFFFF, no final XOR — the parameter set
/// called CRC-16/MCRF4XX (check value 0x6F91 for "123456789"). It covers bytes 0 … len−3 of a
/// chunk; the chunk's last two bytes hold it low byte first.
/// </summary>
public static class FirmwareCrc
{
    private static readonly ushort[] Table = BuildTable();

    private static ushort[] BuildTable()
    {
        var t = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            uint c = (uint)i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0x8408 : c >> 1;
            t[i] = (ushort)c;
        }
        return t;
    }

    public static ushort Compute(ReadOnlySpan<byte> data, ushort init = 0xFFFF)
    {
        uint crc = init;
        foreach (byte b in data) crc = (crc >> 8) ^ Table[(crc ^ b) & 0xFF];
        return (ushort)crc;
    }

    /// <summary>The CRC stored in a chunk's last two bytes (low byte first).</summary>
    public static ushort Stored(ReadOnlySpan<byte> chunk) => (ushort)(chunk[^2] | chunk[^1] << 8);

    /// <summary>The CRC computed over a chunk (all but its last two bytes).</summary>
    public static ushort OfChunk(ReadOnlySpan<byte> chunk) => Compute(chunk[..^2]);

    public static bool ChunkIsValid(ReadOnlySpan<byte> chunk) => chunk.Length >= 2 && Stored(chunk) == OfChunk(chunk);

    /// <summary>Writes the correct CRC into the chunk's last two bytes (used to build the open image and test copies).</summary>
    public static void Seal(Span<byte> chunk)
    {
        ushort crc = OfChunk(chunk);
        chunk[^2] = (byte)crc;
        chunk[^1] = (byte)(crc >> 8);
    }
}
