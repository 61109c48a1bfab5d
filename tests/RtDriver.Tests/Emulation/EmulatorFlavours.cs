using Xunit;
using RtDriver.Emulation;
using RtDriver.Transport;

namespace RtDriver.Tests.Emulation;

/// <summary>The four emulated chips, for [MemberData] so one suite runs over PCI and USB.</summary>
public static class EmulatorFlavours
{
    public static TheoryData<string> All => new() { "emu:rt2860", "emu:rt3090", "emu:rt2870", "emu:rt3070" };
    public static TheoryData<string> Pci => new() { "emu:rt2860", "emu:rt3090" };
    public static TheoryData<string> Usb => new() { "emu:rt2870", "emu:rt3070" };

    public static (IRegisterBus bus, EmulatedNic nic) Open(string spec)
    {
        var bus = Emulator.Open(spec, out var nic);
        return (bus, nic);
    }
}
