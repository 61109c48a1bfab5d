using System.Globalization;

namespace RtProbe;

/// <summary>Parsers for the values people type: numbers (decimal or 0x hex), hex bytes, files or '-'.</summary>
internal static class CliValues
{
    /// <summary>A register offset, value or count: decimal, or hex with 0x.</summary>
    public static uint ParseUInt(string text, string what)
    {
        string t = text.Trim();
        bool hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) t = t[2..];
        if (uint.TryParse(t, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out uint v)) return v;
        throw new UsageException($"{what} '{text}' is not a number (decimal, or hex with 0x)");
    }

    /// <summary>Key or sequence bytes as hex, with optional 0x, ':' or ' ' separators.</summary>
    public static byte[] ParseHex(string text, string what)
    {
        string t = text.Replace(":", "").Replace(" ", "");
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t[2..];
        try { return Convert.FromHexString(t); }
        catch (FormatException) { throw new UsageException($"{what} '{text}' is not hex bytes"); }
    }

    /// <summary>The name rtprobe shows for a file argument ('-' is standard input).</summary>
    public static string Describe(string path) => path == "-" ? "standard input" : path;

    /// <summary>Reads a whole file, or standard input when the argument is '-' (the Unix convention).</summary>
    public static byte[] ReadAllBytes(string path)
    {
        if (path != "-") return File.ReadAllBytes(path);
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }
}
