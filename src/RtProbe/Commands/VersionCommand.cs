using RtDriver;
using RtDriver.Crypto;

namespace RtProbe;

internal sealed class VersionCommand : ICommand
{
    public string Name => "version";
    public string Summary => "print the library version, ABI version and the crypto path this CPU uses";
    public string Usage => "version";

    public int Run(string[] args)
    {
        Console.WriteLine($"rtdriver {LibraryInfo.Version} (C ABI {LibraryInfo.AbiVersion}), crypto path {CryptoPath.Name(CryptoPath.Current)}");
        return ExitCode.Ok;
    }
}
