using System.Diagnostics;

namespace RtProbe;

/// <summary>
/// A one-line progress bar for long work, drawn only when stdout is a terminal (never into a pipe,
/// a file or --json output), redrawn at most 10 times a second, and erased when done.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly string _label;
    private readonly bool _enabled;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private bool _drawn;

    public ProgressBar(string label, bool suppressed = false)
    {
        _label = label;
        _enabled = !suppressed && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
    }

    public bool Enabled => _enabled;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units (e.g. bytes read).</summary>
    public void Report(long done, long total, string? detail = null)
    {
        if (!_enabled || (_drawn && _sinceDraw.ElapsedMilliseconds < 100 && done < total)) return;
        _sinceDraw.Restart();
        double fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        int filled = (int)(fraction * Width);
        string bar = new string('#', filled) + new string('.', Width - filled);
        Console.Out.Write($"\r{_label} [{bar}] {fraction * 100,5:0.0}%{(detail is null ? "" : "  " + detail)}\u001b[K");
        _drawn = true;
    }

    public void Dispose()
    {
        if (_enabled && _drawn) Console.Out.Write("\r\u001b[K");
    }
}
