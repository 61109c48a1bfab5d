using System.CommandLine;

namespace RtProbe;

/// <summary>
/// TEMPORARY BRIDGE (until the System.CommandLine `pcap decrypt` lands): `pcap decrypt` is being
/// rewritten in PcapDecryptCommand.cs, which will expose `Create()` building its own `decrypt`
/// command. Until then the `decrypt` subcommand here takes every token after it unparsed and hands
/// them to the old <c>PcapDecryptCommand.Run(string[])</c>. At merge: replace the body of
/// <see cref="Create"/> with `new Command("pcap", ...) { PcapDecryptCommand.Create() }` and delete
/// this file's Decrypt part, ICommand.cs and ArgumentReader.cs.
/// </summary>
internal static class PcapBridge
{
    public static Command Create()
    {
        var old = new PcapDecryptCommand();
        var tokens = new Argument<string[]>("ARGS")
        {
            Description = "IN OUT (--psk PASS --ssid SSID | --pmk HEX | --key CIPHER:HEX[@ID] ...) [--ethernet FILE] [--pcapng] [--json]",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var decrypt = new Command("decrypt", old.Summary) { tokens };
        // The old reader knows its own options: leave unknown-looking tokens to it.
        decrypt.TreatUnmatchedTokensAsErrors = false;
        decrypt.SetAction(r =>
        {
            // Forward the raw tokens in their order (options and values interleaved as typed).
            var all = r.Tokens.Select(t => t.Value).ToList();
            int at = all.IndexOf("decrypt");
            return old.Run([.. all.Skip(at + 1)]);
        });
        return new Command("pcap", "packet captures") { decrypt };
    }
}
