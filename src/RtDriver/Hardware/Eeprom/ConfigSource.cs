namespace RtDriver.Hardware.Eeprom;

/// <summary>Where the 256-word configuration image was read from (docs/hardware.md §4.1).</summary>
public enum ConfigSource
{
    /// <summary>93C46 serial EEPROM (6 address bits, 64 words) via E2PROM_CSR.</summary>
    Eeprom93C46,
    /// <summary>93C66 serial EEPROM (8 address bits) via E2PROM_CSR.</summary>
    Eeprom93C66,
    /// <summary>93C86 (other TYPE values; 10 address bits) via E2PROM_CSR.</summary>
    Eeprom93C86,
    /// <summary>eFuse blocks via EFUSE_CTRL kicks.</summary>
    Efuse,
    /// <summary>USB_EEPROM_READ vendor request.</summary>
    UsbEeprom,
}
