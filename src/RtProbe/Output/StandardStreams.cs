namespace RtProbe;

/// <summary>
/// Where '-' reads and writes: the process's stdin and stdout (as raw streams: captures are binary),
/// or, in tests, streams in memory, so the stdin/stdout paths run in-process like every other test.
/// </summary>
internal sealed record StandardStreams(Func<Stream> OpenInput, Func<Stream> OpenOutput, Func<bool> InputIsTerminal, Func<FileIdentity?> InputIdentity)
{
    public static StandardStreams Console { get; } = new(
        () => System.Console.OpenStandardInput(1 << 16),
        () => System.Console.OpenStandardOutput(),
        () => !System.Console.IsInputRedirected,
        () => FileIdentity.OfDescriptor(0));
}
