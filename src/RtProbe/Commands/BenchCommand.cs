using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RtDriver;
using RtDriver.Crypto;
using RtDriver.Crypto.Frames;

namespace RtProbe;

/// <summary>
/// `rtprobe bench`: the library's software frame path (FrameKey encrypt/decrypt of whole MPDUs) per
/// cipher and payload size, in MB/s of payload and CPU cycles per byte (at the nominal clock from
/// /proc/cpuinfo). A simple timed loop — a quick look, not a benchmark harness (benchmarks/ has that).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var cipher = new Option<string?>("--cipher")
        {
            Description = $"ciphers to measure, comma-separated (default: all of {CipherNames.Known})",
            HelpName = "NAME[,NAME...]",
        };
        var sizes = new Option<string?>("--sizes") { Description = "payload sizes in bytes, comma-separated, 1..7920 (default 64,576,1500)", HelpName = "N[,N...]" };
        var seconds = new Option<string?>("--seconds") { Description = "time per measurement, in (0, 10] (default 0.25)", HelpName = "S" };
        var json = CommonOptions.Json();
        var command = new Command("bench", "measure software frame encrypt/decrypt speed per cipher and size (MB/s, cycles/byte)")
        {
            cipher, sizes, seconds, json,
        };
        command.SetAction(r => Run(r.GetValue(cipher), r.GetValue(sizes), r.GetValue(seconds), r.GetValue(json)));
        return command;
    }

    private static int Run(string? cipherText, string? sizeText, string? secText, bool json)
    {
        var ciphers = CipherNames.All.ToList();
        if (cipherText is not null)
            ciphers = cipherText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => CipherNames.Parse(n, "--cipher")).Distinct().ToList();
        var sizes = new List<int> { 64, 576, 1500 };
        if (sizeText is not null)
        {
            sizes = [];
            foreach (var s in sizeText.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > 7920)
                    throw new UsageException($"--sizes: '{s}' must be a payload length 1..7920");
                sizes.Add(n);
            }
        }
        double seconds = 0.25;
        if (secText is not null &&
            (!double.TryParse(secText, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0 || seconds > 10))
            throw new UsageException($"--seconds '{secText}' must be a number in (0, 10]");

        double? ghz = NominalGhz();
        var results = new List<(string Cipher, int Size, double EncMBs, double DecMBs)>();
        bool progressOff = json;
        int total = ciphers.Count * sizes.Count, done = 0;
        using (var progress = new ProgressBar("bench", suppressed: progressOff))
        {
            foreach (var cipher in ciphers)
                foreach (int size in sizes)
                {
                    string name = CipherNames.Name(cipher);
                    progress.Report(done++, total, $"{name} {size} B");
                    var (enc, dec) = Measure(cipher, size, seconds);
                    results.Add((name, size, enc, dec));
                }
            progress.Report(total, total);
        }

        if (json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("crypto_path", JsonOutput.Snake(CryptoPath.Name(CryptoPath.Current)));
                if (ghz is { } g) w.WriteNumber("nominal_ghz", Math.Round(g, 3)); else w.WriteNull("nominal_ghz");
                w.WriteStartArray("results");
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WriteString("cipher", r.Cipher);
                    w.WriteNumber("payload_bytes", r.Size);
                    w.WriteNumber("encrypt_mb_per_s", Math.Round(r.EncMBs, 1));
                    w.WriteNumber("decrypt_mb_per_s", Math.Round(r.DecMBs, 1));
                    if (ghz is { } gh)
                    {
                        w.WriteNumber("encrypt_cycles_per_byte", Math.Round(gh * 1000 / r.EncMBs, 2));
                        w.WriteNumber("decrypt_cycles_per_byte", Math.Round(gh * 1000 / r.DecMBs, 2));
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCode.Ok;
        }

        Console.WriteLine($"software frame path, crypto path {CryptoPath.Name(CryptoPath.Current)}" +
                          (ghz is { } clock ? $", cycles/byte at the nominal {clock:0.00} GHz" : ", clock unknown (no cycles/byte)"));
        var table = new OutputTable("CIPHER", "PAYLOAD>", "ENCRYPT MB/s>", "DECRYPT MB/s>", "ENC cyc/B>", "DEC cyc/B>");
        foreach (var r in results)
            table.Add(r.Cipher, r.Size, r.EncMBs, r.DecMBs,
                ghz is { } g1 ? (object)(g1 * 1000 / r.EncMBs) : null, ghz is { } g2 ? (object)(g2 * 1000 / r.DecMBs) : null);
        table.Print(indent: "  ");
        return ExitCode.Ok;
    }

    /// <summary>Payload MB/s (10^6 bytes) of encrypt and of decrypt for one cipher and size.</summary>
    internal static (double Encrypt, double Decrypt) Measure(RtCipher cipher, int payload, double seconds)
    {
        var material = Enumerable.Range(1, FrameKey.KeyLength(cipher)).Select(i => (byte)i).ToArray();
        int keyId = RtCipherInfo.IsBipCipher(cipher) ? 4 : 0;
        var key = FrameKey.Create(cipher, material, keyId);
        // The receiver's TKIP key has the two Michael keys the other way round (TX | RX from its side).
        var rxMaterial = cipher == RtCipher.Tkip ? [.. material[..16], .. material[24..32], .. material[16..24]] : material;
        var rx = FrameKey.Create(cipher, rxMaterial, keyId);
        byte[] plain;
        if (RtCipherInfo.IsBipCipher(cipher))
        {
            // BIP protects group-addressed management frames: a broadcast Action frame (24-byte header).
            plain = new byte[24 + payload];
            plain[0] = 0xd0;
            for (int i = 4; i < 10; i++) plain[i] = 0xff;
            for (int i = 10; i < 22; i++) plain[i] = (byte)i;
            for (int i = 24; i < plain.Length; i++) plain[i] = (byte)(i * 7);
        }
        else
        {
            // A QoS data frame, ToDS, TID 0.
            plain = new byte[26 + payload];
            plain[0] = 0x88; plain[1] = 0x01;
            for (int i = 4; i < 22; i++) plain[i] = (byte)i;
            for (int i = 26; i < plain.Length; i++) plain[i] = (byte)(i * 7);
        }
        var protectedFrame = new byte[plain.Length + 64];
        var output = new byte[plain.Length + 64];

        var s = key.Encrypt(plain, protectedFrame, out int protLen);
        if (s != RtStatus.Ok) throw new RtException(s, $"bench: {cipher} encrypt of a {payload}-byte frame failed: {FrameKey.LastFailureReason}");
        s = rx.Decrypt(protectedFrame.AsSpan(0, protLen), output, out _);
        if (s != RtStatus.Ok) throw new RtException(s, $"bench: {cipher} decrypt of its own frame failed: {FrameKey.LastFailureReason}");

        double enc = Loop(seconds, payload, () =>
        {
            key.SetTxPn(1);
            key.Encrypt(plain, output, out _);
        });
        double dec = Loop(seconds, payload, () =>
        {
            rx.SetRxPn(ReplayCounters.All, 0); // same frame again: not a replay for the benchmark
            rx.Decrypt(protectedFrame.AsSpan(0, protLen), output, out _);
        });
        return (enc, dec);
    }

    private static double Loop(double seconds, int payload, Action op)
    {
        for (int i = 0; i < 50; i++) op(); // warm up (tiered JIT on non-AOT builds)
        long iterations = 0;
        var sw = Stopwatch.StartNew();
        long limit = (long)(seconds * Stopwatch.Frequency);
        // At least one round before looking at the clock: a thread preempted right after the
        // stopwatch started must still measure something, not report 0 MB/s.
        do
        {
            for (int i = 0; i < 64; i++) op();
            iterations += 64;
        }
        while (sw.ElapsedTicks < limit);
        return iterations * (double)payload / sw.Elapsed.TotalSeconds / 1e6;
    }

    private static double? NominalGhz()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                // "model name : Intel(R) Xeon(R) CPU @ 2.50GHz" names the nominal clock; "cpu MHz" is the current one.
                if (line.StartsWith("model name") && line.LastIndexOf('@') is int at and > 0 && line.EndsWith("GHz")
                    && double.TryParse(line[(at + 1)..^3].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double g))
                    return g;
            }
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("cpu MHz") && double.TryParse(line[(line.IndexOf(':') + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double mhz))
                    return mhz / 1000;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
