using System.Text.Json;
using RtDriver;
using RtDriver.Capture;
using RtDriver.Wpa;

namespace RtProbe;

/// <summary>
/// `rtprobe pcap decrypt IN OUT (--psk PASS --ssid SSID | --pmk HEX | --key CIPHER:HEX ...)`: reads a
/// pcap/pcapng capture (802.11, radiotap, Prism, AVS; FCS stripped), follows the 4-way and group key
/// handshakes, decrypts every protected data frame with the library's frame path and writes the
/// plaintext frames (802.11, Protected cleared) to OUT; --ethernet FILE also writes them as Ethernet
/// frames the way airdecap-ng does. Prints counts per cipher and status.
/// Exit 0 when something decrypted or nothing was protected, 1 when protected frames exist and none opened.
/// </summary>
internal sealed class PcapDecryptCommand : ICommand
{
    public string Name => "pcap decrypt";
    public string Summary => "decrypt a WEP/WPA/WPA2 capture (passphrase or keys) with the library's frame path";
    public string Usage => "pcap decrypt IN OUT (--psk PASS --ssid SSID | --pmk HEX | --key CIPHER:HEX[@ID] ...) [--ethernet FILE] [--pcapng] [--json]";

    public int Run(string[] args)
    {
        var a = new ArgumentReader(args, ["--json", "--pcapng"], ["--psk", "--ssid", "--pmk", "--key", "--ethernet"]);
        if (a.Error is not null) return CliError.Usage(Name, a.Error, Usage);
        if (a.Positionals.Count != 2) return CliError.Usage(Name, "give an input and an output capture", Usage);
        string input = a.Positionals[0], output = a.Positionals[1];
        string? psk = a.Option("--psk"), ssid = a.Option("--ssid"), pmkHex = a.Option("--pmk");
        if (psk is not null && ssid is null) return CliError.Usage(Name, "--psk needs --ssid (the PMK is salted with the SSID)", Usage);
        if (psk is null && pmkHex is null && a.Options("--key").Count == 0)
            return CliError.Usage(Name, "no key material: give --psk PASS --ssid SSID, --pmk HEX or --key CIPHER:HEX", Usage);

        byte[]? pmk = pmkHex is not null ? Pmk.FromHex(pmkHex) : psk is not null ? Pmk.FromPassphrase(psk, ssid!) : null;
        var keys = a.Options("--key").Select(CaptureKey.Parse).ToList();
        var decryptor = new CaptureDecryptor(pmk, keys);
        var format = a.Flag("--pcapng") ? CaptureFormat.Pcapng : CaptureFormat.Pcap;
        bool json = a.Flag("--json");

        CaptureReader reader;
        long inputLength;
        try
        {
            reader = CaptureReader.Open(input);
            inputLength = new FileInfo(input).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return CliError.File(Name, input, e); }

        long records = 0, decrypted = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (reader)
        {
            CaptureWriter? dot11 = null, ethernet = null;
            try
            {
                try
                {
                    dot11 = CaptureWriter.Create(output, LinkType.Ieee80211, format);
                    if (a.Option("--ethernet") is { } ethPath) ethernet = CaptureWriter.Create(ethPath, LinkType.Ethernet, format);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return CliError.File(Name, output, e); }

                using var progress = new ProgressBar("decrypting", suppressed: json || inputLength < 1_000_000);
                var eth = new byte[65536 + 14];
                while (reader.TryRead(out var record))
                {
                    records++;
                    var r = decryptor.Process(record);
                    if (r.Outcome is FrameOutcome.Decrypted or FrameOutcome.DecryptedReplay)
                    {
                        decrypted++;
                        dot11.Write(record.TimestampMicros, r.Plaintext.Span);
                        if (ethernet is not null)
                        {
                            int n = EthernetConversion.Convert(r.Plaintext.Span, eth);
                            if (n > 0) ethernet.Write(record.TimestampMicros, eth.AsSpan(0, n));
                        }
                    }
                    progress.Report(reader.BytesRead, inputLength, $"{records} frames, {decrypted} decrypted");
                }
            }
            finally
            {
                dot11?.Dispose();
                ethernet?.Dispose();
            }
        }

        long undecrypted = decryptor.Count(FrameOutcome.Failed) + decryptor.Count(FrameOutcome.NoKey);
        if (json) JsonOutput.Write(w => WriteJson(w, input, output, records, reader.Truncated, decryptor));
        else WriteText(input, output, records, reader.Truncated, decryptor, started.Elapsed);
        // Failure only when there was protected data and none of it opened (wrong passphrase/key):
        // frames of other networks in the same capture are normal.
        return undecrypted > 0 && decrypted == 0 ? ExitCode.Failure : ExitCode.Ok;
    }

