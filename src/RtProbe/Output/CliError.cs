namespace RtProbe;

/// <summary>
/// Errors for people: one line on stderr, "rtprobe COMMAND: what went wrong; what to do", and the
/// exit code that says which kind of failure it was (see <see cref="ExitCode"/>).
/// </summary>
internal static class CliError
{
    public static int Usage(string command, string problem, string usage)
    {
        Console.Error.WriteLine($"rtprobe {command}: {problem}; usage: rtprobe {usage}");
        return ExitCode.Usage;
    }

    public static int Fail(string command, string problem, string todo, int exitCode = ExitCode.Failure)
    {
        Console.Error.WriteLine($"rtprobe {command}: {problem}; {todo}");
        return exitCode;
    }

    /// <summary>Maps a file-system exception to a one-line message and exit code.</summary>
    public static int File(string command, string path, Exception e)
    {
        var (problem, todo, exitCode) = DescribeFile(path, e);
        return Fail(command, problem, todo, exitCode);
    }

    /// <summary>The words and exit code <see cref="File"/> uses, for callers that report later.</summary>
    public static (string Problem, string Todo, int ExitCode) DescribeFile(string path, Exception e) => e switch
    {
        // .NET reports opening a directory as "access denied"; say what it is (a usage error, not a
        // permission problem, even for root).
        _ when Directory.Exists(path) => ($"'{path}' is a directory", "give a file", ExitCode.Usage),
        FileNotFoundException or DirectoryNotFoundException => ($"'{path}' does not exist", "check the path", ExitCode.Usage),
        UnauthorizedAccessException => ($"permission denied for '{path}'", "check the file's permissions", ExitCode.Permission),
        _ => ($"cannot use '{path}': {e.Message}", "check the path and free space", ExitCode.Failure),
    };
}
