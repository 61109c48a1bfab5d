using System.CommandLine;
using RtDriver.Crypto;
using RtDriver.Crypto.SelfTest;

namespace RtProbe;

/// <summary>
/// rtprobe selftest: the known-answer tests of every cipher on every crypto path this CPU
/// supports, as a table (cipher × path → pass/FAIL). Exit status 1 when anything fails.
/// </summary>
internal static class SelftestCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose", "-v") { Description = "also list every passing test with its detail" };
        var json = CommonOptions.Json();
        var command = new Command("selftest", "known-answer tests of every cipher on every crypto path this CPU supports (exit 1 on failure)") { verbose, json };
        command.SetAction(r => Run(r.GetValue(verbose), r.GetValue(json)));
        return command;
    }

    private static int Run(bool verbose, bool json)
    {
        var results = FrameSelfTest.Run();
        var paths = results.Select(r => r.Path).Distinct().ToList();
        var ciphers = results.Select(r => r.Cipher).Distinct().ToList();
        var failures = results.Where(r => !r.Passed).ToList();
        if (json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("default_path", JsonOutput.Snake(CryptoPath.Name(CryptoPath.Current)));
                w.WriteBoolean("passed", failures.Count == 0);
                w.WriteNumber("tests", results.Count);
                w.WriteNumber("failures", failures.Count);
                w.WriteStartArray("results");
                foreach (var t in results)
                {
                    w.WriteStartObject();
                    // The self-test names ciphers for people ("CCMP-128"); scripts get the one canonical name.
                    w.WriteString("cipher", CipherNames.TryParse(t.Cipher) is { } c ? CipherNames.Name(c) : JsonOutput.Snake(t.Cipher));
                    w.WriteString("path", JsonOutput.Snake(CryptoPath.Name(t.Path)));
                    w.WriteBoolean("passed", t.Passed);
                    w.WriteString("detail", t.Detail);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return failures.Count == 0 ? ExitCode.Ok : ExitCode.Failure;
        }
        int width = Math.Max(8, ciphers.Max(c => c.Length));
        Console.WriteLine($"crypto self-test (default path: {CryptoPath.Name(CryptoPath.Current)})");
        Console.WriteLine("cipher".PadRight(width) + "  " + string.Join("  ", paths.Select(p => CryptoPath.Name(p).PadRight(9))));
        foreach (var c in ciphers)
        {
            var row = paths.Select(p => results.First(r => r.Cipher == c && r.Path == p).Passed ? "pass" : "FAIL");
            Console.WriteLine(c.PadRight(width) + "  " + string.Join("  ", row.Select(x => x.PadRight(9))));
        }
        foreach (var f in failures) Console.WriteLine($"FAIL {f.Cipher} on {CryptoPath.Name(f.Path)}: {f.Detail}");
        if (verbose)
            foreach (var r in results.Where(r => r.Passed)) Console.WriteLine($"pass {r.Cipher} on {CryptoPath.Name(r.Path)}: {r.Detail}");
        Console.WriteLine(failures.Count == 0
            ? $"all {results.Count} tests passed on {paths.Count} path(s)"
            : $"{failures.Count} of {results.Count} tests FAILED");
        return failures.Count == 0 ? ExitCode.Ok : ExitCode.Failure;
    }
}