    private static string CipherName(RtCipher? c) => c switch
    {
        null => "-",
        RtCipher.Wep40 => "WEP-40",
        RtCipher.Wep104 => "WEP-104",
        RtCipher.Tkip => "TKIP",
        RtCipher.Ccmp => "CCMP",
        RtCipher.Ccmp256 => "CCMP-256",
        RtCipher.Gcmp => "GCMP",
        RtCipher.Gcmp256 => "GCMP-256",
        _ => c.ToString()!,
    };

    private static string OutcomeName(FrameOutcome o) => o switch
    {
        FrameOutcome.NotWireless => "not 802.11",
        FrameOutcome.NotData => "not data (control/management)",
        FrameOutcome.Plaintext => "plaintext data",
        FrameOutcome.ProtectedManagement => "protected management (not decrypted)",
        FrameOutcome.Decrypted => "decrypted",
        FrameOutcome.DecryptedReplay => "decrypted, retransmission (replayed PN)",
        FrameOutcome.FragmentHeld => "fragment (reassembled with the next)",
        FrameOutcome.NoKey => "no key",
        _ => "failed",
    };

    private static void WriteText(string input, string output, long records, bool truncated, CaptureDecryptor d, TimeSpan elapsed)
    {
        Console.WriteLine($"{input}: {records} frames{(truncated ? " (file ends inside a record: the last one was skipped)" : "")}, {elapsed.TotalSeconds:0.00} s");
        var table = new OutputTable("CIPHER", "RESULT", "STATUS", "FRAMES>");
        foreach (var ((outcome, cipher, status), count) in d.Counts.OrderBy(k => k.Key.Outcome).ThenBy(k => k.Key.Cipher))
            table.Add(CipherName(cipher), OutcomeName(outcome), status.Name(), count);
        table.Print(indent: "  ");
        if (d.Handshakes is { } t)
        {
            var keys = new OutputTable("KEY", "BETWEEN", "CIPHER", "FROM FRAME>", "KEY (TK/GTK)");
            foreach (var s in t.Sessions)
                foreach (var k in s.PairwiseKeys)
                    keys.Add($"PTK ({k.Ptk.Akm})", $"{Mac(s.Authenticator)} - {Mac(s.Supplicant)}", CipherName(k.Ptk.Cipher), k.FrameNumber, JsonOutput.Hex(k.Ptk.Tk));
            foreach (var g in t.GroupKeys)
                keys.Add($"GTK id {g.KeyId}", Mac(g.Authenticator), CipherName(g.Cipher), g.FrameNumber, JsonOutput.Hex(g.Key));
            Console.WriteLine();
            if (keys.RowCount == 0) Console.WriteLine("  no complete handshake verified with this passphrase/SSID (a MIC must verify for a key to be used)");
            else keys.Print(indent: "  ");
        }
        long decrypted = d.Count(FrameOutcome.Decrypted) + d.Count(FrameOutcome.DecryptedReplay);
        Console.WriteLine();
        Console.WriteLine($"wrote {decrypted} decrypted frame(s) to {output}");
    }

    private static void WriteJson(Utf8JsonWriter w, string input, string output, long records, bool truncated, CaptureDecryptor d)
    {
        w.WriteStartObject();
        w.WriteString("input", input);
        w.WriteString("output", output);
        w.WriteNumber("frames", records);
        w.WriteBoolean("truncated", truncated);
        w.WriteNumber("decrypted", d.Count(FrameOutcome.Decrypted) + d.Count(FrameOutcome.DecryptedReplay));
        w.WriteStartArray("counts");
        foreach (var ((outcome, cipher, status), count) in d.Counts.OrderBy(k => k.Key.Outcome).ThenBy(k => k.Key.Cipher))
        {
            w.WriteStartObject();
            if (cipher is null) w.WriteNull("cipher"); else w.WriteString("cipher", CipherName(cipher));
            w.WriteString("outcome", outcome.ToString());
            w.WriteString("status", status.Name());
            w.WriteNumber("frames", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("keys");
        if (d.Handshakes is { } t)
        {
            foreach (var s in t.Sessions)
                foreach (var k in s.PairwiseKeys)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "ptk");
                    w.WriteString("authenticator", Mac(s.Authenticator));
                    w.WriteString("supplicant", Mac(s.Supplicant));
                    w.WriteString("cipher", CipherName(k.Ptk.Cipher));
                    w.WriteString("akm", k.Ptk.Akm.ToString());
                    w.WriteNumber("frame", k.FrameNumber);
                    w.WriteString("tk", JsonOutput.Hex(k.Ptk.Tk));
                    w.WriteEndObject();
                }
            foreach (var g in t.GroupKeys)
            {
                w.WriteStartObject();
                w.WriteString("type", "gtk");
                w.WriteString("authenticator", Mac(g.Authenticator));
                w.WriteNumber("key_id", g.KeyId);
                w.WriteString("cipher", CipherName(g.Cipher));
                w.WriteNumber("frame", g.FrameNumber);
                w.WriteString("gtk", JsonOutput.Hex(g.Key));
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Mac(byte[] m) => string.Join(':', m.Select(b => b.ToString("x2")));
}
