namespace RtDriver.Transport.Usb;

/// <summary>
/// An opened, claimed libusb device: the pipe <see cref="LibUsbControl"/> talks through. On
/// Dispose it releases the interface, gives the interface back to the kernel driver when it
/// was detached at open (rt2800usb), then closes the handle and the context.
/// </summary>
internal sealed unsafe class LibUsbPipe : ILibUsbPipe
{
    private readonly LibUsbContext _context;
    private readonly LibUsbDeviceHandle _handle;
    private readonly int _interface;
    private readonly bool _reattachKernelDriver;
    private bool _disposed;

    public LibUsbPipe(LibUsbContext context, LibUsbDeviceHandle handle, int interfaceNumber, bool reattachKernelDriver)
    {
        _context = context;
        _handle = handle;
        _interface = interfaceNumber;
        _reattachKernelDriver = reattachKernelDriver;
    }

    public int ControlTransfer(byte bmRequestType, byte bRequest, ushort wValue, ushort wIndex, Span<byte> data, uint timeoutMs)
    {
        fixed (byte* p = data)
            return LibUsbNative.libusb_control_transfer(_handle, bmRequestType, bRequest, wValue, wIndex, p, (ushort)data.Length, timeoutMs);
    }

    public int BulkTransfer(byte endpoint, Span<byte> data, out int transferred, uint timeoutMs)
    {
        fixed (byte* p = data)
            return LibUsbNative.libusb_bulk_transfer(_handle, endpoint, p, data.Length, out transferred, timeoutMs);
    }

    public int ClearHalt(byte endpoint) => LibUsbNative.libusb_clear_halt(_handle, endpoint);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LibUsbNative.libusb_release_interface(_handle, _interface);
        if (_reattachKernelDriver) LibUsbNative.libusb_attach_kernel_driver(_handle, _interface);
        _handle.Dispose();
        _context.Dispose();
    }
}
