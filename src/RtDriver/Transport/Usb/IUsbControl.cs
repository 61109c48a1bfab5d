namespace RtDriver.Transport.Usb;

/// <summary>
/// A USB device's default control pipe, as the RT2870-class vendor requests need it. The real
/// implementation is libusb-1.0; the emulator's USB flavour implements it too, so the request
/// encoding (UsbRegisterBus) is the same code for both.
/// </summary>
public interface IUsbControl : IDisposable
{
    string Description { get; }

    /// <summary>A device-to-host vendor request (bmRequestType 0xC0). Returns the bytes received.</summary>
    int ControlIn(byte request, ushort value, ushort index, Span<byte> data, int timeoutMs);

    /// <summary>A host-to-device vendor request (bmRequestType 0x40).</summary>
    void ControlOut(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int timeoutMs);
}
