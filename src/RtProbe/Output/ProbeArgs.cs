using System.Globalization;
using RtDriver;
using RtDriver.Device;

namespace RtProbe;

/// <summary>
/// Command-line arguments of the device commands: flags (--json), options with a value
/// (--device SPEC) and positionals, in any order. Unknown options are a usage error naming them.
/// </summary>
internal sealed class ProbeArgs
{
    private readonly HashSet<string> _flags = [];
    private readonly Dictionary<string, string> _options = [];

    public List<string> Positionals { get; } = [];

    public ProbeArgs(IEnumerable<string> args, IEnumerable<string> flags, IEnumerable<string> options)
    {
        var knownFlags = new HashSet<string>(flags) { "--json" };
        var knownOptions = new HashSet<string>(options) { "--device" };
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            string? inline = null;
            int eq = a.IndexOf('=');
            if (a.StartsWith("--") && eq > 0) { inline = a[(eq + 1)..]; a = a[..eq]; }
            if (knownFlags.Contains(a)) { _flags.Add(a); continue; }
            if (knownOptions.Contains(a))
            {
                string? value = inline ?? (i + 1 < list.Count ? list[++i] : null);
                if (value is null) throw RtException.InvalidArgument($"option {a} needs a value");
                _options[a] = value;
                continue;
            }
            if (a.StartsWith("--") && a.Length > 2) throw RtException.InvalidArgument($"unknown option '{a}'");
            Positionals.Add(list[i]);
        }
    }

    public bool Flag(string name) => _flags.Contains(name);
    public string? Option(string name) => _options.GetValueOrDefault(name);
    public bool Json => Flag("--json");

    /// <summary>--device SPEC, default "auto" (which explains the emulator when no NIC is found).</summary>
    public string DeviceSpec => Option("--device") ?? DeviceFactory.AutoSpec;

    public RtDevice OpenDevice() => RtDevice.Open(DeviceSpec);

    public static uint ParseUInt(string text, string what)
    {
        string t = text.Trim();
        bool hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) t = t[2..];
        if (uint.TryParse(t, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out uint v)) return v;
        throw RtException.InvalidArgument($"{what} '{text}' is not a number (decimal, or hex with 0x)");
    }

    public static byte[] ParseHex(string text, string what)
    {
        string t = text.Replace(":", "").Replace(" ", "");
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t[2..];
        try { return Convert.FromHexString(t); }
        catch (FormatException) { throw RtException.InvalidArgument($"{what} '{text}' is not hex bytes"); }
    }
}
