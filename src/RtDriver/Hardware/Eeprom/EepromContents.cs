namespace RtDriver.Hardware.Eeprom;

/// <summary>
/// The decoded configuration image (docs/hardware.md §4.5 word map, non-RT3593 layout), plus the raw words.
/// RF id: NIC_CONF0 b11–8 for the RT28xx/RT30xx/RT35xx parts; word 0 for RT3290/RT5390/RT5392/
/// RT6352; fixed for RT3352/RT3883/RT5350 (docs/hardware.md §2.4). A blank NIC_CONF0 (0xFFFF) gets Linux's
/// defaults: 2 RX, 1 TX, RF2820.
/// </summary>
public sealed record EepromContents(ushort[] Words, ConfigSource Source, uint ChipId)
{
    public const int WordCount = 256;
    public const int WORD_CHIP_ID = 0x00, WORD_VERSION = 0x01, WORD_MAC = 0x02, WORD_NIC_CONF0 = 0x1A, WORD_NIC_CONF1 = 0x1B,
        WORD_COUNTRY = 0x1C, WORD_FREQ_LED = 0x1D, WORD_LED_AG_CONF = 0x1E, WORD_LED_ACT_CONF = 0x1F, WORD_LED_POLARITY = 0x20,
        WORD_NIC_CONF2 = 0x21;

    public ushort Word(int index) => Words[index];

    public byte[] Mac => [(byte)Words[WORD_MAC], (byte)(Words[WORD_MAC] >> 8), (byte)Words[WORD_MAC + 1], (byte)(Words[WORD_MAC + 1] >> 8), (byte)Words[WORD_MAC + 2], (byte)(Words[WORD_MAC + 2] >> 8)];
    public string MacString => MacAddress.Format(Mac);
    /// <summary>An individual, non-zero address (else Linux invents a random one).</summary>
    public bool MacValid => (Mac[0] & 1) == 0 && Mac.Any(b => b != 0);

    /// <summary>Word 1: Linux reads b7–0 as FAE version, b15–8 as EEPROM version.</summary>
    public byte Version => (byte)(Words[WORD_VERSION] >> 8);
    public byte FaeVersion => (byte)Words[WORD_VERSION];

    public bool NicConf0Blank => Words[WORD_NIC_CONF0] == 0xFFFF;
    public int RxPaths => NicConf0Blank ? 2 : Words[WORD_NIC_CONF0] & 0xF;
    public int TxPaths => NicConf0Blank ? 1 : (Words[WORD_NIC_CONF0] >> 4) & 0xF;

    public uint RfId => ChipId switch
    {
        0x3290 or 0x5390 or 0x5392 or 0x6352 => Words[WORD_CHIP_ID],
        0x3352 => 0x000C,  // RF3322
        0x3883 => 0x3853,
        0x5350 => 0x5350,
        _ => NicConf0Blank ? 0x0001u : (uint)((Words[WORD_NIC_CONF0] >> 8) & 0xF),
    };

    public string RfName => RfNames.Name(RfId);

    public ushort NicConf1 => Words[WORD_NIC_CONF1];
    public bool HardwareRadioSwitch => NicConf1 != 0xFFFF && (NicConf1 & 1) != 0;
    /// <summary>NIC_CONF1 b12–11: 0 off, 1 diversity, 2 main, 3 aux.</summary>
    public int AntennaDiversity => NicConf1 == 0xFFFF ? 0 : (NicConf1 >> 11) & 3;
    public bool ExternalLna2G => NicConf1 != 0xFFFF && (NicConf1 & (1 << 2)) != 0;
    public bool ExternalLna5G => NicConf1 != 0xFFFF && (NicConf1 & (1 << 3)) != 0;
    public bool BtCoexist => NicConf1 != 0xFFFF && (NicConf1 & (1 << 14)) != 0;

    /// <summary>Word 0x1C as stored (OpenBSD only prints it; Linux ignores it).</summary>
    public ushort CountryRegion => Words[WORD_COUNTRY];
    /// <summary>Word 0x1D b7–0 (0xFF = none).</summary>
    public byte FrequencyOffset => (byte)Words[WORD_FREQ_LED];
    public byte LedMode => (byte)(Words[WORD_FREQ_LED] >> 8);
    public ushort LedAgConf => Words[WORD_LED_AG_CONF] == 0xFFFF ? (ushort)0x5555 : Words[WORD_LED_AG_CONF];
    public ushort LedActConf => Words[WORD_LED_ACT_CONF] == 0xFFFF ? (ushort)0x2221 : Words[WORD_LED_ACT_CONF];
    public ushort LedPolarity => Words[WORD_LED_POLARITY] == 0xFFFF ? (ushort)0xA9F8 : Words[WORD_LED_POLARITY];
}

/// <summary>RF chip names by id (docs/hardware.md §2.4).</summary>
public static class RfNames
{
    public static string Name(uint id) => id switch
    {
        0x0001 => "RF2820", 0x0002 => "RF2850", 0x0003 => "RF2720", 0x0004 => "RF2750", 0x0005 => "RF3020",
        0x0006 => "RF2020", 0x0007 => "RF3021", 0x0008 => "RF3022", 0x0009 => "RF3052", 0x000A => "RF2853",
        0x000B => "RF3320", 0x000C => "RF3322", 0x000D => "RF3053", 0x000F => "RF5592",
        0x3070 or 0x3290 or 0x3853 or 0x5350 or 0x5360 or 0x5362 or 0x5370 or 0x5372 or 0x5390 or 0x5392 or 0x7620 => $"RF{id:X4}",
        _ => $"unknown RF 0x{id:X4}",
    };

    /// <summary>True for the serial RFs programmed through RF_CSR_CFG0 (RT2860 generation).</summary>
    public static bool IsSerialRf(uint id) => id is >= 0x0001 and <= 0x0004 or 0x000A;
}
