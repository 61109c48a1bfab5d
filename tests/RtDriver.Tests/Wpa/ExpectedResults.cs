using System.Text.Json;

namespace RtDriver.Tests.Wpa;

/// <summary>Reads ../shared/testdata/captures/expected_results.json (what airdecap-ng 1.7 and tshark 4.0.17 did with each capture).</summary>
internal static class ExpectedResults
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(TestPaths.RequireShared("testdata", "captures", "expected_results.json"))));

    public static JsonElement Capture(string file) => Document.Value.RootElement.GetProperty("captures").GetProperty(file);

    public static JsonElement Tshark(string file) => Capture(file).GetProperty("tshark_4_0_17");

    public static long AirdecapStat(string file, string line) => Capture(file).GetProperty("airdecap_ng_1_7").GetProperty("stats").GetProperty(line).GetInt64();

    /// <summary>"56-57,157,171" → {56, 57, 157, 171}.</summary>
    public static SortedSet<long> Ranges(string text)
    {
        var set = new SortedSet<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0) { set.Add(long.Parse(part)); continue; }
            for (long n = long.Parse(part[..dash]); n <= long.Parse(part[(dash + 1)..]); n++) set.Add(n);
        }
        return set;
    }

    public static SortedSet<long> TsharkDecrypted(string file) => Ranges(Tshark(file).GetProperty("decrypted_frame_numbers").GetString()!);

    /// <summary>Keys of tk_by_frames / gtk_by_frames with [first, last, count].</summary>
    public static Dictionary<string, (long First, long Last, long Count)> KeysByFrames(string file, string property)
    {
        var d = new Dictionary<string, (long, long, long)>();
        foreach (var p in Tshark(file).GetProperty(property).EnumerateObject())
        {
            var a = p.Value.EnumerateArray().Select(e => e.GetInt64()).ToArray();
            d[p.Name] = (a[0], a[1], a[2]);
        }
        return d;
    }
}
