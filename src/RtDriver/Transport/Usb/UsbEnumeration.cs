namespace RtDriver.Transport.Usb;

/// <summary>One USB device as enumeration sees it, with whether we could open it.</summary>
public sealed record UsbDeviceInfo(byte Bus, byte Address, ushort Vendor, ushort Product, ushort BcdDevice,
    bool? Accessible, bool? KernelDriverBound, string? OpenError)
{
    public string Spec => $"usb:{Bus}.{Address}";
}

/// <summary>Lists USB devices through libusb (all of them, or only the RT2870-class ids).</summary>
public static class UsbEnumeration
{
    /// <summary>
    /// Every USB device libusb sees. For devices with a supported id it also tries to open
    /// them, to tell whether permissions suffice and whether rt2800usb holds interface 0.
    /// Throws RtException when libusb is missing or cannot initialise.
    /// </summary>
    public static IReadOnlyList<UsbDeviceInfo> List(bool probeSupported = true)
    {
        using var context = LibUsbContext.Create();
        using var list = new LibUsbDeviceList(context);
        var result = new List<UsbDeviceInfo>(list.Devices.Count);
        foreach (var d in list.Devices)
        {
            bool? accessible = null, kernel = null;
            string? error = null;
            if (probeSupported && Discovery.SupportedIds.UsbName(d.Vendor, d.Product) is not null)
            {
                try
                {
                    using var h = list.Open(d);
                    accessible = true;
                    int active = LibUsbNative.libusb_kernel_driver_active(h, 0);
                    kernel = active == 1 ? true : active == 0 ? false : null;
                }
                catch (RtException e)
                {
                    accessible = e.Status == RtStatus.Permission ? false : null;
                    error = e.Message;
                }
            }
            result.Add(new UsbDeviceInfo(d.Bus, d.Address, d.Vendor, d.Product, d.Descriptor.bcdDevice, accessible, kernel, error));
        }
        return result;
    }
}
