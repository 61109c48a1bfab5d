using RtDriver;

namespace RtProbe;

/// <summary>One rtprobe subcommand. Each lives in its own file under Commands/.</summary>
internal interface ICommand
{
    string Name { get; }
    string Summary { get; }
    string Usage { get; }
    int Run(string[] args);
}

/// <summary>Exit codes rtprobe uses (documented in --help).</summary>
internal static class ExitCode
{
    public const int Ok = 0;
    public const int Failure = 1;      // the operation ran and reported a failure (test failed, MCU timeout)
    public const int Usage = 2;        // bad command line
    public const int NoDevice = 3;     // the device spec names nothing present
    public const int Permission = 4;   // the OS refused access
}

internal static class CommandLine
{
    // Registered commands, in the order --help lists them.
    internal static readonly List<ICommand> Commands =
    [
        new DemoCommand(),
        new VersionCommand(),
        new ListCommand(),
        new SelftestCommand(),
        new FwInspectCommand(),
        new PcapDecryptCommand(),
        new BenchCommand(),
        new InfoCommand(),
        new FwLoadCommand(),
        new McuCommand(),
        new RegsCommand(),
        new KeysCommand(),
    ];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp();
            return args.Length == 0 ? ExitCode.Usage : ExitCode.Ok;
        }
        // TEMPORARY (wt/pcap): 'pcap decrypt' has its own System.CommandLine parser (options, --help,
        // errors); this route goes when the root command (wt/cli) hooks PcapDecryptCommand.Create().
        if (args is ["pcap", "decrypt", ..]) return PcapDecryptCommand.Invoke(args[2..]);
        // Names may have two words ("fw inspect", "pcap decrypt"): the longest name matching the
        // leading arguments wins.
        var command = Commands
            .Where(c => c.Name.Split(' ') is var words && words.Length <= args.Length && words.SequenceEqual(args[..words.Length]))
            .MaxBy(c => c.Name.Length);
        if (command is null)
        {
            var group = Commands.Where(c => c.Name.StartsWith(args[0] + " ", StringComparison.Ordinal)).Select(c => c.Name).ToList();
            Console.Error.WriteLine(group.Count > 0
                ? $"rtprobe: '{args[0]}' needs a subcommand: {string.Join(", ", group)}; run 'rtprobe --help' for the list"
                : $"rtprobe: unknown command '{args[0]}'; run 'rtprobe --help' for the list");
            return ExitCode.Usage;
        }
        var rest = args[command.Name.Split(' ').Length..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Console.WriteLine($"usage: rtprobe {command.Usage}\n\n{command.Summary}");
            return ExitCode.Ok;
        }
        try
        {
            return command.Run(rest);
        }
        catch (RtDriver.RtException e)
        {
            Console.Error.WriteLine($"rtprobe {command.Name}: {e.Status.Name()}: {e.Message}");
            return e.Status switch
            {
                RtDriver.RtStatus.NoDevice => ExitCode.NoDevice,
                RtDriver.RtStatus.Permission => ExitCode.Permission,
                RtDriver.RtStatus.InvalidArgument => ExitCode.Usage,
                _ => ExitCode.Failure,
            };
        }
    }

    private static void PrintHelp()
    {
        Console.WriteLine("rtprobe — firmware/MCU probing tool for Ralink RT2860-class NICs");
        Console.WriteLine();
        Console.WriteLine("usage: rtprobe COMMAND [options]   (rtprobe COMMAND --help for details)");
        Console.WriteLine();
        int width = Commands.Max(c => c.Name.Length);
        foreach (var c in Commands) Console.WriteLine($"  {c.Name.PadRight(width)}  {c.Summary}");
        Console.WriteLine();
        Console.WriteLine("exit codes: 0 ok, 1 operation failed, 2 usage error, 3 no device, 4 permission denied");
    }
}
