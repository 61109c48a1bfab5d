using Xunit;
using RtDriver.Emulation;

namespace RtDriver.Tests.Emulation;

public class EmulatorSpecTests
{
    [Theory]
    [InlineData("emu:rt2860", EmulatedChip.Rt2860, false)]
    [InlineData("emu:rt3090", EmulatedChip.Rt3090, false)]
    [InlineData("emu:rt2870", EmulatedChip.Rt2870, true)]
    [InlineData("emu:rt3070", EmulatedChip.Rt3070, true)]
    public void ParsesEveryChip(string spec, EmulatedChip chip, bool usb)
    {
        var o = EmulatorOptions.Parse(spec);
        Assert.Equal(chip, o.Chip);
        Assert.Equal(usb, o.IsUsb);
        Assert.Equal(EmulatorFaults.None, o.Faults);
        Assert.Equal(EmulatorOptions.DefaultMac(chip), o.Mac);
    }

    [Fact]
    public void ParsesFaultsAndMac()
    {
        var o = EmulatorOptions.Parse("emu:rt2860,fault=mcu-silent,fault=keytable-stuck,fault=gone-after=42,mac=00:11:22:33:44:55");
        Assert.True(o.Has(EmulatorFaults.McuSilent));
        Assert.True(o.Has(EmulatorFaults.KeyTableStuck));
        Assert.True(o.Has(EmulatorFaults.GoneAfter));
        Assert.False(o.Has(EmulatorFaults.FwNeverReady));
        Assert.Equal(42, o.GoneAfter);
        Assert.Equal(new byte[] { 0, 0x11, 0x22, 0x33, 0x44, 0x55 }, o.Mac);
        Assert.Equal(o, EmulatorOptions.Parse(o.ToSpec()) with { Mac = o.Mac });
        Assert.True(EmulatorOptions.Parse("emu:rt3070,fault=fw-never-ready").Has(EmulatorFaults.FwNeverReady));
    }

    [Theory]
    [InlineData("emu:rt9999", "rt9999")]
    [InlineData("emu:", "''")]
    [InlineData("pci:0000:03:00.0", "not an emulator spec")]
    [InlineData("emu:rt2860,fault=melt", "melt")]
    [InlineData("emu:rt2860,fault=gone-after=-3", "-3")]
    [InlineData("emu:rt2860,fault=gone-after=x", "'x'")]
    [InlineData("emu:rt2860,mac=00:11:22:33:44", "00:11:22:33:44")]
    [InlineData("emu:rt2860,mac=01:11:22:33:44:55", "group")]
    [InlineData("emu:rt2860,mac=zz:11:22:33:44:55", "zz:11")]
    [InlineData("emu:rt2860,speed=fast", "speed=fast")]
    public void BadSpecsNameTheBadValue(string spec, string named)
    {
        var e = Assert.Throws<RtException>(() => EmulatorOptions.Parse(spec));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains(named, e.Message);
    }
}
