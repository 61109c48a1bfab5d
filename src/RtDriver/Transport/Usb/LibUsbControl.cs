namespace RtDriver.Transport.Usb;

/// <summary>
/// <see cref="IUsbControl"/> over a real USB device through libusb-1.0: opened by spec, kernel
/// driver (rt2800usb) detached and reattached on close, interface claimed, the vendor control
/// requests as setup packets (bmRequestType 0x40 OUT / 0xC0 IN, docs/hardware.md §3.2) with bounded
/// timeouts, and the bulk endpoints found and ready for the data path. libusb error codes
/// become RtExceptions naming the fix (LIBUSB_ERROR_NO_DEVICE → RT_ERR_DEVICE_GONE,
/// LIBUSB_ERROR_ACCESS → RT_ERR_PERMISSION with the udev rule).
/// </summary>
public sealed unsafe class LibUsbControl : IUsbControl
{
    /// <summary>Timeout for the standard requests made while opening (GET_DESCRIPTOR).</summary>
    public const int OpenRequestTimeoutMs = 1000;

    public const byte RequestTypeVendorOut = 0x40;      // vendor | device | host-to-device
    public const byte RequestTypeVendorIn = 0xC0;       // vendor | device | device-to-host
    public const byte RequestTypeStandardIn = 0x80;     // standard | device | device-to-host
    public const byte RequestGetDescriptor = 6;
    private const int MaxConfigDescriptor = 4096;

    private readonly ILibUsbPipe _pipe;
    private bool _disposed;

    public string Description { get; }

    public ushort Vendor { get; }
    public ushort Product { get; }
    public byte Bus { get; }
    public byte Address { get; }

    /// <summary>The claimed interface's bulk endpoints (RX = first bulk in; TX queues = bulk out, in order).</summary>
    public UsbBulkEndpoints Endpoints { get; }

    internal LibUsbControl(ILibUsbPipe pipe, ushort vendor, ushort product, byte bus, byte address, UsbBulkEndpoints endpoints)
    {
        _pipe = pipe;
        Vendor = vendor;
        Product = product;
        Bus = bus;
        Address = address;
        Endpoints = endpoints;
        Description = UsbSpec.Describe(vendor, product, bus, address);
    }

    /// <summary>Opens "usb:VVVV:PPPP[#N]" or "usb:BUS.ADDR".</summary>
    public static LibUsbControl Open(string spec)
    {
        var parsed = UsbSpec.Parse(spec);
        var context = LibUsbContext.Create();
        LibUsbDeviceHandle? handle = null;
        try
        {
            LibUsbDeviceList.Entry entry;
            using (var list = new LibUsbDeviceList(context))
            {
                entry = Find(list, parsed);
                handle = list.Open(entry);
            }
            var (endpoints, reattach) = Prepare(handle, entry);
            var pipe = new LibUsbPipe(context, handle, endpoints.InterfaceNumber, reattach);
            return new LibUsbControl(pipe, entry.Vendor, entry.Product, entry.Bus, entry.Address, endpoints);
        }
        catch
        {
            handle?.Dispose();
            context.Dispose();
            throw;
        }
    }

    private static LibUsbDeviceList.Entry Find(LibUsbDeviceList list, UsbSpec spec)
    {
        if (spec.ByIds)
        {
            var matches = list.Devices.Where(d => d.Vendor == spec.Vendor && d.Product == spec.Product).ToList();
            if (spec.Index < matches.Count) return matches[spec.Index];
            string have = matches.Count == 0 ? "none is present" : $"only {matches.Count} (#0..#{matches.Count - 1}) present";
            throw new RtException(RtStatus.NoDevice,
                $"no USB device {spec}: {have} among {list.Devices.Count} USB device(s) (lsusb lists the USB devices present)");
        }
        foreach (var d in list.Devices)
            if (d.Bus == spec.Bus && d.Address == spec.Address) return d;
        throw new RtException(RtStatus.NoDevice,
            $"no USB device at bus {spec.Bus} address {spec.Address} ({spec}) among {list.Devices.Count} USB device(s); addresses change on every replug (see lsusb)");
    }

