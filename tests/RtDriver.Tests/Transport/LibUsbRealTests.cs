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
        // Vendor id 0 is reserved and bus 255 does not exist: absent on every machine.
        var e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:0000:0000"));
        Assert.True(e.Status == RtStatus.NoDevice, e.Message);
        Assert.StartsWith("no USB device usb:0000:0000: none is present among ", e.Message);
        if (!MachineHasUsbBus)
            Assert.Equal("no USB device usb:148f:3070: none is present among 0 USB device(s) (lsusb lists the USB devices present)",
                Assert.Throws<RtException>(() => UsbTransport.Open("usb:148f:3070")).Message);
        e = Assert.Throws<RtException>(() => UsbTransport.Open("usb:255.127"));
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
