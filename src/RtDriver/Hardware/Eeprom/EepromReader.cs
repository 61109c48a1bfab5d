using RtDriver.Hardware.Chip;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Eeprom;

/// <summary>
/// Reads the configuration image from wherever the chip keeps it (docs/hardware.md §4.1): PCI — eFuse when
/// EFUSE_CTRL b31 is set, else the serial EEPROM; USB — eFuse when the firmware autoruns from ROM
/// or EFUSE_CTRL b31 is set, else USB_EEPROM_READ (512 bytes in one request).
/// </summary>
public static class EepromReader
{
    public static EepromContents Read(IRegisterBus bus, ChipIdentity chip)
    {
        var words = new ushort[EepromContents.WordCount];
        var efuse = chip.ChipId == 0x3290 ? Efuse.Rt3290 : Efuse.Standard;
        ConfigSource source;
        if (bus is IUsbDeviceRequests usb)
        {
            bool autorun = (usb.QueryAutorun() & UsbVendorRequest.USB_AUTORUN_MASK) == UsbVendorRequest.USB_AUTORUN_FROM_ROM;
            if (autorun || Efuse.IsSelected(bus, efuse))
            {
                source = ConfigSource.Efuse;
                Efuse.Read(bus, efuse, words);
            }
            else
            {
                source = ConfigSource.UsbEeprom;
                var bytes = new byte[words.Length * 2];
                usb.ReadEeprom(0, bytes);
                for (int i = 0; i < words.Length; i++) words[i] = (ushort)(bytes[2 * i] | bytes[2 * i + 1] << 8);
            }
        }
        else if (Efuse.IsSelected(bus, efuse))
        {
            source = ConfigSource.Efuse;
            Efuse.Read(bus, efuse, words);
        }
        else
        {
            source = SerialEeprom.TypeOf(bus);
            SerialEeprom.Read(bus, source, words);
        }
        return new EepromContents(words, source, chip.ChipId);
    }
}
