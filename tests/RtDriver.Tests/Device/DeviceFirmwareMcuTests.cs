using RtDriver.Device;
using RtDriver.Hardware.Registers;
using Xunit;
using static RtDriver.Tests.Device.DeviceTestKit;

namespace RtDriver.Tests.Device;

/// <summary>Firmware, MCU, info and raw registers through the device façade, on every emulated flavour.</summary>
public class DeviceFirmwareMcuTests
{
    public static TheoryDataSpecs Chips => AllChips;

    [Theory, MemberData(nameof(Chips))]
    public void InfoReportsTheEmulatedChip(string spec)
    {
        using var dev = RtDevice.Open(spec + ",mac=00:11:22:33:44:55");
        var info = dev.GetInfo();
        uint expectedId = spec switch { "emu:rt2860" => 0x2860u, "emu:rt3090" => 0x3090u, "emu:rt2870" => 0x2872u, _ => 0x3070u };
        Assert.Equal(expectedId, info.ChipId);
        Assert.NotEqual(0u, info.RfId);
        Assert.Equal(new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 }, info.Mac);
        Assert.Equal(RtDriver.Transport.BusKind.Emulator, info.Bus);
        Assert.False(info.FirmwareLoaded);
        Assert.Equal(0u, info.FirmwareCrc);
        Assert.Equal(189u, info.HwKeySlots);
        Assert.Equal(0u, info.HwKeySlotsUsed);
        Assert.EndsWith("(emulated)", info.Name);
        Assert.StartsWith(spec.Substring(4).ToUpperInvariant(), info.Name);
    }

    [Theory, MemberData(nameof(Chips))]
    public void FirmwareFromTheSearchPathThenMcuCommandsAnswer(string spec)
    {
        using var dev = RtDevice.Open(spec);
        var r = dev.LoadFirmware((string?)null);
        var info = dev.GetInfo();
        Assert.True(info.FirmwareLoaded);
        Assert.Equal(r.PayloadCrc, (ushort)info.FirmwareCrc);
        Assert.NotEqual(0u, info.FirmwareCrc);
        var m = dev.McuCommand(RtReg.MCU_WAKEUP, 0, 0);
        Assert.True(m.RoundTripMicroseconds >= 0);
        if (!IsUsbSpec(spec)) Assert.Equal(RtReg.MCU_STATUS_SUCCESS, m.Status);
    }

    [Theory, MemberData(nameof(Chips))]
    public void ASilentMcuTimesOutBoundedAndTheDeviceStaysUsable(string spec)
    {
        using var dev = RtDevice.Open(spec + ",fault=mcu-silent");
        try { dev.LoadFirmware((string?)null); } catch (RtException) { /* USB loads end with a boot-signal command */ }
        // Bounded in device time (the emulator's clock, the same on every machine): at most two
        // commands' named budgets, never a wait that goes on.
        long t0 = dev.NowMicroseconds();
        var e = Assert.Throws<RtException>(() => { dev.McuCommand(RtReg.MCU_WAKEUP, 0, 0); dev.McuCommand(RtReg.MCU_WAKEUP, 0, 0); });
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.InRange(dev.NowMicroseconds() - t0, 1000, 60_000);
        Assert.Contains("0x31", e.Message);
        // everything that does not need the MCU still works
        Assert.Equal(dev.GetInfo().ChipId, dev.Read32(RtReg.MAC_CSR0) >> 16);
        Assert.Equal(RtDriver.Offload.KeyPlacement.Hardware, dev.SetKey(Pairwise(RtCipher.Ccmp)).Placement);
    }

    [Theory, MemberData(nameof(Chips))]
    public void FirmwareThatNeverGetsReadyIsATimeout(string spec)
    {
        using var dev = RtDevice.Open(spec + ",fault=fw-never-ready");
        var e = Assert.Throws<RtException>(() => dev.LoadFirmware((string?)null));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.False(dev.GetInfo().FirmwareLoaded);
    }

    [Fact]
    public void BadFirmwareIsRejectedNamingTheProblem()
    {
        using var dev = RtDevice.Open("emu:rt2860");
        var e = Assert.Throws<RtException>(() => dev.LoadFirmware(new byte[100]));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains("100", e.Message);
        var missing = Assert.Throws<RtException>(() => dev.LoadFirmware("/nonexistent/rt2860.bin"));
        Assert.Equal(RtStatus.BadFirmware, missing.Status);
        Assert.Contains("/nonexistent/rt2860.bin", missing.Message);
    }

    [Theory, MemberData(nameof(Chips))]
    public void RegistersAreValidatedAndReachTheChip(string spec)
    {
        using var dev = RtDevice.Open(spec);
        Assert.Equal(dev.GetInfo().ChipId, dev.Read32(RtReg.MAC_CSR0) >> 16);
        dev.Write32(RtReg.MacWcidAttributeEntry(100), 0x1234);
        Assert.Equal(0x1234u, dev.Read32(RtReg.MacWcidAttributeEntry(100)));
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => dev.Read32(0x1002)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => dev.Read32(0x10000)).Status);
        Assert.Contains("0x10001", Assert.Throws<RtException>(() => dev.Write32(0x10001, 0)).Message);
    }

    [Fact]
    public void SpecsThatNameNothingAreClearErrors()
    {
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => RtDevice.Open("bogus")).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => RtDevice.Open("")).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => RtDevice.Open(null)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => RtDevice.Open("emu:rt9999")).Status);
        var auto = Assert.Throws<RtException>(() => RtDevice.Open("auto"));
        Assert.Equal(RtStatus.NoDevice, auto.Status);
        Assert.Contains("emu:rt2860", auto.Message);
    }
}
