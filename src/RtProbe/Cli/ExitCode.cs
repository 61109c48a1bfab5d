namespace RtProbe;

/// <summary>Exit codes rtprobe uses (documented in --help and in rtprobe(1)).</summary>
internal static class ExitCode
{
    public const int Ok = 0;
    public const int Failure = 1;      // the operation ran and reported a failure (test failed, MCU timeout, output not writable)
    public const int Usage = 2;        // bad command line
    public const int NoDevice = 3;     // the device spec names nothing present
    public const int Permission = 4;   // the OS refused access
}
