using Xunit;
using RtDriver.Transport.Usb;

namespace RtDriver.Tests.Transport.Usb;

/// <summary>The real libusb-1.0 on this machine: loads, initialises and enumerates, whatever the
/// machine has (CI has no USB bus; a developer's laptop has root hubs and devices).</summary>
public class LibUsbRealTests
{
    [Fact]
    public void InitAndEnumerationAreCleanOnThisMachine()
    {
        IReadOnlyList<UsbDeviceInfo> devices;
        try
        {
            devices = UsbEnumeration.List();
        }
        catch (RtException e)
        {
            // Some libusb builds refuse to initialise without usbfs: that must be this clean error, nothing else.
            Assert.Equal(RtStatus.NoDevice, e.Status);
            Assert.StartsWith("libusb_init failed:", e.Message);
            Assert.False(Directory.Exists("/dev/bus/usb"), $"libusb failed although usbfs (/dev/bus/usb) exists: {e.Message}");
            return;
        }
        if (!MachineFacts.HasUsbDevices) Assert.Empty(devices);
    }

    [FactWhen(Needs.UsbDevices)]
    public void EveryEnumeratedDeviceHasABusAddressAndIds()
    {
        var devices = UsbEnumeration.List();
        Assert.NotEmpty(devices); // sysfs lists some (root hubs at least), so libusb must too
        Assert.All(devices, d => Assert.True(d.Address > 0 && d.Bus > 0, $"{d.Spec} {d.Vendor:x4}:{d.Product:x4}"));
    }

    [FactWhen(Needs.LibUsb)]
    public void OpeningAnAbsentDeviceIsNoDeviceNamingTheSpec()
    {
        // Vendor id 0 is reserved and bus 255 does not exist: absent on every machine.
        int present = UsbEnumeration.List().Count;
        var e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:0000:0000"));
        Assert.True(e.Status == RtStatus.NoDevice, e.Message);
        Assert.Equal($"no USB device usb:0000:0000: none is present among {present} USB device(s) (lsusb lists the USB devices present)", e.Message);
        e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:255.127"));
        Assert.Equal(RtStatus.NoDevice, e.Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => UsbTransport.Open("usb:nonsense")).Status);
    }

    [FactWhen(Needs.NoLibUsb)]
    public void WhereLibusbCannotInitialiseOpeningIsACleanNoDevice()
    {
        var e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:148f:3070"));
        Assert.Equal(RtStatus.NoDevice, e.Status);
        Assert.StartsWith("libusb_init failed:", e.Message);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => UsbTransport.Open("usb:nonsense")).Status);
    }

    [Fact]
    public void MissingLibusbNamesThePackage()
    {
        var e = Assert.Throws<RtException>(() => LibUsbLibrary.Require("libusb-1.0-missing-for-test.so.0"));
        Assert.Equal(RtStatus.Unsupported, e.Status);
        Assert.Contains("install the package libusb-1.0-0", e.Message);
        Assert.Contains("libusb-1.0-missing-for-test.so.0", e.Message);
        LibUsbLibrary.Require(LibUsbNative.Lib);   // the real one is installed here
    }

    [Fact]
    public void LibusbErrorNamesComeFromLibusb()
    {
        Assert.Equal("LIBUSB_ERROR_NO_DEVICE", LibUsbNative.ErrorName(LibUsbNative.LIBUSB_ERROR_NO_DEVICE));
        Assert.Equal("LIBUSB_ERROR_ACCESS", LibUsbNative.ErrorName(LibUsbNative.LIBUSB_ERROR_ACCESS));
    }
}
