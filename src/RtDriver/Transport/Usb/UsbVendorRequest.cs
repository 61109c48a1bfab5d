namespace RtDriver.Transport.Usb;

/// <summary>USB vendor control requests (bRequest) and USB_DEVICE_MODE values, docs/hardware.md §3.2.</summary>
public static class UsbVendorRequest
{
    public const byte USB_DEVICE_MODE = 1;
    public const byte USB_SINGLE_WRITE = 2;
    public const byte USB_SINGLE_READ = 3;
    public const byte USB_MULTI_WRITE = 6;
    public const byte USB_MULTI_READ = 7;
    public const byte USB_EEPROM_WRITE = 8;
    public const byte USB_EEPROM_READ = 9;
    public const byte USB_RX_CONTROL = 12;

    public const ushort USB_MODE_RESET = 1;
    public const ushort USB_MODE_UNPLUG = 2;
    public const ushort USB_MODE_FUNCTION = 3;
    public const ushort USB_MODE_TEST = 4;
    /// <summary>Start the 8051 from the freshly written image.</summary>
    public const ushort USB_MODE_FIRMWARE = 8;
    /// <summary>IN, 4 bytes: (value &amp; 3) == 2 means the firmware already runs from ROM.</summary>
    public const ushort USB_MODE_AUTORUN = 0x11;
    public const uint USB_AUTORUN_MASK = 3;
    public const uint USB_AUTORUN_FROM_ROM = 2;

    /// <summary>Linux CSR_CACHE_SIZE: bulk register transfers are split into chunks of at most this many bytes.</summary>
    public const int CSR_CACHE_SIZE = 64;

    /// <summary>Per-register budget; each attempt uses half of it and is retried until it is spent (Linux REGISTER_TIMEOUT).</summary>
    public const int REGISTER_TIMEOUT_MS = 100;
    /// <summary>DEVICE_MODE requests (Linux REGISTER_TIMEOUT_FIRMWARE).</summary>
    public const int REGISTER_TIMEOUT_FIRMWARE_MS = 1000;
    public const int EEPROM_TIMEOUT_MS = 2000;
    /// <summary>More than this many consecutive failed transfers marks the device gone (Linux).</summary>
    public const int MAX_CONSECUTIVE_FAILURES = 3;
}
