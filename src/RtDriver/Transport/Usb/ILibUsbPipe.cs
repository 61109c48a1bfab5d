namespace RtDriver.Transport.Usb;

/// <summary>
/// The raw libusb calls <see cref="LibUsbControl"/> makes on an opened, claimed device, with
/// libusb's return conventions (≥ 0 bytes, &lt; 0 a LIBUSB_ERROR code). The real one is
/// <see cref="LibUsbPipe"/>; tests substitute a recorder that sees the exact setup packets
/// (bmRequestType, bRequest, wValue, wIndex, wLength) and can inject libusb error codes.
/// </summary>
internal interface ILibUsbPipe : IDisposable
{
    int ControlTransfer(byte bmRequestType, byte bRequest, ushort wValue, ushort wIndex, Span<byte> data, uint timeoutMs);

    int BulkTransfer(byte endpoint, Span<byte> data, out int transferred, uint timeoutMs);

    int ClearHalt(byte endpoint);
}
