namespace RtDriver.Transport.Usb;

/// <summary>
/// <see cref="IUsbControl"/> over a real USB device through libusb-1.0: opened by spec, kernel
/// driver (rt2800usb) detached and reattached on close, interface claimed, the vendor control
/// requests with bounded timeouts, and the bulk endpoints found and ready for the data path.
/// </summary>
public sealed unsafe class LibUsbControl : IUsbControl
{
    /// <summary>Timeout for the standard requests made while opening (GET_DESCRIPTOR).</summary>
    public const int OpenRequestTimeoutMs = 1000;

    private const byte RequestTypeVendorOut = 0x40;      // vendor | device | host-to-device
    private const byte RequestTypeVendorIn = 0xC0;       // vendor | device | device-to-host
    private const byte RequestTypeStandardIn = 0x80;     // standard | device | device-to-host
    private const byte RequestGetDescriptor = 6;
    private const int MaxConfigDescriptor = 4096;

    private readonly LibUsbContext _context;
    private readonly LibUsbDeviceHandle _handle;
    private readonly bool _reattachKernelDriver;
    private bool _disposed;

    public string Description { get; }

    public ushort Vendor { get; }
    public ushort Product { get; }
    public byte Bus { get; }
    public byte Address { get; }

    /// <summary>The claimed interface's bulk endpoints (RX = first bulk in; TX queues = bulk out, in order).</summary>
    public UsbBulkEndpoints Endpoints { get; }

