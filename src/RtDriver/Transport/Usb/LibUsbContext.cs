using System.Runtime.InteropServices;

namespace RtDriver.Transport.Usb;

/// <summary>
/// A libusb_context. Each LibUsbControl / enumeration owns its own, so closing one device never
/// pulls the context from under another. Device lists and handles AddRef it, so libusb_exit
/// runs only after the last of them is freed.
/// </summary>
internal sealed class LibUsbContext : SafeHandle
{
    public LibUsbContext() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LibUsbNative.libusb_exit(handle);
        return true;
    }

    /// <summary>
    /// libusb_init. A missing libusb becomes RT_ERR_UNSUPPORTED naming the package; an init
    /// failure (no usbfs at all on some libusb versions) becomes RT_ERR_NO_DEVICE with libusb's reason.
    /// </summary>
    public static LibUsbContext Create()
    {
        LibUsbLibrary.Require(LibUsbNative.Lib);
        int rc;
        LibUsbContext ctx;
        try
        {
            rc = LibUsbNative.libusb_init(out ctx);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw LibUsbLibrary.Missing(LibUsbNative.Lib, e);
        }
        if (rc != LibUsbNative.LIBUSB_SUCCESS)
        {
            ctx.SetHandleAsInvalid();
            throw new RtException(rc == LibUsbNative.LIBUSB_ERROR_NO_MEM ? RtStatus.NoMemory : RtStatus.NoDevice,
                $"libusb_init failed: {LibUsbNative.ErrorName(rc)} — no usable USB subsystem (is /dev/bus/usb present?)");
        }
        return ctx;
    }
}
