using RtDriver.Transport.Usb;

namespace RtDriver.Tests.Fakes;

/// <summary>
/// The libusb layer below <see cref="LibUsbControl"/>: records raw setup packets (bmRequestType,
/// bRequest, wValue, wIndex, wLength, data), can forward vendor requests to another
/// <see cref="IUsbControl"/> (the emulator's USB flavour) by decoding the direction bit as a
/// device would, and can return libusb error codes.
/// </summary>
internal sealed class RecordingLibUsbPipe : ILibUsbPipe
{
    public record Setup(byte RequestType, byte Request, ushort Value, ushort Index, ushort Length, byte[] Data, uint TimeoutMs);

    public List<Setup> Setups { get; } = new();
    public IUsbControl? Device { get; init; }
    /// <summary>libusb return code for the next transfers (negative = LIBUSB_ERROR_*), consumed one per call.</summary>
    public Queue<int> Errors { get; } = new();
    public bool Disposed;

    public int ControlTransfer(byte bmRequestType, byte bRequest, ushort wValue, ushort wIndex, Span<byte> data, uint timeoutMs)
    {
        bool isIn = (bmRequestType & 0x80) != 0;
        Setups.Add(new Setup(bmRequestType, bRequest, wValue, wIndex, (ushort)data.Length, isIn ? [] : data.ToArray(), timeoutMs));
        if (Errors.Count > 0) return Errors.Dequeue();
        if (Device is null) return data.Length;
        try
        {
            if (isIn) return Device.ControlIn(bRequest, wValue, wIndex, data, (int)timeoutMs);
            Device.ControlOut(bRequest, wValue, wIndex, data, (int)timeoutMs);
            return data.Length;
        }
        catch (RtException)
        {
            return LibUsbNative.LIBUSB_ERROR_PIPE;   // what a device's STALL looks like through libusb
        }
    }

    public int BulkTransfer(byte endpoint, Span<byte> data, out int transferred, uint timeoutMs)
    {
        Setups.Add(new Setup(endpoint, 0, 0, 0, (ushort)data.Length, (endpoint & 0x80) != 0 ? [] : data.ToArray(), timeoutMs));
        if (Errors.Count > 0) { transferred = 0; return Errors.Dequeue(); }
        transferred = data.Length;
        return 0;
    }

    public int ClearHalt(byte endpoint) => 0;

    public void Dispose() => Disposed = true;

    public static UsbBulkEndpoints Rt2870Endpoints => new(0,
        [new UsbEndpoint(0x81, 512)],
        [new UsbEndpoint(0x01, 512), new UsbEndpoint(0x02, 512), new UsbEndpoint(0x03, 512), new UsbEndpoint(0x04, 512)]);

    public LibUsbControl Control() => new(this, 0x148f, 0x3070, 1, 4, Rt2870Endpoints);
}
