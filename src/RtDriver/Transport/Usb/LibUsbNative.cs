using System.Runtime.InteropServices;

namespace RtDriver.Transport.Usb;

/// <summary>
/// libusb-1.0 bound with source-generated [LibraryImport] (AOT-safe, no runtime stubs).
/// Only the synchronous API is used: every transfer carries an explicit timeout, so no call
/// can block forever. Handles are SafeHandles so a context outlives every device handle made
/// from it and nothing is freed twice.
/// </summary>
internal static unsafe partial class LibUsbNative
{
    /// <summary>The soname of the runtime package (Debian/Ubuntu: libusb-1.0-0).</summary>
    public const string Lib = "libusb-1.0.so.0";

    public const int LIBUSB_SUCCESS = 0;
    public const int LIBUSB_ERROR_IO = -1;
    public const int LIBUSB_ERROR_INVALID_PARAM = -2;
    public const int LIBUSB_ERROR_ACCESS = -3;
    public const int LIBUSB_ERROR_NO_DEVICE = -4;
    public const int LIBUSB_ERROR_NOT_FOUND = -5;
    public const int LIBUSB_ERROR_BUSY = -6;
    public const int LIBUSB_ERROR_TIMEOUT = -7;
    public const int LIBUSB_ERROR_OVERFLOW = -8;
    public const int LIBUSB_ERROR_PIPE = -9;
    public const int LIBUSB_ERROR_INTERRUPTED = -10;
    public const int LIBUSB_ERROR_NO_MEM = -11;
    public const int LIBUSB_ERROR_NOT_SUPPORTED = -12;
    public const int LIBUSB_ERROR_OTHER = -99;

    /// <summary>struct libusb_device_descriptor (USB 2.0 §9.6.1), 18 bytes with natural alignment.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DeviceDescriptor
    {
        public byte bLength;
        public byte bDescriptorType;
        public ushort bcdUSB;
        public byte bDeviceClass;
        public byte bDeviceSubClass;
        public byte bDeviceProtocol;
        public byte bMaxPacketSize0;
        public ushort idVendor;
        public ushort idProduct;
        public ushort bcdDevice;
        public byte iManufacturer;
        public byte iProduct;
        public byte iSerialNumber;
        public byte bNumConfigurations;
    }

    [LibraryImport(Lib)]
    public static partial int libusb_init(out LibUsbContext ctx);

    [LibraryImport(Lib)]
    public static partial void libusb_exit(nint ctx);

    [LibraryImport(Lib)]
    public static partial nint libusb_error_name(int code);

    [LibraryImport(Lib)]
    public static partial nint libusb_get_device_list(LibUsbContext ctx, out nint list);

    [LibraryImport(Lib)]
    public static partial void libusb_free_device_list(nint list, int unrefDevices);

    [LibraryImport(Lib)]
    public static partial int libusb_get_device_descriptor(nint device, out DeviceDescriptor descriptor);

    [LibraryImport(Lib)]
    public static partial byte libusb_get_bus_number(nint device);

    [LibraryImport(Lib)]
    public static partial byte libusb_get_device_address(nint device);

    [LibraryImport(Lib)]
    public static partial int libusb_open(nint device, out nint handle);

    [LibraryImport(Lib)]
    public static partial void libusb_close(nint handle);

    [LibraryImport(Lib)]
    public static partial int libusb_get_configuration(LibUsbDeviceHandle handle, out int config);

    [LibraryImport(Lib)]
    public static partial int libusb_set_configuration(LibUsbDeviceHandle handle, int config);

    [LibraryImport(Lib)]
    public static partial int libusb_kernel_driver_active(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Lib)]
    public static partial int libusb_detach_kernel_driver(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Lib)]
    public static partial int libusb_attach_kernel_driver(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Lib)]
    public static partial int libusb_claim_interface(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Lib)]
    public static partial int libusb_release_interface(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Lib)]
    public static partial int libusb_clear_halt(LibUsbDeviceHandle handle, byte endpoint);

    [LibraryImport(Lib)]
    public static partial int libusb_control_transfer(LibUsbDeviceHandle handle, byte bmRequestType, byte bRequest,
        ushort wValue, ushort wIndex, byte* data, ushort wLength, uint timeoutMs);

    [LibraryImport(Lib)]
    public static partial int libusb_bulk_transfer(LibUsbDeviceHandle handle, byte endpoint, byte* data, int length,
        out int transferred, uint timeoutMs);

    /// <summary>"LIBUSB_ERROR_ACCESS" for a code (libusb's own static strings).</summary>
    public static string ErrorName(int code)
    {
        try
        {
            return Marshal.PtrToStringUTF8(libusb_error_name(code)) ?? $"libusb error {code}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"libusb error {code}";
        }
    }
}