    private LibUsbControl(LibUsbContext context, LibUsbDeviceHandle handle, LibUsbDeviceList.Entry entry, UsbBulkEndpoints endpoints, bool reattach)
    {
        _context = context;
        _handle = handle;
        Vendor = entry.Vendor;
        Product = entry.Product;
        Bus = entry.Bus;
        Address = entry.Address;
        Endpoints = endpoints;
        _reattachKernelDriver = reattach;
        Description = UsbSpec.Describe(Vendor, Product, Bus, Address);
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
            return new LibUsbControl(context, handle, entry, endpoints, reattach);
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
                $"no USB device {spec}: {have} among {list.Devices.Count} USB device(s) (see rtprobe list or lsusb)");
        }
        foreach (var d in list.Devices)
            if (d.Bus == spec.Bus && d.Address == spec.Address) return d;
        throw new RtException(RtStatus.NoDevice,
            $"no USB device at bus {spec.Bus} address {spec.Address} ({spec}); addresses change on every replug (see lsusb)");
    }

    /// <summary>Configuration, endpoints, kernel driver detach and interface claim — in the order libusb requires.</summary>
    private static (UsbBulkEndpoints, bool) Prepare(LibUsbDeviceHandle handle, LibUsbDeviceList.Entry entry)
    {
        string what = UsbSpec.Describe(entry.Vendor, entry.Product, entry.Bus, entry.Address);
        Check(LibUsbNative.libusb_get_configuration(handle, out int config), $"libusb_get_configuration on {what}", entry);
        if (config == 0)
            Check(LibUsbNative.libusb_set_configuration(handle, 1), $"selecting configuration 1 of {what}", entry);

        var endpoints = UsbConfigDescriptor.ParseBulkEndpoints(ReadConfigDescriptor(handle, what, entry));
        int iface = endpoints.InterfaceNumber;
        bool reattach = false;
        int active = LibUsbNative.libusb_kernel_driver_active(handle, iface);
        if (active == 1)
        {
            // rt2800usb owns it: take it over for this session and give it back on close.
            Check(LibUsbNative.libusb_detach_kernel_driver(handle, iface), $"detaching the kernel driver (rt2800usb) from {what}", entry);
            reattach = true;
        }
        else if (active < 0 && active != LibUsbNative.LIBUSB_ERROR_NOT_SUPPORTED)
        {
            Check(active, $"libusb_kernel_driver_active on {what}", entry);
        }
        int rc = LibUsbNative.libusb_claim_interface(handle, iface);
        if (rc != LibUsbNative.LIBUSB_SUCCESS)
        {
            if (reattach) LibUsbNative.libusb_attach_kernel_driver(handle, iface);
            Check(rc, $"claiming interface {iface} of {what}", entry);
        }
        return (endpoints, reattach);
    }

    private static byte[] ReadConfigDescriptor(LibUsbDeviceHandle handle, string what, LibUsbDeviceList.Entry entry)
    {
        // GET_DESCRIPTOR(CONFIGURATION, index 0): first the 9-byte header for wTotalLength, then all of it.
        ushort wValue = UsbConfigDescriptor.DescriptorTypeConfig << 8;
        byte* header = stackalloc byte[9];
        int n = LibUsbNative.libusb_control_transfer(handle, RequestTypeStandardIn, RequestGetDescriptor, wValue, 0, header, 9, OpenRequestTimeoutMs);
        if (n < 0) Check(n, $"reading the configuration descriptor of {what}", entry);
        if (n < 9) throw new RtException(RtStatus.Io, $"{what}: configuration descriptor header is {n} bytes, expected 9");
        int total = Math.Clamp(header[2] | header[3] << 8, 9, MaxConfigDescriptor);
        var buffer = new byte[total];
        fixed (byte* p = buffer)
        {
            n = LibUsbNative.libusb_control_transfer(handle, RequestTypeStandardIn, RequestGetDescriptor, wValue, 0, p, (ushort)total, OpenRequestTimeoutMs);
        }
        if (n < 0) Check(n, $"reading the configuration descriptor of {what}", entry);
        return buffer.AsSpan(0, n).ToArray();
    }

    private static void Check(int rc, string what, LibUsbDeviceList.Entry entry)
    {
        if (rc < 0) throw LibUsbErrors.ToException(rc, what, (entry.Vendor, entry.Product));
    }

    public int ControlIn(byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
    {
        CheckTransfer(data.Length, timeoutMs);
        int n;
        fixed (byte* p = data)
            n = LibUsbNative.libusb_control_transfer(_handle, RequestTypeVendorIn, request, value, index, p, (ushort)data.Length, (uint)timeoutMs);
        if (n < 0) throw Transfer(n, "IN", request, value, index);
        return n;
    }

    public void ControlOut(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int timeoutMs)
    {
        CheckTransfer(data.Length, timeoutMs);
        int n;
        fixed (byte* p = data)
            n = LibUsbNative.libusb_control_transfer(_handle, RequestTypeVendorOut, request, value, index, p, (ushort)data.Length, (uint)timeoutMs);
        if (n < 0) throw Transfer(n, "OUT", request, value, index);
        if (n != data.Length)
            throw new RtException(RtStatus.Io, $"{Description}: vendor request {request} OUT (wValue 0x{value:x4}, wIndex 0x{index:x4}) sent {n} of {data.Length} bytes");
    }

    /// <summary>A bulk OUT transfer (TX path); returns the bytes sent. A timeout is RT_ERR_TIMEOUT.</summary>
    public int BulkWrite(byte endpoint, ReadOnlySpan<byte> data, int timeoutMs)
    {
        CheckBulk(endpoint, isIn: false, timeoutMs);
        int rc, sent;
        fixed (byte* p = data)
            rc = LibUsbNative.libusb_bulk_transfer(_handle, endpoint, p, data.Length, out sent, (uint)timeoutMs);
        if (rc < 0) throw LibUsbErrors.ToException(rc, $"{Description}: bulk OUT on endpoint 0x{endpoint:x2} ({data.Length} bytes)", (Vendor, Product));
        return sent;
    }

    /// <summary>A bulk IN transfer (RX path); returns the bytes received, 0 when nothing arrived within the timeout.</summary>
    public int BulkRead(byte endpoint, Span<byte> buffer, int timeoutMs)
    {
        CheckBulk(endpoint, isIn: true, timeoutMs);
        int rc, received;
        fixed (byte* p = buffer)
            rc = LibUsbNative.libusb_bulk_transfer(_handle, endpoint, p, buffer.Length, out received, (uint)timeoutMs);
        if (rc == LibUsbNative.LIBUSB_ERROR_TIMEOUT) return received;
        if (rc < 0) throw LibUsbErrors.ToException(rc, $"{Description}: bulk IN on endpoint 0x{endpoint:x2}", (Vendor, Product));
        return received;
    }

    /// <summary>Clears a stalled bulk endpoint (after LIBUSB_ERROR_PIPE).</summary>
    public void ClearHalt(byte endpoint)
    {
        ThrowIfDisposed();
        int rc = LibUsbNative.libusb_clear_halt(_handle, endpoint);
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

    private RtException Transfer(int rc, string dir, byte request, ushort value, ushort index) =>
        LibUsbErrors.ToException(rc, $"{Description}: vendor request {request} {dir} (wValue 0x{value:x4}, wIndex 0x{index:x4})", (Vendor, Product));

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new RtException(RtStatus.State, $"{Description}: the USB device was closed");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LibUsbNative.libusb_release_interface(_handle, Endpoints.InterfaceNumber);
        if (_reattachKernelDriver) LibUsbNative.libusb_attach_kernel_driver(_handle, Endpoints.InterfaceNumber);
        _handle.Dispose();
        _context.Dispose();
    }
}
