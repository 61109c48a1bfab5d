using Xunit;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Transport.Usb;

public class UsbRegisterBusTests
{
    [Fact]
    public void Read32IsMultiReadOfFourBytesLittleEndian()
    {
        var usb = new RecordingUsbControl { Answer = (_, _, _, n) => new byte[] { 0x01, 0x01, 0x60, 0x28 } };
        var bus = new UsbRegisterBus(usb);
        Assert.Equal(0x28600101u, bus.Read32(RtReg.MAC_CSR0));
        var r = Assert.Single(usb.Requests);
        Assert.True(r.In);
        Assert.Equal(UsbVendorRequest.USB_MULTI_READ, r.Code);
        Assert.Equal((ushort)0, r.Value);
        Assert.Equal((ushort)RtReg.MAC_CSR0, r.Index);
        Assert.Equal(4, r.Data.Length);
        Assert.Equal(UsbVendorRequest.REGISTER_TIMEOUT_MS / 2, r.TimeoutMs);
    }

    [Fact]
    public void Write32IsMultiWriteOfFourBytes()
    {
        var usb = new RecordingUsbControl();
        new UsbRegisterBus(usb).Write32(RtReg.H2M_MAILBOX_CSR, 0x01FF0203);
        var r = Assert.Single(usb.Requests);
        Assert.False(r.In);
        Assert.Equal(UsbVendorRequest.USB_MULTI_WRITE, r.Code);
        Assert.Equal((ushort)RtReg.H2M_MAILBOX_CSR, r.Index);
        Assert.Equal(new byte[] { 0x03, 0x02, 0xFF, 0x01 }, r.Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(4096)]
    [InlineData(100)]
    public void RegionsAreSplitInto64ByteChunks(int length)
    {
        var usb = new RecordingUsbControl();
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        new UsbRegisterBus(usb).WriteRegion(RtReg.FIRMWARE_IMAGE_BASE_USB, data);
        Assert.Equal((length + 63) / 64, usb.Requests.Count);
        for (int i = 0; i < usb.Requests.Count; i++)
        {
            var r = usb.Requests[i];
            Assert.Equal(UsbVendorRequest.USB_MULTI_WRITE, r.Code);
            Assert.Equal((ushort)(RtReg.FIRMWARE_IMAGE_BASE_USB + 64 * i), r.Index);
            Assert.Equal(data.Skip(64 * i).Take(64).ToArray(), r.Data);
        }
        usb.Requests.Clear();
        usb.Answer = (_, _, index, n) => Enumerable.Range(0, n).Select(k => (byte)(index + k)).ToArray();
        var back = new byte[length];
        new UsbRegisterBus(usb).ReadRegion(0x4000, back);
        Assert.Equal((length + 63) / 64, usb.Requests.Count);
        Assert.All(usb.Requests, r => Assert.Equal(UsbVendorRequest.USB_MULTI_READ, r.Code));
        Assert.Equal(Enumerable.Range(0, length).Select(k => (byte)(0x4000 + k)).ToArray(), back);
    }

    [Fact]
    public void DeviceModeAutorunAndEepromRequests()
    {
        var usb = new RecordingUsbControl { Answer = (req, val, idx, n) => req == 1 ? new byte[] { 2, 0, 0, 0 } : Enumerable.Repeat((byte)0xAB, n).ToArray() };
        var bus = new UsbRegisterBus(usb);
        bus.DeviceMode(UsbVendorRequest.USB_MODE_FIRMWARE);
        Assert.Equal(2u, bus.QueryAutorun());
        var ee = new byte[512];
        bus.ReadEeprom(0, ee);
        Assert.Equal(new[] { (false, (byte)1, (ushort)8, 0, UsbVendorRequest.REGISTER_TIMEOUT_FIRMWARE_MS / 2),
                             (true, (byte)1, (ushort)0x11, 4, UsbVendorRequest.REGISTER_TIMEOUT_FIRMWARE_MS / 2),
                             (true, (byte)9, (ushort)0, 512, UsbVendorRequest.EEPROM_TIMEOUT_MS / 2) },
            usb.Requests.Select(r => (r.In, r.Code, r.Value, r.Data.Length, r.TimeoutMs)).ToArray());
        Assert.All(ee, b => Assert.Equal(0xAB, b));
    }

    [Fact]
    public void TransientFailuresAreRetriedWithinTheBudget()
    {
        var usb = new RecordingUsbControl { FailCount = 2, Answer = (_, _, _, _) => new byte[] { 1, 0, 0, 0 } };
        Assert.Equal(1u, new UsbRegisterBus(usb, retryClock: usb.Clock).Read32(0));
        Assert.Equal(3, usb.Requests.Count);
    }

    [Fact]
    public void TheRetryBudgetIsTimeNotAttempts()
    {
        // Failures that each take 30 ms: the fourth ends past the 100 ms budget, and that is the error.
        var usb = new RecordingUsbControl { FailCount = int.MaxValue, FailureMicroseconds = 30_000 };
        var e = Assert.Throws<RtException>(() => new UsbRegisterBus(usb, retryClock: usb.Clock).Read32(RtReg.MAC_CSR0));
        Assert.Equal(RtStatus.Io, e.Status);
        Assert.Equal(4, usb.Requests.Count);
        Assert.Contains($"failed after 4 attempt(s) within {UsbVendorRequest.REGISTER_TIMEOUT_MS} ms", e.Message);
    }

    [Fact]
    public void PersistentFailuresBecomeIoThenDeviceGone()
    {
        var usb = new RecordingUsbControl { FailCount = int.MaxValue };
        var bus = new UsbRegisterBus(usb, retryClock: usb.Clock);
        for (int i = 0; i < UsbVendorRequest.MAX_CONSECUTIVE_FAILURES; i++)
        {
            var e = Assert.Throws<RtException>(() => bus.Read32(RtReg.MAC_CSR0));
            Assert.Equal(RtStatus.Io, e.Status);
            Assert.Contains("0x1000", e.Message);
        }
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.Read32(RtReg.MAC_CSR0)).Status);
        int n = usb.Requests.Count;
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.Write32(0, 0)).Status);
        Assert.Equal(n, usb.Requests.Count); // gone: no more transfers
    }

    [Fact]
    public void RemovalIsFinalImmediately()
    {
        var usb = new RecordingUsbControl { FailCount = 1, FailWith = RtStatus.NoDevice };
        var bus = new UsbRegisterBus(usb);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.Read32(0)).Status);
        Assert.Single(usb.Requests);
    }

    [Fact]
    public void RangeBeyondTheSixteenBitIndexIsRejected()
    {
        var bus = new UsbRegisterBus(new RecordingUsbControl());
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => bus.WriteRegion(0xFFF0, new byte[32])).Status);
    }
}
