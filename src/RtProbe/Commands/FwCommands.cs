using System.CommandLine;

namespace RtProbe;

/// <summary>`rtprobe fw`: the group of firmware commands (inspect a file, load it into a device).</summary>
internal static class FwCommands
{
    public static Command Create() => new("fw", "firmware: inspect a file, load it into a device")
    {
        FwInspectCommand.Create(),
        FwLoadCommand.Create(),
    };
}
