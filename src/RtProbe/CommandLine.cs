using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using RtDriver;

namespace RtProbe;

/// <summary>
/// rtprobe's entry point: builds the System.CommandLine tree (each command's options live in its
/// own file under Commands/), parses, runs the chosen command, and turns everything that can go
/// wrong into one line on stderr and an exit code — a user never sees a stack trace:
/// parse errors and bad values exit 2, library errors exit by their status (3 no device,
/// 4 permission), a failed write to standard output (disk full, closed) exits 1.
/// </summary>
internal static class CommandLine
{
    public const string Description = "rtprobe — firmware/MCU probing tool for Ralink RT2860-class NICs";

    public const string ExitCodes = "exit codes: 0 ok, 1 operation failed, 2 usage error, 3 no device, 4 permission denied";

    /// <summary>The whole command tree, built anew per run (symbols hold parse state per parent).</summary>
    internal static RootCommand BuildTree(StandardStreams? standard = null)
    {
        var root = new RootCommand(Description)
        {
            DemoCommand.Create(),
            VersionCommand.Create(),
            ListCommand.Create(),
            SelftestCommand.Create(),
            FwCommands.Create(),
            new Command("pcap", "packet captures") { PcapDecryptCommand.Create(standard ?? StandardStreams.Console) },
            BenchCommand.Create(),
            InfoCommand.Create(),
            McuCommand.Create(),
            RegsCommand.Create(),
            KeysCommand.Create(),
        };
        root.Add(CompletionCommand.Create(root));
        foreach (var option in root.Options)
        {
            if (option is HelpOption help && help.Action is HelpAction stock)
            {
                help.Action = new HelpWithFooter(stock);
                help.Description = "show this help: the command's arguments and every option";
                // A Unix tool: no DOS-style /h and /? (they would also be offered by shell completion).
                help.Aliases.Remove("/h");
                help.Aliases.Remove("/?");
            }
            if (option is VersionOption version)
            {
                version.Action = new PrintVersion();
                version.Description = "print the same line as 'rtprobe version'";
            }
        }
        return root;
    }

    public static int Run(string[] args) => Run(args, null);

    /// <summary>The same, with `pcap decrypt`'s '-' bound to <paramref name="standard"/> (tests use streams in memory).</summary>
    internal static int Run(string[] args, StandardStreams? standard)
    {
        // Both standard streams go through GuardedWriter for the whole run: a failed write to stdout
        // becomes OutputFailedException (handled below), one to stderr is dropped.
        // Console.Out itself throws when fd 1 is closed, so it is first touched inside the guard.
        TextWriter? oldOut = null, oldErr = null;
        var guardedOut = new GuardedWriter(() => oldOut = Console.Out, "standard output", swallow: false);
        var guardedErr = new GuardedWriter(() => oldErr = Console.Error, "standard error", swallow: true);
        Console.SetOut(guardedOut);
        Console.SetError(guardedErr);
        string command = "";
        try
        {
            int code = Dispatch(args, standard, ref command);
            // A buffered failure must surface here, not be lost at exit — unless the command has
            // already failed and said why in its own line (e.g. "the summary was not shown: ...").
            try { Console.Out.Flush(); }
            catch (OutputFailedException) when (code != ExitCode.Ok) { }
            return code;
        }
        catch (OutputFailedException e)
        {
            Console.Error.WriteLine($"rtprobe{(command.Length > 0 ? " " + command : "")}: {e.Message}");
            return ExitCode.Failure;
        }
        finally
        {
            Console.SetOut(oldOut ?? TextWriter.Null);
            Console.SetError(oldErr ?? TextWriter.Null);
        }
    }

    private static int Dispatch(string[] args, StandardStreams? standard, ref string command)
    {
        var root = BuildTree(standard);
        if (args.Length == 0)
        {
            // No command: the overview on stdout, and exit 2 because nothing was done.
            root.Parse(["--help"], Parsing).Invoke(Invocation());
            return ExitCode.Usage;
        }
        // `keys` chains operations with '+': each segment is parsed as a `keys` command line of its own.
        if (args[0] == "keys" && args.Contains("+"))
        {
            command = "keys";
            var segments = KeysCommand.SplitChain(args[1..]).Select(s => root.Parse(["keys", .. s], Parsing)).ToList();
            foreach (var segment in segments)
                if (ParseProblem(segment) is { } problem) return Report(segment, problem);
            return Guard(command, () => KeysCommand.RunChain(segments));
        }
        var result = root.Parse(args, Parsing);
        // A directive ([suggest] for dotnet-suggest's shell completion, [diagram]) runs as System.CommandLine defines it.
        if (args[0].StartsWith('[') && args[0].EndsWith(']')) return Guard("", () => result.Invoke(Invocation()));
        command = CommandPath(result);
        if (ParseProblem(result) is { } message) return Report(result, message);
        return Guard(command, () => result.Invoke(Invocation()));
    }

