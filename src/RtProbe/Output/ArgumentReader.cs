namespace RtProbe;

/// <summary>
/// The hand-written reader every command used before System.CommandLine: flags (--json), options
/// with a value (--ssid NAME, also --ssid=NAME, repeatable), and positionals; anything unknown is an
/// error naming the argument. Only `pcap decrypt` (behind <see cref="PcapBridge"/>) still uses it;
/// remove it when PcapDecryptCommand.Create() is merged.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly HashSet<string> _flags = [];
    private readonly Dictionary<string, List<string>> _options = [];
    public List<string> Positionals { get; } = [];
    public string? Error { get; private set; }

    public ArgumentReader(string[] args, IEnumerable<string> flags, IEnumerable<string> options)
    {
        var knownFlags = flags.ToHashSet();
        var knownOptions = options.ToHashSet();
        for (int i = 0; i < args.Length && Error is null; i++)
        {
            string a = args[i];
            if (a == "--") { Positionals.AddRange(args[(i + 1)..]); break; }
            if (!a.StartsWith("--") || a == "-")
            {
                if (a.StartsWith('-') && a.Length > 1) { Error = $"unknown option '{a}'"; break; }
                Positionals.Add(a);
                continue;
            }
            string name = a, value = "";
            bool inline = false;
            int eq = a.IndexOf('=');
            if (eq > 0) { name = a[..eq]; value = a[(eq + 1)..]; inline = true; }
            if (knownFlags.Contains(name) && !inline) { _flags.Add(name); continue; }
            if (!knownOptions.Contains(name)) { Error = $"unknown option '{name}'"; break; }
            if (!inline)
            {
                if (i + 1 >= args.Length) { Error = $"option '{name}' needs a value"; break; }
                value = args[++i];
            }
            if (!_options.TryGetValue(name, out var list)) _options[name] = list = [];
            list.Add(value);
        }
    }

    public bool Flag(string name) => _flags.Contains(name);
    public string? Option(string name) => _options.TryGetValue(name, out var l) ? l[^1] : null;
    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var l) ? l : [];
}
