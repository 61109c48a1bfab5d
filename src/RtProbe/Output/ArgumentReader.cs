using System.Globalization;
using RtDriver;
using RtDriver.Device;

namespace RtProbe;

/// <summary>
/// A small, strict command-line reader: flags (--json), options with a value (--ssid NAME, also
/// --ssid=NAME, repeatable), and positionals; anything unknown is an error naming the argument.
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

    /// <summary>
    /// The reader of the device commands (info, fw load, mcu, regs, keys): --json and --device SPEC
    /// are always known, and a bad command line throws RT_ERR_INVALID_ARGUMENT, which rtprobe's
    /// handler prints as one line and turns into exit code 2 like every other bad value.
    /// </summary>
    public static ArgumentReader ForDevice(string[] args, IEnumerable<string> flags, IEnumerable<string> options)
    {
        var reader = new ArgumentReader(args, flags.Append("--json"), options.Append("--device"));
        if (reader.Error is not null) throw RtException.InvalidArgument(reader.Error);
        return reader;
    }

    public bool Json => Flag("--json");

    /// <summary>--device SPEC, default "auto" (which explains the emulator when no NIC is found).</summary>
    public string DeviceSpec => Option("--device") ?? DeviceFactory.AutoSpec;

    public RtDevice OpenDevice() => RtDevice.Open(DeviceSpec);

    /// <summary>A register offset, value or count: decimal, or hex with 0x.</summary>
    public static uint ParseUInt(string text, string what)
    {
        string t = text.Trim();
        bool hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) t = t[2..];
        if (uint.TryParse(t, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out uint v)) return v;
        throw RtException.InvalidArgument($"{what} '{text}' is not a number (decimal, or hex with 0x)");
    }

    /// <summary>Key or sequence bytes as hex, with optional 0x, ':' or ' ' separators.</summary>
    public static byte[] ParseHex(string text, string what)
    {
        string t = text.Replace(":", "").Replace(" ", "");
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t[2..];
        try { return Convert.FromHexString(t); }
        catch (FormatException) { throw RtException.InvalidArgument($"{what} '{text}' is not hex bytes"); }
    }
}
