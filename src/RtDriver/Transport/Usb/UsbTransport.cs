namespace RtDriver.Transport.Usb;

/// <summary>Opens a USB NIC ("usb:VVVV:PPPP[#N]" or "usb:BUS.ADDR") as an <see cref="IRegisterBus"/>: the vendor-request encoding over libusb.</summary>
public static class UsbTransport
{
    public static IRegisterBus Open(string spec)
    {
        var control = LibUsbControl.Open(spec);
        try
        {
            return new UsbRegisterBus(control);
        }
        catch
        {
            control.Dispose();
            throw;
        }
    }
}
