using System.Runtime.InteropServices;

namespace RtProbe;

/// <summary>
/// An output file that appears whole or not at all. A regular file (or a new name) is written to a
/// temporary file in the same directory (<c>.NAME.rtprobe-XXXXXX.tmp</c>, same file system, so the
/// final rename is atomic), synced to disk and renamed onto the name only by <see cref="Commit"/>; a
/// run that fails, is interrupted or is disposed before Commit leaves the old file (or no file)
/// exactly as it was. Replacing an existing file keeps its permission bits.
/// Two kinds of output cannot work that way and are written in place: <c>-</c> (standard output) and
/// non-regular files such as /dev/full, a FIFO or a terminal; what they received cannot be rolled back.
/// </summary>
internal sealed class AtomicOutputFile : IDisposable
{
    private static readonly object s_lock = new();
    private static readonly HashSet<AtomicOutputFile> s_pending = [];
    private static bool s_interrupted;

    private readonly string? _tempPath;
    private string? _finalPath;
    private bool _done;
    private bool _synced;

    /// <summary>The name as the user gave it.</summary>
    public string Path { get; }

    /// <summary>Where the data goes until Commit.</summary>
    public Stream Stream { get; }

    /// <summary>True for <c>-</c> and non-regular files: written in place, no rollback.</summary>
    public bool InPlace => _tempPath is null;

    public bool IsStandardOutput { get; }

    private AtomicOutputFile(string path, Stream stream, string? tempPath, bool stdout)
    {
        Path = path;
        Stream = stream;
        _tempPath = tempPath;
        IsStandardOutput = stdout;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for writing ("-" is standard output). Throws the usual file-system
    /// exceptions (a missing directory, permission denied); the caller names the path.
    /// </summary>
    public static AtomicOutputFile Create(string path, StandardStreams? standard = null)
    {
        if (path == "-")
            return new AtomicOutputFile(path, new BufferedStream((standard ?? StandardStreams.Console).OpenOutput(), 1 << 16), null, stdout: true);
        var identity = FileIdentity.Of(path);
        if (identity is { Kind: FileKind.Directory })
            throw new IOException($"'{path}' is a directory");
        if (identity is { Kind: FileKind.Other })
            return new AtomicOutputFile(path, new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16), null, stdout: false);

        // A symlink keeps pointing where it did: the file it names is the one replaced.
        string full = FinalTarget(System.IO.Path.GetFullPath(path));
        string directory = System.IO.Path.GetDirectoryName(full)!;
        string temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.rtprobe-{Guid.NewGuid().ToString("N")[..6]}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var file = new AtomicOutputFile(path, stream, temp, stdout: false) { _finalPath = full };
        lock (s_lock) s_pending.Add(file);
        try
        {
            // Replacing a file must not silently change who may read it.
            if (identity is { Kind: FileKind.Regular } && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return file;
    }

    /// <summary>
    /// Pushes everything written so far to the file: flush and fsync (temporary files), flush (in place).
    /// Throws <see cref="IOException"/> when the data could not be written (disk full, closed pipe).
    /// </summary>
    public void Sync()
    {
        if (_done) throw new InvalidOperationException($"'{Path}' was already committed or abandoned");
        if (Stream is FileStream fs && _tempPath is not null) fs.Flush(flushToDisk: true); // the rename must not outrun the data
        else Stream.Flush(); // devices and pipes: fsync means nothing there (and fails on some)
        _synced = true;
    }

    /// <summary>
    /// Makes the output final: <see cref="Sync"/>, then rename the temporary file onto the name (in
    /// place: close). Throws <see cref="IOException"/> when the data could not be written; the old file
    /// is then untouched and the temporary file removed.
    /// </summary>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException($"'{Path}' was already committed or abandoned");
        try
        {
            if (!_synced) Sync();
            Stream.Dispose();
            if (_tempPath is null)
            {
                _done = true;
                return;
            }
            lock (s_lock)
            {
                if (s_interrupted) throw new OperationCanceledException($"interrupted before '{Path}' was written");
                File.Move(_tempPath, _finalPath!, overwrite: true); // rename(2): atomic
                _done = true;
                s_pending.Remove(this);
            }
        }
        finally
        {
            if (!_done) Abandon();
        }
    }

    /// <summary>Abandons an output that was not committed: the temporary file is removed.</summary>
    public void Dispose()
    {
        if (!_done) Abandon();
    }

    private void Abandon()
    {
        _done = true;
        DisposeStreamQuietly();
        if (_tempPath is null) return;
        lock (s_lock)
        {
            TryDelete(_tempPath);
            s_pending.Remove(this);
        }
    }

    private void DisposeStreamQuietly()
    {
        // A FileStream flushes on Dispose and throws when that fails (ENOSPC: IOException; a closed
        // descriptor: UnauthorizedAccessException); an abandoned output has nothing left worth reporting.
        try { Stream.Dispose(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string FinalTarget(string full)
    {
        try { return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full; }
        catch (IOException) { return full; } // a link loop: fail later, when the name is opened
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// While the returned registration lives, SIGINT, SIGTERM and SIGHUP first remove every temporary
    /// file not yet committed, then let the signal end the process as usual (exit 130/143/129), so an
    /// interrupted run leaves no half-written file behind and no existing output replaced.
    /// </summary>
    public static IDisposable RemoveTemporaryFilesOnSignals()
    {
        lock (s_lock) s_interrupted = false; // a new run in this process (tests run several)
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            registrations.Add(PosixSignalRegistration.Create(signal, _ => RemovePendingFiles()));
        return new Registrations(registrations);
    }

    /// <summary>Removes every uncommitted temporary file now (the signal handler's work).</summary>
    internal static void RemovePendingFiles()
    {
        lock (s_lock)
        {
            s_interrupted = true;
            foreach (var f in s_pending)
                if (f._tempPath is not null) TryDelete(f._tempPath);
            s_pending.Clear();
        }
    }

    private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in items) r.Dispose();
        }
    }
}
