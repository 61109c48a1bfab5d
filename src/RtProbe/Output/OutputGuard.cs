using System.Text;

namespace RtProbe;

/// <summary>
/// Standard output could not be written (disk full, the pipe's reader gone, fd 1 closed). Raised
/// by <see cref="GuardedWriter"/> so CommandLine.Run can tell it apart from a failing input file
/// and report it as one line instead of a crash.
/// </summary>
internal sealed class OutputFailedException(string stream, IOException cause)
    : IOException($"cannot write to {stream}: {Describe(stream, cause)}", cause)
{
    // .NET on Unix puts the errno into HResult of the IOException it raises for a failed write(2).
    private const int EBADF = 9, ENOSPC = 28, EPIPE = 32, EDQUOT = 122;

    internal static string Describe(string stream, IOException e) => e.HResult switch
    {
        ENOSPC => "no space left on device",
        EDQUOT => "disk quota exceeded",
        EPIPE => "the reading end of the pipe was closed",
        EBADF => $"{stream} is closed",
        _ => e.Message.TrimEnd('.').ToLowerInvariant() is { Length: > 0 } m ? m : "input/output error",
    };
}

/// <summary>
/// A TextWriter in front of Console.Out (or Console.Error) that turns every IOException of the
/// underlying stream into <see cref="OutputFailedException"/> — one place for the whole tool, so no
/// command needs its own try/catch around Console.WriteLine. For standard error the failure is
/// swallowed instead: there is nowhere left to report it, and the exit code still says it.
/// </summary>
internal sealed class GuardedWriter : TextWriter
{
    private readonly TextWriter? _inner;
    private readonly IOException? _openFailure;
    private readonly string _stream;
    private readonly bool _swallow;

    public GuardedWriter(Func<TextWriter> open, string stream, bool swallow)
    {
        _stream = stream;
        _swallow = swallow;
        // With fd 1 closed .NET may already fail here (dup(2) → EBADF); that is reported at the
        // first write, like any other write failure.
        // .NET reports that as UnauthorizedAccessException around the IOException that holds the errno.
        try { _inner = open(); }
        catch (IOException e) { _openFailure = e; }
        catch (UnauthorizedAccessException e) { _openFailure = e.InnerException as IOException ?? new IOException(e.Message, e); }
    }

    public TextWriter? Inner => _inner;
    public override Encoding Encoding => _inner?.Encoding ?? Encoding.UTF8;

    private void Guard(Action<TextWriter> write)
    {
        try
        {
            if (_openFailure is not null) throw _openFailure;
            write(_inner!);
        }
        catch (IOException e) when (e is not OutputFailedException)
        {
            if (!_swallow) throw new OutputFailedException(_stream, e);
        }
        catch (ObjectDisposedException) when (_swallow) { }
    }

    public override void Write(char value) => Guard(w => w.Write(value));
    public override void Write(string? value) => Guard(w => w.Write(value));
    public override void Write(char[] buffer, int index, int count) => Guard(w => w.Write(buffer, index, count));
    public override void Write(ReadOnlySpan<char> buffer)
    {
        string text = new(buffer); // a span cannot be captured by the lambda
        Guard(w => w.Write(text));
    }
    public override void WriteLine(string? value) => Guard(w => w.WriteLine(value));
    public override void WriteLine() => Guard(w => w.WriteLine());
    public override void Flush() => Guard(w => w.Flush());
}
