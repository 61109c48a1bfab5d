using RtDriver.Crypto;
using RtDriver.Crypto.SelfTest;

namespace RtProbe;

/// <summary>
/// rtprobe selftest: the known-answer tests of every cipher on every crypto path this CPU
/// supports, as a table (cipher × path → pass/FAIL). Exit status 1 when anything fails.
/// </summary>
internal sealed class SelftestCommand : ICommand
{
    public string Name => "selftest";
    public string Summary => "known-answer tests of every cipher on every crypto path this CPU supports (table; exit 1 on failure)";
    public string Usage => "selftest [--verbose]";

    public int Run(string[] args)
    {
        bool verbose = false;
        foreach (var a in args)
        {
            if (a is "-v" or "--verbose") verbose = true;
            else
            {
                Console.Error.WriteLine($"rtprobe selftest: unknown option '{a}'; usage: rtprobe {Usage}");
                return ExitCode.Usage;
            }
        }
        var results = FrameSelfTest.Run();
        var paths = results.Select(r => r.Path).Distinct().ToList();
        var ciphers = results.Select(r => r.Cipher).Distinct().ToList();
        int width = Math.Max(8, ciphers.Max(c => c.Length));
        Console.WriteLine($"crypto self-test (default path: {CryptoPath.Name(CryptoPath.Current)})");
        Console.WriteLine("cipher".PadRight(width) + "  " + string.Join("  ", paths.Select(p => CryptoPath.Name(p).PadRight(9))));
        foreach (var c in ciphers)
        {
            var row = paths.Select(p => results.First(r => r.Cipher == c && r.Path == p).Passed ? "pass" : "FAIL");
            Console.WriteLine(c.PadRight(width) + "  " + string.Join("  ", row.Select(x => x.PadRight(9))));
        }
        var failures = results.Where(r => !r.Passed).ToList();
        foreach (var f in failures) Console.WriteLine($"FAIL {f.Cipher} on {CryptoPath.Name(f.Path)}: {f.Detail}");
        if (verbose)
            foreach (var r in results.Where(r => r.Passed)) Console.WriteLine($"pass {r.Cipher} on {CryptoPath.Name(r.Path)}: {r.Detail}");
        Console.WriteLine(failures.Count == 0
            ? $"all {results.Count} tests passed on {paths.Count} path(s)"
            : $"{failures.Count} of {results.Count} tests FAILED");
        return failures.Count == 0 ? ExitCode.Ok : ExitCode.Failure;
    }
}
