using System.CommandLine;
using RtDriver.Device;

namespace RtProbe;

/// <summary>
/// Options several commands share, built fresh for each command (a System.CommandLine symbol has one
/// parent), so every command spells and describes them the same way.
/// </summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "print the result as one JSON document (snake_case keys; see JSON OUTPUT in rtprobe(1))",
    };

    public static Option<string> Device() => new("--device", "-d")
    {
        Description = "the NIC: auto (default; explains the emulator when no NIC is found), emu:rt2860, pci:DDDD:BB:DD.F, usb:VVVV:PPPP",
        HelpName = "SPEC",
        DefaultValueFactory = _ => DeviceFactory.AutoSpec,
    };
}
