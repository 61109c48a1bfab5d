using System.Globalization;
using System.Text;

namespace RtProbe;

/// <summary>
/// A table for people: a header row, columns padded to their widest cell, numbers right-aligned,
/// two spaces between columns, no borders (so it pastes cleanly into bug reports).
/// </summary>
internal sealed class OutputTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAlign;
    private readonly List<string[]> _rows = [];

    /// <param name="headers">Column titles; a title ending in '>' right-aligns its column (the '>' is not shown).</param>
    public OutputTable(params string[] headers)
    {
        _rightAlign = headers.Select(h => h.EndsWith('>')).ToArray();
        _headers = headers.Select(h => h.TrimEnd('>')).ToArray();
    }

    public int RowCount => _rows.Count;

    public OutputTable Add(params object?[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"row has {cells.Length} cells, table has {_headers.Length} columns");
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    private static string Format(object? cell) => cell switch
    {
        null => "-",
        string s => s,
        double d => d.ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    public string Render(string indent = "")
    {
        var widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(_headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            sb.Append(indent);
            for (int c = 0; c < cells.Length; c++)
            {
                bool last = c == cells.Length - 1;
                string cell = _rightAlign[c] ? cells[c].PadLeft(widths[c]) : last ? cells[c] : cells[c].PadRight(widths[c]);
                sb.Append(cell);
                if (!last) sb.Append("  ");
            }
            sb.Append('\n');
        }
        Line(_headers);
        foreach (var r in _rows) Line(r);
        return sb.ToString();
    }

    public void Print(TextWriter? writer = null, string indent = "") => (writer ?? Console.Out).Write(Render(indent));
}
