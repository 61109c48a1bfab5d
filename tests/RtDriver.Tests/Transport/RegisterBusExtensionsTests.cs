using Xunit;
using RtDriver.Emulation;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;

namespace RtDriver.Tests.Transport;

public class RegisterBusExtensionsTests
{
    [Fact]
    public void ModifySetAndClearBits()
    {
        var bus = Emulator.Open("emu:rt2860");
        bus.Write32(RtReg.LED_CFG, 0xF0F0);
        Assert.Equal(0xF0F3u, bus.SetBits(RtReg.LED_CFG, 3));
        Assert.Equal(0x00F3u, bus.ClearBits(RtReg.LED_CFG, 0xF000));
        Assert.Equal(0x00A3u, bus.Modify(RtReg.LED_CFG, 0xF0, 0xA0));
        Assert.Equal(0x12A3u, bus.WriteField(RtReg.LED_CFG, new BitField(8, 8), 0x12));
        Assert.Equal(0x12A3u, bus.Read32(RtReg.LED_CFG));
    }

    [Fact]
    public void WaitForTimesOutWithNameAndBudgetInVirtualTime()
    {
        var bus = Emulator.Open("emu:rt2860", out var nic);
        long t0 = nic.NowMicroseconds;
        var e = Assert.Throws<RtException>(() => bus.WaitForSet(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_READY, 100, 1000, "MCU ready"));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.Contains("MCU ready", e.Message);
        Assert.Contains("100 x 1 ms", e.Message);
        Assert.True(nic.NowMicroseconds - t0 >= 100_000);
    }

    [Fact]
    public void WaitForReturnsTheMatchingValue()
    {
        var bus = Emulator.Open("emu:rt2860");
        bus.Write32(RtReg.LED_CFG, 0x5);
        Assert.Equal(0x5u, bus.WaitFor(RtReg.LED_CFG, 0xF, 0x5, 1, 1, "led"));
    }

    [Fact]
    public void WaitOnAGoneDeviceIsDeviceGoneNotSuccess()
    {
        var bus = Emulator.Open("emu:rt2860,fault=gone-after=0");
        // A gone device reads all-ones, which would "satisfy" a wait for a bit to be set.
        var e = Assert.Throws<RtException>(() => bus.WaitForSet(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_READY, 100, 1000, "MCU ready"));
        Assert.Equal(RtStatus.DeviceGone, e.Status);
        Assert.Contains("MCU ready", e.Message);
    }

    [Fact]
    public void WritesToAGoneDeviceAreReportedByWriteChecked()
    {
        var bus = Emulator.Open("emu:rt2870,fault=gone-after=3");
        bus.WriteChecked(RtReg.LED_CFG, 1, "LED write"); // write + MAC_CSR0 read: accesses 1-2
        bus.Read32(RtReg.LED_CFG);                        // access 3
        var e = Assert.Throws<RtException>(() => bus.WriteChecked(RtReg.LED_CFG, 2, "LED write"));
        Assert.Equal(RtStatus.DeviceGone, e.Status);
        Assert.Contains("LED write", e.Message);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.EnsurePresent("probe")).Status);
        Assert.Equal(RtStatus.DeviceGone, Assert.Throws<RtException>(() => bus.ReadChecked(RtReg.LED_CFG, "LED read")).Status);
    }

    [Fact]
    public void BitFieldRejectsOversizedValues()
    {
        var f = new BitField(8, 4);
        Assert.Equal(0xF00u, f.Mask);
        Assert.Equal(0xA00u, f.Make(0xA));
        Assert.Equal(0xAu, f.Get(0x1A34u & 0xFFF | 0xA00));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Make(0x10));
    }
}
