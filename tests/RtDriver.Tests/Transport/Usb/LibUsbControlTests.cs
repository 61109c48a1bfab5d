using Xunit;
using RtDriver.Hardware.Registers;
using RtDriver.Transport.Usb;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Transport.Usb;

/// <summary>
/// The vendor-request encoding all the way down to setup packets: rtdriver's UsbRegisterBus
/// (which request, wValue/wIndex, 64-byte chunks) over LibUsbControl (bmRequestType,
/// timeouts, libusb error mapping), recorded at the libusb call.
/// </summary>
public class LibUsbControlTests
{
    [Fact]
    public void RegisterReadIsC0MultiReadOfFourBytes()
    {
        var pipe = new RecordingLibUsbPipe();
        using var bus = new UsbRegisterBus(pipe.Control());
        bus.Read32(RtReg.MAC_CSR0);
        var s = Assert.Single(pipe.Setups);
        Assert.Equal((0xC0, UsbVendorRequest.USB_MULTI_READ, (ushort)0, (ushort)0x1000, (ushort)4, 50u),
            ((int)s.RequestType, s.Request, s.Value, s.Index, s.Length, s.TimeoutMs));
    }

    [Fact]
    public void RegisterWriteIs40MultiWriteWithLittleEndianData()
    {
        var pipe = new RecordingLibUsbPipe();
        using var bus = new UsbRegisterBus(pipe.Control());
        bus.Write32(RtReg.H2M_MAILBOX_CSR, 0x01FF0203);
        var s = Assert.Single(pipe.Setups);
        Assert.Equal((0x40, UsbVendorRequest.USB_MULTI_WRITE, (ushort)0, (ushort)RtReg.H2M_MAILBOX_CSR, (ushort)4),
            ((int)s.RequestType, s.Request, s.Value, s.Index, s.Length));
        Assert.Equal(new byte[] { 0x03, 0x02, 0xFF, 0x01 }, s.Data);
    }

    [Fact]
    public void MultiWritesAreChunkedAt64BytesWithRunningOffsets()
    {
        var pipe = new RecordingLibUsbPipe();
        using var bus = new UsbRegisterBus(pipe.Control());
        var image = Enumerable.Range(0, 200).Select(i => (byte)(i ^ 0x5A)).ToArray();
        bus.WriteRegion(0x3000, image);
        Assert.Equal([(0x3000, 64), (0x3040, 64), (0x3080, 64), (0x30C0, 8)], pipe.Setups.Select(s => ((int)s.Index, (int)s.Length)).ToArray());
        Assert.All(pipe.Setups, s => Assert.Equal((0x40, UsbVendorRequest.USB_MULTI_WRITE, (ushort)0), ((int)s.RequestType, s.Request, s.Value)));
        Assert.Equal(image, pipe.Setups.SelectMany(s => s.Data).ToArray());
    }

    [Fact]
    public void DeviceModeAndEepromReadEncoding()
    {
        var pipe = new RecordingLibUsbPipe();
        using var bus = new UsbRegisterBus(pipe.Control());
        bus.DeviceMode(UsbVendorRequest.USB_MODE_FIRMWARE);
        bus.QueryAutorun();
        bus.ReadEeprom(0, new byte[512]);
        Assert.Equal(
        [
            (0x40, (byte)1, (ushort)8, (ushort)0, (ushort)0, 500u),
            (0xC0, (byte)1, (ushort)0x11, (ushort)0, (ushort)4, 500u),
            (0xC0, (byte)9, (ushort)0, (ushort)0, (ushort)512, 1000u),
        ], pipe.Setups.Select(s => ((int)s.RequestType, s.Request, s.Value, s.Index, s.Length, s.TimeoutMs)).ToArray());
    }

    [Fact]
    public void NoDeviceIsDeviceGoneAndFinal()
    {
        var pipe = new RecordingLibUsbPipe();
        pipe.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_NO_DEVICE);
        using var bus = new UsbRegisterBus(pipe.Control());
        var e = Assert.Throws<RtException>(() => bus.Read32(RtReg.MAC_CSR0));
        Assert.Equal(RtStatus.DeviceGone, e.Status);
        Assert.Contains("unplugged", e.Message);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.Write32(0, 0)).Status);
        Assert.Single(pipe.Setups);
    }

    [Fact]
    public void AccessDeniedNamesTheUdevRule()
    {
        var pipe = new RecordingLibUsbPipe();
        pipe.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_ACCESS);
        var control = pipe.Control();
        var e = Assert.Throws<RtException>(() => control.ControlIn(7, 0, 0x1000, new byte[4], 50));
        Assert.Equal(RtStatus.Permission, e.Status);
        Assert.Contains("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"148f\", ATTR{idProduct}==\"3070\"", e.Message);
        Assert.Contains("/etc/udev/rules.d/70-rtdriver.rules", e.Message);
    }

    [Fact]
    public void TimeoutsAreRetriedByTheBusThenReported()
    {
        var pipe = new RecordingLibUsbPipe();
        pipe.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_TIMEOUT);
        // The budget on a clock that stands still: the retry is inside it however slow this machine is.
        using var bus = new UsbRegisterBus(pipe.Control(), retryClock: new ManualClock());
        bus.Read32(0x1000);        // the retry inside the 100 ms budget succeeds
        Assert.Equal(2, pipe.Setups.Count);
        var control = new RecordingLibUsbPipe();
        control.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_TIMEOUT);
        Assert.Equal(RtStatus.Timeout, Assert.Throws<RtException>(() => control.Control().ControlOut(6, 0, 0, new byte[4], 50)).Status);
        var stall = new RecordingLibUsbPipe();
        stall.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_PIPE);
        var ex = Assert.Throws<RtException>(() => stall.Control().ControlIn(3, 0, 0, new byte[4], 50));
        Assert.Equal(RtStatus.Io, ex.Status);
        Assert.Contains("stalled", ex.Message);
    }

    [Fact]
    public void UnboundedOrOversizedTransfersAreRefusedBeforeLibusb()
    {
        var pipe = new RecordingLibUsbPipe();
        var control = pipe.Control();
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => control.ControlIn(7, 0, 0, new byte[4], 0)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => control.ControlOut(6, 0, 0, new byte[70000], 100)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => control.BulkWrite(0x81, new byte[4], 100)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => control.BulkRead(0x01, new byte[4], 100)).Status);
        Assert.Empty(pipe.Setups);
    }

    [Fact]
    public void BulkEndpointsArePreparedForTheDataPath()
    {
        var pipe = new RecordingLibUsbPipe();
        var control = pipe.Control();
        Assert.Equal(0x81, control.Endpoints.Rx!.Value.Address);
        Assert.Equal(4, control.Endpoints.BulkOut.Count);
        Assert.Equal(16, control.BulkWrite(0x01, new byte[16], 100));
        pipe.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_TIMEOUT);
        Assert.Equal(0, control.BulkRead(0x81, new byte[512], 10));       // nothing received in time is not an error
        pipe.Errors.Enqueue(LibUsbNative.LIBUSB_ERROR_NO_DEVICE);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => control.BulkRead(0x81, new byte[512], 10)).Status);
        control.Dispose();
        Assert.True(pipe.Disposed);
        Assert.Equal(RtStatus.State, Assert.Throws<RtException>(() => control.ControlIn(7, 0, 0, new byte[4], 50)).Status);
    }
}
