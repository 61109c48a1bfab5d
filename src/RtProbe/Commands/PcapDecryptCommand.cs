using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using RtDriver;
using RtDriver.Wpa;

namespace RtProbe;

/// <summary>
/// `rtprobe pcap decrypt`: the command line (System.CommandLine) of the capture decryptor. This file
/// only defines and checks the options; <see cref="PcapDecryptRun"/> does the work and
/// <see cref="PcapDecryptReport"/> prints the summary.
/// The output is named once: as the second argument (IN OUT) or with -w OUT (the tcpdump/airodump-ng
/// habit), never both. Note for airdecap-ng users: there -w is the WEP key and -o the output; here the
/// WEP key is -k wep:HEX.
/// </summary>
internal sealed class PcapDecryptCommand
{
    public const string CommandName = "pcap decrypt";

    private const string Summary = "decrypt a WEP/WPA/WPA2 capture (passphrase or keys) with the library's frame path";

    private const string Description =
        "Reads a pcap/pcapng capture (802.11, radiotap, Prism, AVS; plain or gzip-compressed), follows the " +
        "4-way and group key handshakes, decrypts every protected data frame with the library's frame path " +
        "and writes the plaintext frames (802.11, Protected cleared) to OUT; --ethernet FILE also writes them " +
        "as Ethernet frames, as airdecap-ng does.\n\n" +
        "Outputs are safe to rerun: an output that is the input (same file, also through a symlink or hard " +
        "link) is refused; each output is written to a temporary file beside it and renamed into place only " +
        "when the whole run succeeded, so a failed or interrupted run leaves an existing file untouched and " +
        "never leaves a half-written one. '-' (standard output) and non-regular files (/dev/null, a FIFO) " +
        "are written in place and cannot be rolled back. A name ending in .pcapng writes pcapng, any other " +
        "name classic pcap.\n\n" +
        "Exit codes: 0 frames decrypted (or nothing was protected), 1 protected frames but none decrypted " +
        "(wrong passphrase, SSID or key; nothing is written then) or a read/write failure, 2 usage error " +
        "(also: a directory, a missing file, an output that is the input), 4 permission denied; interrupted " +
        "(SIGINT, SIGTERM, SIGHUP): temporary files removed, exit 130, 143 or 129.";

    /// <summary>
    /// Runs `rtprobe pcap decrypt ARGS` through the tool's one command tree (the words after "pcap
    /// decrypt"), with '-' bound to <paramref name="standard"/> when given (tests use streams in memory).
    /// </summary>
    internal static int Invoke(string[] args, StandardStreams? standard = null) =>
        CommandLine.Run(["pcap", "decrypt", .. args], standard);

    /// <summary>The `decrypt` subcommand, placed under `pcap` by the root command.</summary>
    internal static Command Create() => Create(StandardStreams.Console);

