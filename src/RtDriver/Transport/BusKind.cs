namespace RtDriver.Transport;

/// <summary>How a device is reached; the values are rt_device_info.bus.</summary>
public enum BusKind : ushort
{
    Emulator = 0,
    PciVfio = 1,
    PciUio = 2,
    Usb = 3,
}
