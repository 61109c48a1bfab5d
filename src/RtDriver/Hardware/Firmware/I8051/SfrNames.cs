namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>
/// Names of the 8051/8052 special function registers and of the named SFR bits — the same set the
/// SDCC assembler (sdas8051) predefines, so disassembly output assembles back unchanged.
/// </summary>
public static class SfrNames
{
    private static readonly Dictionary<int, string> Registers = new()
    {
        [0x80] = "P0", [0x81] = "SP", [0x82] = "DPL", [0x83] = "DPH", [0x87] = "PCON",
        [0x88] = "TCON", [0x89] = "TMOD", [0x8A] = "TL0", [0x8B] = "TL1", [0x8C] = "TH0", [0x8D] = "TH1",
        [0x90] = "P1", [0x98] = "SCON", [0x99] = "SBUF", [0xA0] = "P2", [0xA8] = "IE", [0xB0] = "P3",
        [0xB8] = "IP", [0xC8] = "T2CON", [0xCA] = "RCAP2L", [0xCB] = "RCAP2H", [0xCC] = "TL2", [0xCD] = "TH2",
        [0xD0] = "PSW", [0xE0] = "ACC", [0xF0] = "B",
    };

    private static readonly Dictionary<int, string> Bits = new()
    {
        [0x88] = "IT0", [0x89] = "IE0", [0x8A] = "IT1", [0x8B] = "IE1", [0x8C] = "TR0", [0x8D] = "TF0", [0x8E] = "TR1", [0x8F] = "TF1",
        [0x98] = "RI", [0x99] = "TI", [0x9A] = "RB8", [0x9B] = "TB8", [0x9C] = "REN", [0x9D] = "SM2", [0x9E] = "SM1", [0x9F] = "SM0",
        [0xA8] = "EX0", [0xA9] = "ET0", [0xAA] = "EX1", [0xAB] = "ET1", [0xAC] = "ES", [0xAD] = "ET2", [0xAF] = "EA",
        [0xB0] = "RXD", [0xB1] = "TXD", [0xB2] = "INT0", [0xB3] = "INT1",
        [0xB8] = "PX0", [0xB9] = "PT0", [0xBA] = "PX1", [0xBB] = "PT1", [0xBC] = "PS", [0xBD] = "PT2",
        [0xC8] = "CPRL2", [0xC9] = "CT2", [0xCA] = "TR2", [0xCB] = "EXEN2", [0xCC] = "TCLK", [0xCD] = "RCLK", [0xCE] = "EXF2", [0xCF] = "TF2",
        [0xD0] = "P", [0xD2] = "OV", [0xD3] = "RS0", [0xD4] = "RS1", [0xD5] = "F0", [0xD6] = "AC", [0xD7] = "CY",
    };

    /// <summary>Name of a direct address: the SFR name, or null for internal RAM and unnamed SFRs.</summary>
    public static string? Register(int address) => Registers.GetValueOrDefault(address);

    /// <summary>
    /// Name of a bit address: the named bit, or REG.n for a bit of a named bit-addressable SFR, or null
    /// for bits 0x00..0x7F (RAM 0x20..0x2F) and unnamed SFR bits.
    /// </summary>
    public static string? Bit(int bitAddress)
    {
        if (Bits.TryGetValue(bitAddress, out var name)) return name;
        if (bitAddress < 0x80) return null;
        return Registers.TryGetValue(bitAddress & 0xF8, out var reg) ? $"{reg}.{bitAddress & 7}" : null;
    }
}
