using System.Globalization;
using RtDriver;
using RtDriver.Device;

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
        // A number all the same, only too large: say so rather than "not a number".
        if (t.Length > 0 && (hex ? t.All(Uri.IsHexDigit) : t.All(char.IsAsciiDigit)))
            throw new UsageException($"{what} '{text}' does not fit in 32 bits (at most 0xFFFFFFFF = 4294967295)");
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

    /// <summary>
    /// Reads a firmware image from FILE, or from standard input for '-' (the Unix convention), never
    /// more than the largest image any chip takes: a file goes through the library's bounded reader
    /// (a 16 GiB file or /dev/zero is refused from its size or at byte 8193, unread beyond), and
    /// standard input stops at the same byte. A missing path or a directory is a usage error
    /// naming it, as for every other argument.
    /// </summary>
    public static byte[] ReadFirmware(string path)
    {
        if (path != "-")
        {
            if (Directory.Exists(path)) throw new UsageException($"'{path}' is a directory, not a firmware image");
            if (!File.Exists(path) && !IsSpecialFile(path)) throw new UsageException($"'{path}' does not exist");
            return RtDevice.ReadFirmwareFile(path);
        }
        int limit = RtDevice.MaxFirmwareImageSize;
        var data = new byte[limit + 1];
        int total = 0;
        using var stdin = Console.OpenStandardInput();
        while (total < data.Length)
        {
            int n = stdin.Read(data, total, data.Length - total);
            if (n == 0) break;
            total += n;
        }
        if (total > limit)
            throw new RtException(RtStatus.BadFirmware,
                $"standard input delivers more than {limit} bytes, the largest RT2860-class firmware image; not read further");
        return data.AsSpan(0, total).ToArray();
    }

    // Character devices, FIFOs and sockets exist although File.Exists says no.
    private static bool IsSpecialFile(string path)
    {
        try { return (File.GetAttributes(path) & FileAttributes.Directory) == 0; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
