using RtDriver.Crypto;
using RtDriver.Crypto.SelfTest;
using Xunit;

namespace RtDriver.Tests.Crypto.SelfTest;

[Collection("Console")] // redirects Console.Out: never in parallel with the other console tests
public class FrameSelfTestTests
{
    [Fact]
    public void EveryCipherPassesOnEverySupportedPath()
    {
        var results = FrameSelfTest.Run();
        Assert.Equal(13 * CryptoPath.Supported.Count, results.Count); // 11 ciphers, Michael, Primitives
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Cipher} on {r.Path}: {r.Detail}"));
        Assert.Equal(CryptoPath.Supported.OrderBy(p => p), results.Select(r => r.Path).Distinct().OrderBy(p => p));
    }

    [Fact]
    public void ACorruptedVectorIsReportedAsAFailure()
    {
        var vectors = KnownAnswerVectors.Frames.Select(v => v.Cipher == RtDriver.RtCipher.Gcmp
            ? v with { Protected = v.Protected[..^2] + (v.Protected[^2..] == "00" ? "01" : "00") } : v).ToList();
        var results = FrameSelfTest.Run(vectors);
        Assert.All(results.Where(r => r.Cipher == "GCMP-128"), r => Assert.False(r.Passed));
        Assert.All(results.Where(r => r.Cipher != "GCMP-128"), r => Assert.True(r.Passed));
    }

    [Fact]
    public void RtprobeSelftestPrintsTheTableAndExitsZero()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int exit;
        try { exit = global::RtProbe.CommandLine.Run(["selftest"]); }
        finally { Console.SetOut(previous); }
        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("CCMP-256", text);
        Assert.Contains("portable", text);
        Assert.Contains("passed", text);
        Assert.DoesNotContain("FAIL", text);
    }
}
