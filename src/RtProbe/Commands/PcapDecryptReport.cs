using System.Globalization;
using System.Text.Json;
using RtDriver;
using RtDriver.Capture;
using RtDriver.Wpa;

namespace RtProbe;

/// <summary>
/// The summary of a `pcap decrypt` run, as text for people or JSON for scripts (the same facts):
/// frames read, counts per cipher and result, the keys found, the time and what it measures, and
/// every file written with its format and frame count (or why nothing was written).
/// </summary>
internal sealed class PcapDecryptReport(
    PcapDecryptOptions options,
    CaptureReader reader,
    long records,
    long skippedOtherBss,
    CaptureDecryptor decryptor,
    IReadOnlyList<PcapDecryptRun.Target> targets,
    bool written,
    TimeSpan elapsed)
{
    // The stopwatch runs from opening the capture to the last rename: everything the user waited for
    // (a run that writes nothing stops after decrypting).
    private string TimeMeasures => written ? "read, decrypt, write and sync" : "read and decrypt, nothing written";

    private long Decrypted => PcapDecryptRun.Decrypted(decryptor);

    private long Protected =>
        Decrypted + decryptor.Count(FrameOutcome.Failed) + decryptor.Count(FrameOutcome.NoKey) + decryptor.Count(FrameOutcome.FragmentHeld);

    private static string FormatName(CaptureFormat f) => f == CaptureFormat.Pcapng ? "pcapng" : "pcap";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    public void WriteText(TextWriter w)
    {
        string notes = (reader.Compressed ? ", gzip-compressed" : "")
            + (reader.Truncated ? "; the file ends inside a record: the last one was skipped" : "");
        w.WriteLine($"{options.Input}: {records} frames read{notes}");
        if (options.Bssid is { } b)
            w.WriteLine($"--bssid {MacAddress.Format(b)}: {records - skippedOtherBss} frames of that BSS, {skippedOtherBss} others skipped"
                + (records > 0 && records == skippedOtherBss ? " (no frame of the capture belongs to it: check the BSSID)" : ""));
        var table = new OutputTable("CIPHER", "RESULT", "STATUS", "FRAMES>");
        foreach (var ((outcome, cipher, status), count) in decryptor.Counts.OrderBy(k => k.Key.Outcome).ThenBy(k => k.Key.Cipher))
            table.Add(CipherName(cipher), OutcomeName(outcome), status.Name(), count);
        table.Print(w, indent: "  ");
        if (decryptor.Handshakes is { } t)
        {
            var keys = new OutputTable("KEY", "BETWEEN", "CIPHER", "FROM FRAME>", "KEY (TK/GTK)");
            foreach (var s in t.Sessions)
                foreach (var k in s.PairwiseKeys)
                    keys.Add($"PTK ({k.Ptk.Akm})", $"{MacAddress.Format(s.Authenticator)} - {MacAddress.Format(s.Supplicant)}", CipherName(k.Ptk.Cipher), k.FrameNumber, JsonOutput.Hex(k.Ptk.Tk));
            foreach (var g in t.GroupKeys)
                keys.Add($"GTK id {g.KeyId}", MacAddress.Format(g.Authenticator), CipherName(g.Cipher), g.FrameNumber, JsonOutput.Hex(g.Key));
            w.WriteLine();
            if (keys.RowCount == 0) w.WriteLine("  no complete handshake verified with this passphrase/SSID (a MIC must verify for a key to be used)");
            else keys.Print(w, indent: "  ");
        }
        w.WriteLine();
        w.WriteLine($"decrypted {Decrypted} of {Protected} protected data frames in {Seconds(elapsed)} s (wall time: {TimeMeasures})");
        if (written)
        {
            foreach (var target in targets)
                w.WriteLine($"wrote {Describe(target.Path)}: {FormatName(target.Format)}, {LinkType.Name(target.LinkType)}, {target.Frames} frame(s)");
        }
        else
        {
            foreach (var target in targets)
                w.WriteLine(target.File is { InPlace: true }
                    ? $"not finished: {Describe(target.Path)} (written in place; what it received stays)"
                    : $"not written: {Describe(target.Path)} ({(target.ExistedBefore ? "the existing file was left as it was" : "not created")})");
        }
    }

    private static string Describe(string path) => path == "-" ? "standard output" : path;

    public void WriteJson(TextWriter writer) => writer.Write(JsonOutput.Render(w =>
    {
        w.WriteStartObject();
        w.WriteString("input", options.Input);
        w.WriteBoolean("input_gzip", reader.Compressed);
        w.WriteString("output", options.Output);
        w.WriteNumber("frames", records);
        w.WriteBoolean("truncated", reader.Truncated);
        if (options.Bssid is { } b) w.WriteString("bssid", MacAddress.Format(b)); else w.WriteNull("bssid");
        w.WriteNumber("skipped_other_bss", skippedOtherBss);
        w.WriteNumber("protected", Protected);
        w.WriteNumber("decrypted", Decrypted);
        w.WriteNumber("wall_seconds", Math.Round(elapsed.TotalSeconds, 6));
        w.WriteString("wall_time_measures", TimeMeasures);
        w.WriteBoolean("written", written);
        w.WriteStartArray("outputs");
        foreach (var t in targets)
        {
            w.WriteStartObject();
            w.WriteString("path", t.Path);
            w.WriteString("format", FormatName(t.Format));
            w.WriteString("link_type", t.LinkType == LinkType.Ethernet ? "ethernet" : "ieee802_11");
            w.WriteNumber("frames", written ? t.Frames : 0);
            w.WriteBoolean("written", written);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteCounts(w);
        WriteKeys(w);
        w.WriteEndObject();
    }));

    private void WriteCounts(Utf8JsonWriter w)
    {
        w.WriteStartArray("counts");
        foreach (var ((outcome, cipher, status), count) in decryptor.Counts.OrderBy(k => k.Key.Outcome).ThenBy(k => k.Key.Cipher))
        {
            w.WriteStartObject();
            if (cipher is { } c) w.WriteString("cipher", CipherNames.Name(c)); else w.WriteNull("cipher");
            w.WriteString("outcome", JsonOutput.Snake(outcome.ToString()));
            w.WriteString("status", status.Name());
            w.WriteNumber("frames", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private void WriteKeys(Utf8JsonWriter w)
    {
        w.WriteStartArray("keys");
        if (decryptor.Handshakes is { } t)
        {
            foreach (var s in t.Sessions)
                foreach (var k in s.PairwiseKeys)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "ptk");
                    w.WriteString("authenticator", MacAddress.Format(s.Authenticator));
                    w.WriteString("supplicant", MacAddress.Format(s.Supplicant));
                    w.WriteString("cipher", CipherNames.Name(k.Ptk.Cipher));
                    w.WriteString("akm", JsonOutput.Snake(k.Ptk.Akm.ToString()));
                    w.WriteNumber("frame", k.FrameNumber);
                    w.WriteString("tk", JsonOutput.Hex(k.Ptk.Tk));
                    w.WriteEndObject();
                }
            foreach (var g in t.GroupKeys)
            {
                w.WriteStartObject();
                w.WriteString("type", "gtk");
                w.WriteString("authenticator", MacAddress.Format(g.Authenticator));
                w.WriteNumber("key_id", g.KeyId);
                w.WriteString("cipher", CipherNames.Name(g.Cipher));
                w.WriteNumber("frame", g.FrameNumber);
                w.WriteString("gtk", JsonOutput.Hex(g.Key));
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
    }

    private static string CipherName(RtCipher? c) =>
        c is not { } cipher ? "-" : RtCipherInfo.Find(cipher)?.CaptureName ?? cipher.ToString();

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
}
