namespace RtDriver.Transport.Usb;

/// <summary>libusb error codes as RtExceptions whose message names the fix.</summary>
internal static class LibUsbErrors
{
    public static RtException ToException(int code, string what, (ushort Vendor, ushort Product)? ids)
    {
        string name = LibUsbNative.ErrorName(code);
        return code switch
        {
            LibUsbNative.LIBUSB_ERROR_NO_DEVICE => new RtException(RtStatus.DeviceGone,
                $"{what}: {name} — the USB device was unplugged (or reset and re-enumerated); plug it in and open it again"),
            LibUsbNative.LIBUSB_ERROR_ACCESS => new RtException(RtStatus.Permission,
                $"{what}: {name} — no permission on the USB device node; run as root or install the udev rule: " +
                (ids is { } i ? UsbSetupAdvice.UdevRuleInstruction(i.Vendor, i.Product) : UsbSetupAdvice.UdevRuleInstruction(null, null))),
            LibUsbNative.LIBUSB_ERROR_TIMEOUT => new RtException(RtStatus.Timeout, $"{what}: {name} — the device did not answer in time"),
            LibUsbNative.LIBUSB_ERROR_BUSY => new RtException(RtStatus.State,
                $"{what}: {name} — the interface is claimed by another program or driver (another rtdriver? rt2800usb?)"),
            LibUsbNative.LIBUSB_ERROR_NOT_FOUND => new RtException(RtStatus.NoDevice, $"{what}: {name}"),
            LibUsbNative.LIBUSB_ERROR_NO_MEM => new RtException(RtStatus.NoMemory, $"{what}: {name}"),
            LibUsbNative.LIBUSB_ERROR_PIPE => new RtException(RtStatus.Io, $"{what}: {name} — the device stalled the request (it rejected it)"),
            LibUsbNative.LIBUSB_ERROR_NOT_SUPPORTED => new RtException(RtStatus.Unsupported, $"{what}: {name}"),
            _ => new RtException(RtStatus.Io, $"{what}: {name}"),
        };
    }
}