    /// <summary>Configuration, endpoints, kernel driver detach and interface claim — in the order libusb requires.</summary>
    private static (UsbBulkEndpoints, bool) Prepare(LibUsbDeviceHandle handle, LibUsbDeviceList.Entry entry)
    {
        string what = UsbSpec.Describe(entry.Vendor, entry.Product, entry.Bus, entry.Address);
        var ids = (entry.Vendor, entry.Product);
        Check(LibUsbNative.libusb_get_configuration(handle, out int config), $"libusb_get_configuration on {what}", ids);
        if (config == 0)
            Check(LibUsbNative.libusb_set_configuration(handle, 1), $"selecting configuration 1 of {what}", ids);

        var endpoints = UsbConfigDescriptor.ParseBulkEndpoints(ReadConfigDescriptor(handle, what, ids));
        int iface = endpoints.InterfaceNumber;
        bool reattach = false;
        int active = LibUsbNative.libusb_kernel_driver_active(handle, iface);
        if (active == 1)
        {
            // rt2800usb owns it: take it over for this session and give it back on close.
            Check(LibUsbNative.libusb_detach_kernel_driver(handle, iface), $"detaching the kernel driver (rt2800usb) from {what}", ids);
            reattach = true;
        }
        else if (active < 0 && active != LibUsbNative.LIBUSB_ERROR_NOT_SUPPORTED)
        {
            Check(active, $"libusb_kernel_driver_active on {what}", ids);
        }
        int rc = LibUsbNative.libusb_claim_interface(handle, iface);
        if (rc != LibUsbNative.LIBUSB_SUCCESS)
        {
            if (reattach) LibUsbNative.libusb_attach_kernel_driver(handle, iface);
            Check(rc, $"claiming interface {iface} of {what}", ids);
        }
        return (endpoints, reattach);
    }

    private static byte[] ReadConfigDescriptor(LibUsbDeviceHandle handle, string what, (ushort, ushort) ids)
    {
        // GET_DESCRIPTOR(CONFIGURATION, index 0): first the 9-byte header for wTotalLength, then all of it.
        ushort wValue = UsbConfigDescriptor.DescriptorTypeConfig << 8;
        byte* header = stackalloc byte[9];
        int n = LibUsbNative.libusb_control_transfer(handle, RequestTypeStandardIn, RequestGetDescriptor, wValue, 0, header, 9, OpenRequestTimeoutMs);
        Check(n, $"reading the configuration descriptor of {what}", ids);
        if (n < 9) throw new RtException(RtStatus.Io, $"{what}: configuration descriptor header is {n} bytes, expected 9");
        int total = Math.Clamp(header[2] | header[3] << 8, 9, MaxConfigDescriptor);
        var buffer = new byte[total];
        fixed (byte* p = buffer)
            n = LibUsbNative.libusb_control_transfer(handle, RequestTypeStandardIn, RequestGetDescriptor, wValue, 0, p, (ushort)total, OpenRequestTimeoutMs);
        Check(n, $"reading the configuration descriptor of {what}", ids);
        return buffer.AsSpan(0, n).ToArray();
    }

    private static void Check(int rc, string what, (ushort Vendor, ushort Product) ids)
    {
        if (rc < 0) throw LibUsbErrors.ToException(rc, what, ids);
    }

