namespace RtDriver.Transport.Usb;

/// <summary>
/// The RT2870-class requests that are not register accesses (docs/hardware.md §3.2): USB_DEVICE_MODE and the
/// EEPROM read. Implemented by <see cref="UsbRegisterBus"/>; hardware sequences test
/// <c>bus is IUsbDeviceRequests</c> to take the USB variant of a step.
/// </summary>
public interface IUsbDeviceRequests
{
    /// <summary>USB_DEVICE_MODE OUT with the given mode (RESET, FIRMWARE, …); 1000 ms timeout.</summary>
    void DeviceMode(ushort mode);

    /// <summary>USB_DEVICE_MODE IN wValue AUTORUN: the 4-byte answer.</summary>
    uint QueryAutorun();

    /// <summary>USB_EEPROM_READ: reads <paramref name="data"/>.Length bytes from EEPROM byte offset <paramref name="byteOffset"/>.</summary>
    void ReadEeprom(ushort byteOffset, Span<byte> data);
}
