using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.RtProbe;

public class OutputTests
{
    [Fact]
    public void TableAlignsColumnsAndRightAlignsNumbers()
    {
        var t = new OutputTable("NAME", "COUNT>", "NOTE");
        t.Add("ccmp", 5, "x");
        t.Add("wep40", 12345, null);
        Assert.Equal("NAME   COUNT  NOTE\nccmp       5  x\nwep40  12345  -\n", t.Render());
        Assert.Throws<ArgumentException>(() => t.Add("only one"));
    }

    [Fact]
    public void ArgumentReaderTakesFlagsOptionsAndPositionalsAndNamesUnknowns()
    {
        var a = new ArgumentReader(["in.cap", "--key", "wep:01", "--key=ccmp:02", "--json", "out.cap"], ["--json"], ["--key"]);
        Assert.Null(a.Error);
        Assert.Equal(["in.cap", "out.cap"], a.Positionals);
        Assert.Equal(["wep:01", "ccmp:02"], a.Options("--key"));
        Assert.True(a.Flag("--json"));
        Assert.Equal("unknown option '--x'", new ArgumentReader(["--x"], [], []).Error);
        Assert.Equal("option '--key' needs a value", new ArgumentReader(["--key"], [], ["--key"]).Error);
        Assert.Equal("unknown option '-v'", new ArgumentReader(["-v"], [], []).Error);
    }

    [Fact]
    public void JsonOutputIsValidIndentedJson()
    {
        var text = JsonOutput.Render(w => { w.WriteStartObject(); w.WriteString("tk", JsonOutput.Hex([0xAB, 0x01])); w.WriteEndObject(); });
        Assert.Equal("ab01", System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("tk").GetString());
    }

    [Fact]
    public void ProgressBarIsOffWhenSuppressed()
    {
        using var p = new ProgressBar("x", suppressed: true);
        Assert.False(p.Enabled);
    }
}
