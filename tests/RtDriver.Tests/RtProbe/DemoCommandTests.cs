using Xunit;

namespace RtDriver.Tests.ProbeCli;

[Collection("Console")]
public class DemoCommandTests
{
    [Fact]
    public void DemoPlacesKeysAsPromisedAndRoundTripsEveryFrame()
    {
        var (exit, output, error) = ConsoleCapture.Run(() => RtProbe.CommandLine.Run(["demo"]));
        Assert.True(exit == 0, $"demo exited {exit}: {error}\n{output}");
        Assert.Contains("set_key CCMP     RT_OK — placed in hardware", output);
        Assert.Contains("set_key GCMP     RT_OK — placed in software", output);
        Assert.Contains("set_key TKIP     RT_OK — placed in software: the key did not stick in hardware", output);
        Assert.Equal(3, output.Split("back, identical").Length - 1);
        Assert.Equal(3, output.Split("the same frame again → RT_ERR_REPLAY").Length - 1);
        Assert.DoesNotContain("FAILED", output);
    }

    [Fact]
    public void DemoRejectsArguments()
    {
        var (exit, _, error) = ConsoleCapture.Run(() => RtProbe.CommandLine.Run(["demo", "--bogus"]));
        Assert.Equal(2, exit);
        Assert.Contains("'--bogus'", error);
    }
}
