using Microsoft.Win32.SafeHandles;

namespace RtProbe;

/// <summary>
/// Where '-' reads and writes: the process's stdin and stdout (as raw streams: captures are binary),
/// or, in tests, streams in memory, so the stdin/stdout paths run in-process like every other test.
/// </summary>
internal sealed record StandardStreams(Func<Stream> OpenInput, Func<Stream> OpenOutput, Func<bool> InputIsTerminal, Func<FileIdentity?> InputIdentity)
{
    public static StandardStreams Console { get; } = new(
        () => System.Console.OpenStandardInput(1 << 16),
        // A FileStream on descriptor 1, not Console.OpenStandardOutput(): the console stream silently
        // drops writes to a closed pipe (EPIPE), and a capture cut short must be reported.
        () => new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0),
        () => !System.Console.IsInputRedirected,
        () => FileIdentity.OfDescriptor(0))
    {
        OutputIdentity = () => FileIdentity.OfDescriptor(1),
    };

    /// <summary>What standard output is (a file, a pipe...), or null when unknown (streams in memory).</summary>
    public Func<FileIdentity?> OutputIdentity { get; init; } = () => null;
}
