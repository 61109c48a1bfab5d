using RtDriver.Device;

namespace RtProbe;

/// <summary>
/// The registers rtprobe can name and decode (`regs read MAC_CSR0`, `regs dump`): the façade's
/// <see cref="RegisterNames"/>, plus what the command line adds — a REG argument given as a name
/// or an offset, and "did you mean" for a misspelt name.
/// </summary>
internal static class RegisterMap
{
    public static IReadOnlyList<RegisterInfo> All => RegisterNames.All;

    public static RegisterInfo? ByName(string name) => RegisterNames.ByName(name);

    public static RegisterInfo? ByOffset(uint offset) => RegisterNames.ByOffset(offset);

    /// <summary>
    /// A register given as a name (MAC_CSR0, any case) or a number (0x1000): its offset.
    /// An unknown name is a usage error naming it and the nearest known names.
    /// </summary>
    public static uint Resolve(string text, string what)
    {
        string t = text.Trim();
        if (t.Length > 0 && char.IsAsciiDigit(t[0])) return CliValues.ParseUInt(t, what);
        if (ByName(t) is { } r) return r.Offset;
        var near = All.Select(x => (x.Name, Distance: Distance(x.Name, t.ToUpperInvariant())))
            .Where(x => x.Distance <= Math.Max(2, t.Length / 3) || x.Name.Contains(t, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance).Take(3).Select(x => x.Name).ToList();
        throw new UsageException($"no register named '{text}'" +
            (near.Count > 0 ? $" (did you mean {string.Join(", ", near)}?)" : "; 'rtprobe regs dump' lists the named registers, or give an offset like 0x1000"));
    }

    // Levenshtein distance, for "did you mean".
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
