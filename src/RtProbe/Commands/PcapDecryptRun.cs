using System.Diagnostics;
using RtDriver;
using RtDriver.Capture;
using RtDriver.Wpa;

namespace RtProbe;

/// <summary>
/// One `pcap decrypt` run: checks the input and every output before anything is opened for writing,
/// reads the capture (a file, stdin, gzip), decrypts, writes each output through an
/// <see cref="AtomicOutputFile"/> and makes the outputs final only when the whole run succeeded.
/// Every failure is one line and an exit code; none reaches the user as a stack trace.
/// </summary>
internal static class PcapDecryptRun
{
    private const string Name = PcapDecryptCommand.CommandName;

    /// <summary>A failure already worded for the user: one line, one exit code.</summary>
    private sealed class Failure(int exitCode, string message) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }

    /// <summary>One output capture: its name, link type, format and, once open, its file and writer.</summary>
    internal sealed class Target(string path, int linkType, CaptureFormat format)
    {
        public string Path { get; } = path;
        public int LinkType { get; } = linkType;
        public CaptureFormat Format { get; } = format;
        public AtomicOutputFile? File { get; set; }
        public CaptureWriter? Writer { get; set; }
        public long Frames => Writer?.RecordsWritten ?? 0;
        public bool ExistedBefore { get; init; }
    }

    public static int Execute(PcapDecryptOptions o, StandardStreams standard)
    {
        var targets = new List<Target>();
        CaptureReader? reader = null;
        try
        {
            var (inputStream, inputIdentity, inputLength) = OpenInput(o.Input, standard);
            targets.Add(NewTarget(o.Output, LinkType.Ieee80211, o.ForcePcapng));
            if (o.Ethernet is { } eth) targets.Add(NewTarget(eth, LinkType.Ethernet, o.ForcePcapng));
            try
            {
                CheckOutputs(o.Input, inputIdentity, targets, standard.OutputIdentity());
            }
            catch
            {
                inputStream.Dispose();
                throw;
            }
            reader = OpenReader(o.Input, inputStream);
            return Decrypt(o, reader, inputLength, targets, standard);
        }
        catch (Failure f)
        {
            Console.Error.WriteLine($"rtprobe {Name}: {f.Message}");
            return f.ExitCode;
        }
        catch (RtException e)
        {
            Console.Error.WriteLine($"rtprobe {Name}: {e.Status.Name()}: {e.Message}");
            return e.Status switch
            {
                RtStatus.Permission => ExitCode.Permission,
                RtStatus.InvalidArgument => ExitCode.Usage,
                _ => ExitCode.Failure,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reads and writes are reported where they happen; this is anything else (e.g. the terminal).
            return CliError.Fail(Name, $"I/O error: {e.Message}", "no output was written unless listed above");
        }
        catch (Exception e)
        {
            // Last resort: a bug must still be one line and an exit code, never a stack trace.
            return CliError.Fail(Name, $"internal error {e.GetType().Name}: {e.Message}", "please report this with the command line");
        }
        finally
        {
            // Cleanup never throws (it runs after the real error was reported).
            foreach (var t in targets)
            {
                t.Writer?.Dispose();
                t.File?.Dispose(); // removes the temporary file of an output that was not committed
            }
            try { reader?.Dispose(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static (Stream Stream, FileIdentity? Identity, long Length) OpenInput(string path, StandardStreams standard)
    {
        if (path == "-")
        {
            if (standard.InputIsTerminal())
                throw new Failure(ExitCode.Usage, "standard input is a terminal; pipe a capture in, e.g. zcat x.cap.gz | rtprobe pcap decrypt - OUT ...");
            return (standard.OpenInput(), standard.InputIdentity(), 0); // length unknown: no progress bar
        }
        try
        {
            var identity = FileIdentity.Of(path);
            if (identity is { Kind: FileKind.Directory } || Directory.Exists(path))
                throw new Failure(ExitCode.Usage, $"'{path}' is a directory; give a capture file");
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long length = identity is null or { Kind: FileKind.Regular } ? stream.Length : 0;
            return (stream, identity, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileFailure(path, e);
        }
    }

    private static Target NewTarget(string path, int linkType, bool forcePcapng) =>
        new(path, linkType, forcePcapng || path.EndsWith(".pcapng", StringComparison.OrdinalIgnoreCase) ? CaptureFormat.Pcapng : CaptureFormat.Pcap)
        {
            ExistedBefore = path != "-" && File.Exists(path),
        };

    /// <summary>
    /// Refuses, before anything is created: an output that is a directory, an output that is the input
    /// (same device and inode, so symlinks and hard links count), two outputs that are one file, and an
    /// output whose folder does not exist, and a standard output that is the input file. Each message
    /// names the path at fault.
    /// </summary>
    private static void CheckOutputs(string input, FileIdentity? inputIdentity, List<Target> targets, FileIdentity? stdout)
    {
        // Standard output carries the summary, or a capture for '-': either would be written into the
        // input when the shell points stdout at it (`>> in.cap`, `1<>in.cap`).
        if (stdout is { Kind: FileKind.Regular } so && inputIdentity is { } inId && so.SameFileAs(inId))
            throw new Failure(ExitCode.Usage,
                $"standard output is the input '{input}' (the same file); writing it would destroy the capture, send standard output elsewhere");
        foreach (var t in targets)
        {
            if (t.Path == "-") continue;
            var id = FileIdentity.Of(t.Path);
            if (id is { Kind: FileKind.Directory } || Directory.Exists(t.Path))
                throw new Failure(ExitCode.Usage, $"'{t.Path}' is a directory; give a file name for the {Role(t)}");
            if (SameFile(t.Path, id, input, inputIdentity))
                throw new Failure(ExitCode.Usage,
                    $"the {Role(t)} '{t.Path}' is the input '{input}' (the same file); writing it would destroy the capture, give another name");
            string? folder = Path.GetDirectoryName(Path.GetFullPath(t.Path));
            if (folder is not null && !Directory.Exists(folder))
                throw new Failure(ExitCode.Usage, $"the folder '{folder}' of the {Role(t)} '{t.Path}' does not exist");
        }
        if (targets.Count == 2 && targets[0].Path != "-" && targets[1].Path != "-"
            && SameFile(targets[0].Path, FileIdentity.Of(targets[0].Path), targets[1].Path, FileIdentity.Of(targets[1].Path)))
            throw new Failure(ExitCode.Usage, $"--ethernet '{targets[1].Path}' and the output '{targets[0].Path}' are the same file; give two names");
    }

    private static string Role(Target t) => t.LinkType == LinkType.Ethernet ? "--ethernet output" : "output";

    private static bool SameFile(string a, FileIdentity? idA, string b, FileIdentity? idB)
    {
        if (idA is { } x && idB is { } y) return x.SameFileAs(y);
        if (a == "-" || b == "-") return false; // stdin whose identity is unknown
        // No stat (or a name that does not exist yet): compare the full paths, links resolved.
        return string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);
    }

    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        try { return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full; }
        catch (IOException) { return full; }
    }

    private static CaptureReader OpenReader(string input, Stream stream)
    {
        try
        {
            return CaptureReader.Open(stream, ownsStream: true);
        }
        catch (RtException e)
        {
            throw new Failure(ExitCode.Failure, $"'{input}' is not a capture rtprobe can read: {e.Message}");
        }
    }

    private static int Decrypt(PcapDecryptOptions o, CaptureReader reader, long inputLength, List<Target> targets, StandardStreams standard)
    {
        var decryptor = new CaptureDecryptor(o.Pmk, o.Keys);
        var filter = o.Bssid is { } b ? new BssidFilter(b) : null;
        bool toStdout = targets.Any(t => t.Path == "-");
        var summary = toStdout ? Console.Error : Console.Out; // never mix the report into a capture on stdout
        var started = Stopwatch.StartNew();
        using var signals = AtomicOutputFile.RemoveTemporaryFilesOnSignals();

        foreach (var t in targets)
        {
            try
            {
                t.File = AtomicOutputFile.Create(t.Path, standard);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw FileFailure(t.Path, e);
            }
            WriteTo(t, () => t.Writer = new CaptureWriter(t.File.Stream, t.LinkType, t.Format));
        }

        long records = 0, skipped = 0;
        using (var progress = new ProgressBar("decrypting", suppressed: o.Json || toStdout || inputLength < 1_000_000))
        {
            var eth = new byte[65536 + 14];
            while (ReadNext(reader, o.Input, out var record))
            {
                records++;
                if (filter is not null && !filter.Matches(record))
                {
                    skipped++;
                    continue;
                }
                var r = decryptor.Process(record);
                if (r.Outcome is FrameOutcome.Decrypted or FrameOutcome.DecryptedReplay)
                {
                    foreach (var t in targets)
                    {
                        if (t.LinkType == LinkType.Ethernet)
                        {
                            int n = EthernetConversion.Convert(r.Plaintext.Span, eth);
                            if (n > 0) WriteTo(t, () => t.Writer!.Write(record.TimestampMicros, eth.AsSpan(0, n)));
                        }
                        else
                        {
                            WriteTo(t, () => t.Writer!.Write(record.TimestampMicros, r.Plaintext.Span));
                        }
                    }
                }
                progress.Report(reader.SourceBytesRead, inputLength, $"{records} frames, {Decrypted(decryptor)} decrypted");
            }
        }

        long decrypted = Decrypted(decryptor);
        long undecrypted = decryptor.Count(FrameOutcome.Failed) + decryptor.Count(FrameOutcome.NoKey);
        // Failure only when there was protected data and none of it opened (wrong passphrase/key):
        // frames of other networks in the same capture are normal.
        bool failed = undecrypted > 0 && decrypted == 0;
        if (!failed)
        {
            // Everything flushed and synced first, then every rename: one output failing leaves none replaced.
            foreach (var t in targets) WriteTo(t, () => { t.Writer!.Close(); t.File!.Sync(); });
            foreach (var t in targets) WriteTo(t, () => t.File!.Commit());
        }
        started.Stop();

        var report = new PcapDecryptReport(o, reader, records, skipped, decryptor, targets, written: !failed, started.Elapsed);
        try
        {
            if (o.Json) report.WriteJson(summary);
            else report.WriteText(summary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The summary could not be written (disk full, stdout closed): the outputs are final, but
            // a script reading the summary (--json) must not take exit 0 and no summary for success.
            string where = ReferenceEquals(summary, Console.Error) ? "standard error" : "standard output";
            string reason = e is OutputFailedException ? e.Message : $"cannot write to {where}: {Reason(e, where)}";
            string written = string.Join(", ", targets.Where(t => !failed && t.Path != "-").Select(t => $"'{t.Path}'"));
            return CliError.Fail(Name, $"the summary was not shown: {reason}",
                written.Length > 0 ? $"the decrypted capture was written all the same ({written})" : "nothing else was written");
        }
        if (failed)
        {
            string kept = string.Join(", ", targets.Where(t => !t.File!.InPlace).Select(t => t.ExistedBefore ? $"'{t.Path}' left as it was" : $"'{t.Path}' not created"));
            return CliError.Fail(Name, $"{undecrypted} protected frame(s) and none decrypted, so nothing was written{(kept.Length > 0 ? " (" + kept + ")" : "")}",
                "check the passphrase and SSID, the PMK or the keys");
        }
        return ExitCode.Ok;
    }

    /// <summary>The next record; a failed read (an I/O error, a vanished device) becomes one line naming the input.</summary>
    private static bool ReadNext(CaptureReader reader, string input, out CaptureRecord record)
    {
        try { return reader.TryRead(out record); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string what = input == "-" ? "standard input" : $"'{input}'";
            throw new Failure(ExitCode.Failure, $"reading {what} failed: {Reason(e, input)}; no output was written");
        }
    }

    internal static long Decrypted(CaptureDecryptor d) => d.Count(FrameOutcome.Decrypted) + d.Count(FrameOutcome.DecryptedReplay);

    /// <summary>Runs a write to one output; a failure (disk full, closed pipe) becomes one line naming that output.</summary>
    private static void WriteTo(Target t, Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string what = t.Path == "-" ? "standard output" : $"'{t.Path}'";
            string after = t.File is { InPlace: false } ? $"; '{t.Path}' was not changed" : "";
            // .NET words EBADF as "access denied"; for stdout it means the shell closed it (>&-).
            string reason = t.Path == "-" && e is UnauthorizedAccessException ? "standard output is closed" : Reason(e, t.Path);
            throw new Failure(ExitCode.Failure, $"writing {what} failed: {reason}{after}");
        }
    }

    // .NET words Unix errors as "No space left on device : '/dev/full'"; the path is already named.
    private static string Reason(Exception e, string path)
    {
        string m = e.Message.TrimEnd();
        string suffix = $" : '{path}'";
        if (m.EndsWith(suffix, StringComparison.Ordinal)) return m[..^suffix.Length];
        string full = $" : '{Path.GetFullPath(path)}'";
        return m.EndsWith(full, StringComparison.Ordinal) ? m[..^full.Length] : m;
    }

    private static Failure FileFailure(string path, Exception e)
    {
        var (problem, todo, exitCode) = CliError.DescribeFile(path, e);
        return new Failure(exitCode, $"{problem}; {todo}");
    }
}
