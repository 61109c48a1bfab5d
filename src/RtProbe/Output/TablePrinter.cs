namespace RtProbe;

/// <summary>
/// A plain aligned text table: columns padded to their widest cell, the last column left ragged
/// (it is usually a sentence). Small on purpose; the "tool" helper may replace it with its own.
/// </summary>
internal sealed class TablePrinter
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TablePrinter(params string[] headers) => _headers = headers;

    public int Count => _rows.Count;

    public TablePrinter Row(params object?[] cells)
    {
        var r = new string[_headers.Length];
        for (int i = 0; i < r.Length; i++) r[i] = i < cells.Length ? cells[i]?.ToString() ?? "" : "";
        _rows.Add(r);
        return this;
    }

    public void Print(TextWriter? output = null, string indent = "")
    {
        var w = output ?? Console.Out;
        var widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(_headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        void Line(string[] cells)
        {
            var parts = cells.Select((cell, c) => c == cells.Length - 1 ? cell : cell.PadRight(widths[c]));
            w.WriteLine((indent + string.Join("  ", parts)).TrimEnd());
        }
        Line(_headers);
        foreach (var r in _rows) Line(r);
    }
}
