using RtDriver;
using RtDriver.Crypto;

namespace RtProbe;

/// <summary>The main job: a short tour of the driver on the built-in emulated NIC.</summary>
internal sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Summary => "run the demo on the built-in emulated NIC (emu:rt2860)";
    public string Usage => "demo";

    public int Run(string[] args)
    {
        Console.WriteLine($"rtdriver {LibraryInfo.Version}, C ABI {LibraryInfo.AbiVersion}");
        Console.WriteLine($"crypto path: {CryptoPath.Name(CryptoPath.Current)} (supported here: {string.Join(", ", CryptoPath.Supported.Select(CryptoPath.Name))})");
        return ExitCode.Ok;
    }
}