    public int ControlIn(byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
    {
        CheckTransfer(data.Length, timeoutMs);
        int n = _pipe.ControlTransfer(RequestTypeVendorIn, request, value, index, data, (uint)timeoutMs);
        if (n < 0) throw Transfer(n, "IN", request, value, index, data.Length);
        return n;
    }

    public void ControlOut(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int timeoutMs)
    {
        CheckTransfer(data.Length, timeoutMs);
        int n;
        // libusb takes a non-const buffer for both directions; an OUT transfer only reads it.
        fixed (byte* p = data)
            n = _pipe.ControlTransfer(RequestTypeVendorOut, request, value, index, new Span<byte>(p, data.Length), (uint)timeoutMs);
        if (n < 0) throw Transfer(n, "OUT", request, value, index, data.Length);
        if (n != data.Length)
            throw new RtException(RtStatus.Io, $"{Description}: vendor request {request} OUT (wValue 0x{value:x4}, wIndex 0x{index:x4}) sent {n} of {data.Length} bytes");
    }

    /// <summary>A bulk OUT transfer (TX path); returns the bytes sent. A timeout is RT_ERR_TIMEOUT.</summary>
    public int BulkWrite(byte endpoint, ReadOnlySpan<byte> data, int timeoutMs)
    {
        CheckBulk(endpoint, isIn: false, timeoutMs);
        int rc, sent;
        fixed (byte* p = data)
            rc = _pipe.BulkTransfer(endpoint, new Span<byte>(p, data.Length), out sent, (uint)timeoutMs);
        if (rc < 0) throw LibUsbErrors.ToException(rc, $"{Description}: bulk OUT on endpoint 0x{endpoint:x2} ({data.Length} bytes)", (Vendor, Product));
        return sent;
    }

    /// <summary>A bulk IN transfer (RX path); returns the bytes received, 0 when nothing arrived within the timeout.</summary>
    public int BulkRead(byte endpoint, Span<byte> buffer, int timeoutMs)
    {
        CheckBulk(endpoint, isIn: true, timeoutMs);
        int rc = _pipe.BulkTransfer(endpoint, buffer, out int received, (uint)timeoutMs);
        if (rc == LibUsbNative.LIBUSB_ERROR_TIMEOUT) return received;
        if (rc < 0) throw LibUsbErrors.ToException(rc, $"{Description}: bulk IN on endpoint 0x{endpoint:x2}", (Vendor, Product));
        return received;
    }

    /// <summary>Clears a stalled bulk endpoint (after a PIPE error).</summary>
    public void ClearHalt(byte endpoint)
    {
        ThrowIfDisposed();
        int rc = _pipe.ClearHalt(endpoint);
        if (rc < 0) throw LibUsbErrors.ToException(rc, $"{Description}: clearing halt on endpoint 0x{endpoint:x2}", (Vendor, Product));
    }

    private void CheckTransfer(int length, int timeoutMs)
    {
        ThrowIfDisposed();
        if (length > ushort.MaxValue) throw RtException.InvalidArgument($"a control transfer carries at most 65535 bytes, not {length}");
        // libusb treats 0 as "wait forever"; every transfer here must be bounded.
        if (timeoutMs <= 0) throw RtException.InvalidArgument($"USB control timeout {timeoutMs} ms must be positive (0 would mean unbounded)");
    }

    private void CheckBulk(byte endpoint, bool isIn, int timeoutMs)
    {
        ThrowIfDisposed();
        if (timeoutMs <= 0) throw RtException.InvalidArgument($"USB bulk timeout {timeoutMs} ms must be positive (0 would mean unbounded)");
        var list = isIn ? Endpoints.BulkIn : Endpoints.BulkOut;
        if (!list.Any(e => e.Address == endpoint))
            throw RtException.InvalidArgument($"endpoint 0x{endpoint:x2} is not a bulk {(isIn ? "IN" : "OUT")} endpoint of {Description} ({Endpoints})");
    }

    private RtException Transfer(int rc, string dir, byte request, ushort value, ushort index, int length) =>
        LibUsbErrors.ToException(rc, $"{Description}: vendor request {request} {dir} (wValue 0x{value:x4}, wIndex 0x{index:x4}, {length} bytes)", (Vendor, Product));

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new RtException(RtStatus.State, $"{Description}: the USB device was closed");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _pipe.Dispose();
    }
}
