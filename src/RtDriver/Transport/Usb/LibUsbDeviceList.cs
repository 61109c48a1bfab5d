namespace RtDriver.Transport.Usb;

/// <summary>
/// One libusb_get_device_list snapshot with each device's bus, address and descriptor.
/// Freed (and the devices unreferenced) on Dispose; a device opened from it stays valid
/// because libusb_open takes its own reference.
/// </summary>
internal sealed unsafe class LibUsbDeviceList : IDisposable
{
    private readonly LibUsbContext _context;
    private nint _list;
    private readonly bool _addedRef;

    public IReadOnlyList<Entry> Devices { get; }

    public readonly record struct Entry(nint Device, byte Bus, byte Address, LibUsbNative.DeviceDescriptor Descriptor)
    {
        public ushort Vendor => Descriptor.idVendor;
        public ushort Product => Descriptor.idProduct;
    }

    public LibUsbDeviceList(LibUsbContext context)
    {
        _context = context;
        context.DangerousAddRef(ref _addedRef);
        nint count = LibUsbNative.libusb_get_device_list(context, out _list);
        if (count < 0)
        {
            Dispose();
            throw LibUsbErrors.ToException((int)count, "libusb_get_device_list", null);
        }
        var devices = new List<Entry>((int)count);
        nint* array = (nint*)_list;
        for (int i = 0; i < (int)count; i++)
        {
            nint dev = array[i];
            if (LibUsbNative.libusb_get_device_descriptor(dev, out var desc) != LibUsbNative.LIBUSB_SUCCESS) continue;
            devices.Add(new Entry(dev, LibUsbNative.libusb_get_bus_number(dev), LibUsbNative.libusb_get_device_address(dev), desc));
        }
        devices.Sort((a, b) => a.Bus != b.Bus ? a.Bus.CompareTo(b.Bus) : a.Address.CompareTo(b.Address));
        Devices = devices;
    }

    /// <summary>libusb_open on one entry; errors name the fix (udev rule, unplugged).</summary>
    public LibUsbDeviceHandle Open(Entry entry)
    {
        int rc = LibUsbNative.libusb_open(entry.Device, out nint raw);
        if (rc != LibUsbNative.LIBUSB_SUCCESS)
            throw LibUsbErrors.ToException(rc, $"libusb_open of {UsbSpec.Describe(entry.Vendor, entry.Product, entry.Bus, entry.Address)}", (entry.Vendor, entry.Product));
        return LibUsbDeviceHandle.Adopt(raw, _context);
    }

    public void Dispose()
    {
        if (_list != 0)
        {
            LibUsbNative.libusb_free_device_list(_list, 1);
            _list = 0;
        }
        if (_addedRef) _context.DangerousRelease();
    }
}
