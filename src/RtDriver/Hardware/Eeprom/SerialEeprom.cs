using RtDriver.Hardware.Registers;
using RtDriver.Transport;

namespace RtDriver.Hardware.Eeprom;

/// <summary>
/// A 93Cx6 serial EEPROM bit-banged through E2PROM_CSR (docs/hardware.md §4.2): chip select high, start bit 1,
/// READ opcode 10, the address MSB first (6 bits for 93C46, 8 for 93C66, 10 for 93C86), then 16
/// data bits MSB first, each sampled from Q while the clock is high; chip select low. Every
/// clock edge is held for at least 1 µs (OpenBSD's minimum).
/// </summary>
public static class SerialEeprom
{
    public const int HoldMicroseconds = 1;
    private const uint S = RtReg.E2PROM_CSR_CHIP_SELECT, C = RtReg.E2PROM_CSR_DATA_CLOCK, D = RtReg.E2PROM_CSR_DATA_IN;

    public static ConfigSource TypeOf(IRegisterBus bus) =>
        RtReg.E2PROM_CSR_TYPE.Get(bus.ReadChecked(RtReg.E2PROM_CSR, "E2PROM_CSR read")) switch
        {
            0 => ConfigSource.Eeprom93C46,
            1 => ConfigSource.Eeprom93C66,
            _ => ConfigSource.Eeprom93C86,
        };

    public static int AddressBits(ConfigSource type) => type switch
    {
        ConfigSource.Eeprom93C46 => 6,
        ConfigSource.Eeprom93C66 => 8,
        ConfigSource.Eeprom93C86 => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(type), $"{type} is not a serial EEPROM"),
    };

    /// <summary>Reads <paramref name="words"/>.Length words from word 0; words beyond the part's size read 0xFFFF.</summary>
    public static void Read(IRegisterBus bus, ConfigSource type, Span<ushort> words)
    {
        int bits = AddressBits(type);
        int size = 1 << bits;
        for (int w = 0; w < words.Length; w++)
            words[w] = w < size ? ReadWord(bus, bits, w) : (ushort)0xFFFF;
    }

    public static ushort ReadWord(IRegisterBus bus, int addressBits, int word)
    {
        var timing = bus.Timing();
        void Put(uint v) { bus.Write32(RtReg.E2PROM_CSR, v); timing.DelayMicroseconds(HoldMicroseconds); }
        void Bit(bool one)
        {
            uint d = one ? D : 0;
            Put(S | d);
            Put(S | d | C);
            Put(S | d);
        }

        Put(0);
        Put(S);
        Bit(true);                     // start bit
        Bit(true); Bit(false);         // READ opcode 10
        for (int i = addressBits - 1; i >= 0; i--) Bit(((word >> i) & 1) != 0);
        int data = 0;
        for (int i = 0; i < 16; i++)
        {
            Put(S | C);
            uint v = bus.ReadChecked(RtReg.E2PROM_CSR, $"EEPROM word 0x{word:X2} read");
            data = (data << 1) | ((v & RtReg.E2PROM_CSR_DATA_OUT) != 0 ? 1 : 0);
            Put(S);
        }
        Put(0);                        // deselect
        return (ushort)data;
    }
}
