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
    public static int File(string command, string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException =>
            Fail(command, $"'{path}' does not exist", "check the path", ExitCode.Usage),
        UnauthorizedAccessException =>
            Fail(command, $"permission denied for '{path}'", "check the file's permissions", ExitCode.Permission),
        _ => Fail(command, $"cannot use '{path}': {e.Message}", "check the path and free space"),
    };
}
