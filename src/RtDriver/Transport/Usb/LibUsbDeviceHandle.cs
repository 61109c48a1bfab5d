using System.Runtime.InteropServices;

namespace RtDriver.Transport.Usb;

/// <summary>A libusb_device_handle (an opened device). Holds a reference on its context until closed.</summary>
internal sealed class LibUsbDeviceHandle : SafeHandle
{
    private LibUsbContext? _context;

    public LibUsbDeviceHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    /// <summary>Adopts a raw handle from libusb_open and AddRefs the context it came from.</summary>
    public static LibUsbDeviceHandle Adopt(nint raw, LibUsbContext context)
    {
        var h = new LibUsbDeviceHandle();
        bool added = false;
        context.DangerousAddRef(ref added);
        h._context = context;
        h.SetHandle(raw);
        return h;
    }

    protected override bool ReleaseHandle()
    {
        LibUsbNative.libusb_close(handle);
        _context?.DangerousRelease();
        return true;
    }
}