    /// <summary>
    /// No response files: System.CommandLine would otherwise read an argument starting with '@' as a
    /// file of arguments, and a passphrase, key or capture name may well start with '@'.
    /// </summary>
    internal static ParserConfiguration Parsing => new() { ResponseFileTokenReplacer = null };

    private static InvocationConfiguration Invocation() => new()
    {
        Output = Console.Out,
        Error = Console.Error,
        // Exceptions come to Guard below, which prints one line instead of a stack trace.
        EnableDefaultExceptionHandler = false,
    };

    /// <summary>The one-line reason a command line cannot run, or null when it can.</summary>
    private static string? ParseProblem(ParseResult result)
    {
        if (result.Action is HelpWithFooter or PrintVersion) return null; // --help / --version win over errors
        var cmd = result.CommandResult.Command;
        if (cmd.Action is null && cmd.Subcommands.Count > 0)
        {
            string path = CommandPath(result);
            string names = string.Join(", ", cmd.Subcommands.Select(s => path.Length == 0 ? s.Name : $"{path} {s.Name}"));
            if (result.UnmatchedTokens.Count > 0)
                return path.Length == 0
                    ? $"unknown command '{result.UnmatchedTokens[0]}' (commands: {names})"
                    : $"'{result.UnmatchedTokens[0]}' is not a subcommand of '{path}' ({names})";
            return result.Errors.Count > 0 && !result.Errors[0].Message.StartsWith("Required command", StringComparison.Ordinal)
                ? Sentence(result.Errors[0].Message)
                : $"'{path}' needs a subcommand: {names}";
        }
        return result.Errors.Count == 0 ? null : Sentence(result.Errors[0].Message);
    }

    // System.CommandLine's messages are sentences ("Unrecognized command or argument '-x'."); ours
    // are clauses after "rtprobe CMD: ".
    private static string Sentence(string message)
    {
        // Some of its messages continue on a second line ("Must be one of:\n\t'bash'"): one line here.
        string m = string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        return m.Length > 1 && char.IsUpper(m[0]) && !char.IsUpper(m[1]) ? char.ToLowerInvariant(m[0]) + m[1..] : m;
    }

    private static int Report(ParseResult result, string problem)
    {
        string path = CommandPath(result);
        string name = path.Length == 0 ? "rtprobe" : $"rtprobe {path}";
        Console.Error.WriteLine($"{name}: {problem}; see '{name} --help'");
        return ExitCode.Usage;
    }

    /// <summary>"fw inspect" for `rtprobe fw inspect x`; "" for the root.</summary>
    internal static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result.CommandResult; r is CommandResult c; r = c.Parent)
            if (c.Command is not RootCommand) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>Runs a command, mapping every exception a user can cause to one line and an exit code.</summary>
    private static int Guard(string command, Func<int> run)
    {
        string name = command.Length == 0 ? "rtprobe" : $"rtprobe {command}";
        try
        {
            return run();
        }
        catch (OutputFailedException)
        {
            throw; // reported by Run, after nothing more is written to stdout
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"{name}: {e.Message}; see '{name} --help'");
            return ExitCode.Usage;
        }
        catch (RtException e)
        {
            // An invalid argument is the user's value, already named in the message; other statuses
            // keep their name (RT_ERR_TIMEOUT, RT_ERR_IO) because that is what a bug report needs.
            string message = LibraryMessage.ForCli(e.Message);
            Console.Error.WriteLine(e.Status == RtStatus.InvalidArgument
                ? $"{name}: {message}"
                : $"{name}: {e.Status.Name()}: {message}");
            return e.Status switch
            {
                RtStatus.NoDevice => ExitCode.NoDevice,
                RtStatus.Permission => ExitCode.Permission,
                RtStatus.InvalidArgument => ExitCode.Usage,
                _ => ExitCode.Failure,
            };
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"{name}: permission denied: {e.Message}");
            return ExitCode.Permission;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"{name}: {e.Message}");
            return ExitCode.Failure;
        }
        catch (Exception e)
        {
            // A bug in rtprobe or the library: still one line (with the exception type for the report), never a trace.
            Console.Error.WriteLine($"{name}: internal error ({e.GetType().Name}): {e.Message}; please report it");
            return ExitCode.Failure;
        }
    }

    /// <summary>--help as System.CommandLine writes it, plus the exit codes under the root's overview.</summary>
    private sealed class HelpWithFooter(HelpAction stock) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            stock.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(ExitCodes);
                output.WriteLine("manual: man rtprobe; shell completion: rtprobe completion bash --help");
            }
            return ExitCode.Ok;
        }
    }

    /// <summary>--version prints exactly what `rtprobe version` prints.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionCommand.Text);
            return ExitCode.Ok;
        }
    }
}