    /// <summary>The same, with '-' bound to <paramref name="standard"/> (tests use streams in memory).</summary>
    internal static Command Create(StandardStreams standard)
    {
        var input = new Argument<string>("IN")
        {
            Description = "the capture to read: pcap or pcapng, plain or gzip (recognised by content, not by name); '-' reads standard input",
        };
        var outputArg = new Argument<string?>("OUT")
        {
            Description = "the decrypted 802.11 capture to write ('-' writes standard output); or give it with -w",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var write = new Option<string?>("--write", "-w")
        {
            Description = "the output capture, instead of the second argument (not both)",
            HelpName = "OUT",
        };
        var psk = new Option<string?>("--psk", "-p") { Description = "WPA/WPA2 passphrase (8..63 characters; needs --ssid)", HelpName = "PASS" };
        var ssid = new Option<string?>("--ssid", "-e") { Description = "the network name the passphrase belongs to", HelpName = "SSID" };
        var pmk = new Option<string?>("--pmk") { Description = "the PMK (raw PSK) as 64 hex digits, instead of --psk/--ssid", HelpName = "HEX" };
        var keys = new Option<string[]>("--key", "-k")
        {
            Description = "a key no handshake covers: wep, wep104, tkip, ccmp, ccmp256, gcmp, gcmp256 and its hex bytes, optionally @KEYID (0..3); repeatable",
            HelpName = "CIPHER:HEX[@ID]",
        };
        var bssid = new Option<string?>("--bssid", "-b")
        {
            Description = "decrypt and write only the frames of this BSS (as airdecap-ng -b); its handshakes are still followed",
            HelpName = "MAC",
        };
        var ethernet = new Option<string?>("--ethernet")
        {
            Description = "also write the decrypted frames as Ethernet frames (as airdecap-ng does) to FILE ('-' for standard output)",
            HelpName = "FILE",
        };
        var pcapng = new Option<bool>("--pcapng") { Description = "write pcapng whatever the output names end in" };
        var json = new Option<bool>("--json") { Description = "print the summary as JSON (snake_case keys); on stderr when an output is standard output" };

        var command = new Command("decrypt", Description) { input, outputArg, write, psk, ssid, pmk, keys, bssid, ethernet, pcapng, json };

        // Usage errors found by the parser, so every front end (this one, the root command) reports
        // them the same way, before any file is touched.
        command.Validators.Add(r =>
        {
            if (r.GetValue(input) is null)
            {
                r.AddError("no input: give the capture to read (a file, or - for standard input)");
                return;
            }
            string? positional = r.GetValue(outputArg), named = r.GetValue(write);
            if (positional is not null && named is not null)
                r.AddError($"the output is given twice ('{positional}' and -w '{named}'): give it as the second argument or with -w, not both");
            else if (positional is null && named is null)
                r.AddError("no output: give it as the second argument (IN OUT) or with -w OUT");
            string? pass = r.GetValue(psk), pmkHex = r.GetValue(pmk);
            string[] keyTexts = r.GetValue(keys) ?? [];
            if (pass is not null && r.GetValue(ssid) is null)
                r.AddError("--psk needs --ssid (the PMK is salted with the SSID)");
            if (pass is not null && pmkHex is not null)
                r.AddError("give either --psk or --pmk, not both");
            if (pass is null && pmkHex is null && keyTexts.Length == 0)
                r.AddError("no key material: give -p PASS -e SSID, --pmk HEX or -k CIPHER:HEX"
                    + (named is not null && LooksLikeHexKey(named) ? $" (-w '{named}' is the output here, not airdecap-ng's WEP key: use -k wep:{named})" : ""));
            string? bssidText = r.GetValue(bssid);
            if (bssidText is not null && MacAddress.TryParseDigits(bssidText) is null)
                r.AddError($"--bssid '{bssidText}' is not a MAC address (six hex bytes, e.g. 00:11:22:33:44:55)");
            if (r.GetValue(ethernet) == "-" && (positional ?? named) == "-")
                r.AddError("only one output can be standard output ('-')");
            foreach (var text in keyTexts)
                if (TryCheck(() => CaptureKey.Parse(text)) is { } problem) r.AddError(problem);
            if (pmkHex is not null && TryCheck(() => Pmk.FromHex(pmkHex)) is { } pmkProblem) r.AddError(pmkProblem);
            if (pass is not null && r.GetValue(ssid) is { } s && TryCheck(() => Pmk.FromPassphrase(pass, s)) is { } pskProblem) r.AddError(pskProblem);
        });

        command.SetAction(r =>
        {
            string? pass = r.GetValue(psk), pmkHex = r.GetValue(pmk);
            var options = new PcapDecryptOptions(
                Input: r.GetValue(input)!,
                Output: (r.GetValue(outputArg) ?? r.GetValue(write))!,
                Ethernet: r.GetValue(ethernet),
                Pmk: pmkHex is not null ? Pmk.FromHex(pmkHex) : pass is not null ? Pmk.FromPassphrase(pass, r.GetValue(ssid)!) : null,
                Keys: (r.GetValue(keys) ?? []).Select(CaptureKey.Parse).ToList(),
                Bssid: r.GetValue(bssid) is { } b ? MacAddress.TryParseDigits(b) : null,
                ForcePcapng: r.GetValue(pcapng),
                Json: r.GetValue(json));
            return PcapDecryptRun.Execute(options, standard);
        });
        return command;
    }

    private static string? TryCheck(Action parse)
    {
        try { parse(); return null; }
        catch (RtException e) { return e.Message; }
    }

    // airdecap-ng's -w takes a WEP key: 5 or 13 hex bytes, with or without colons.
    private static bool LooksLikeHexKey(string text)
    {
        string hex = text.Replace(":", "");
        return hex.Length is 10 or 26 && hex.All(Uri.IsHexDigit) && !File.Exists(text);
    }
}

/// <summary>What a `pcap decrypt` run was asked to do, after the command line was checked.</summary>
internal sealed record PcapDecryptOptions(
    string Input,
    string Output,
    string? Ethernet,
    byte[]? Pmk,
    IReadOnlyList<CaptureKey> Keys,
    byte[]? Bssid,
    bool ForcePcapng,
    bool Json);
