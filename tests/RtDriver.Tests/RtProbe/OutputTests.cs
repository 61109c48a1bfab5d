using global::RtProbe;
using Xunit;

namespace RtDriver.Tests.ProbeCli;

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
