using System.Globalization;

namespace RtDriver;

/// <summary>
/// The one home of MAC address text: every layer and both front ends print an address as six
/// lower-case hex bytes separated by ':' ("00:0d:93:eb:b0:8c") through <see cref="Format"/>, and read
/// one through the parser whose spelling rules they document.
/// </summary>
public static class MacAddress
{
    /// <summary>An IEEE 802 MAC address is six bytes.</summary>
    public const int Length = 6;

    /// <summary>"00:0d:93:eb:b0:8c"; a span that is not six bytes is named by its length ("&lt;5-byte address&gt;").</summary>
    public static string Format(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != Length) return $"<{mac.Length}-byte address>";
        return $"{mac[0]:x2}:{mac[1]:x2}:{mac[2]:x2}:{mac[3]:x2}:{mac[4]:x2}:{mac[5]:x2}";
    }

    /// <summary>Parses "00:11:22:33:44:55" (also '-' separated, one or two digits a byte). Returns null when malformed.</summary>
    public static byte[]? TryParse(string? text) =>
        text is null ? null : FromBytes(text.Split(':', '-'), exactlyTwoDigits: false);

    /// <summary>
    /// The device spec grammar's address (docs: <c>mac = 2HEX 5(":" 2HEX)</c>): exactly two hex digits
    /// a byte, ':' separated. Returns null when malformed.
    /// </summary>
    public static byte[]? TryParseSpec(string text) => FromBytes(text.Split(':'), exactlyTwoDigits: true);

    /// <summary>Twelve hex digits, with any ':' or '-' between them ignored (capture tools' spellings). Returns null otherwise.</summary>
    public static byte[]? TryParseDigits(string text)
    {
        string hex = text.Replace(":", "").Replace("-", "");
        if (hex.Length != 2 * Length || !hex.All(Uri.IsHexDigit)) return null;
        return Convert.FromHexString(hex);
    }

    /// <summary>A group address: the I/G bit (bit 0 of the first byte) is set.</summary>
    public static bool IsGroup(ReadOnlySpan<byte> mac) => mac.Length == Length && (mac[0] & 1) != 0;

    private static byte[]? FromBytes(string[] parts, bool exactlyTwoDigits)
    {
        if (parts.Length != Length) return null;
        var mac = new byte[Length];
        for (int i = 0; i < Length; i++)
        {
            string p = parts[i];
            bool shape = exactlyTwoDigits ? p.Length == 2 && p.All(char.IsAsciiHexDigit) : p.Length is >= 1 and <= 2;
            if (!shape || !byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mac[i])) return null;
        }
        return mac;
    }
}
