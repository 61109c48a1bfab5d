using Xunit;
using RtDriver.Transport.Usb;

namespace RtDriver.Tests.Transport;

/// <summary>The real libusb-1.0 on this machine: loads, initialises and enumerates (this machine has no USB bus).</summary>
public class LibUsbRealTests
{
    private static bool MachineHasUsbBus => Directory.Exists("/sys/bus/usb");

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
            Assert.False(MachineHasUsbBus, $"libusb failed although /sys/bus/usb exists: {e.Message}");
            return;
        }
        if (!MachineHasUsbBus) Assert.Empty(devices);
        Assert.All(devices, d => Assert.True(d.Address > 0));
    }

    [Fact]
    public void OpeningAnAbsentDeviceIsNoDeviceNamingTheSpec()
    {
        if (MachineHasUsbBus) return;   // a machine with a real RT3070 plugged in would open it
        var e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:148f:3070"));
        Assert.True(e.Status == RtStatus.NoDevice, e.Message);
        Assert.Contains("usb:148f:3070", e.Message);
        e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:1.4"));
        Assert.Equal(RtStatus.NoDevice, e.Status);
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
