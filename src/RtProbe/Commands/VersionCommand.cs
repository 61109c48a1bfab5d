using System.CommandLine;
using RtDriver;
using RtDriver.Crypto;

namespace RtProbe;

/// <summary>`rtprobe version` (and `rtprobe --version`): library version, C ABI version, crypto path.</summary>
internal static class VersionCommand
{
    public static string Text => $"rtdriver {LibraryInfo.Version} (C ABI {LibraryInfo.AbiVersion}), crypto path {CryptoPath.Name(CryptoPath.Current)}";

    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("version", "print the library version, ABI version and the crypto path this CPU uses") { json };
        command.SetAction(r =>
        {
            if (r.GetValue(json))
                JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("version", LibraryInfo.Version);
                    w.WriteNumber("abi_version", LibraryInfo.AbiVersion);
                    w.WriteString("crypto_path", JsonOutput.Snake(CryptoPath.Name(CryptoPath.Current)));
                    w.WriteStartArray("crypto_paths_supported");
                    foreach (var p in CryptoPath.Supported) w.WriteStringValue(JsonOutput.Snake(CryptoPath.Name(p)));
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            else Console.WriteLine(Text);
            return ExitCode.Ok;
        });
        return command;
    }
}
