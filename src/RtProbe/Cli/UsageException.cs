namespace RtProbe;

/// <summary>
/// A command line that parsed but makes no sense (a bad number, a register name that does not
/// exist, two options that exclude each other). CommandLine.Run prints it as one line
/// "rtprobe CMD: message" with the help hint and exits 2.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
