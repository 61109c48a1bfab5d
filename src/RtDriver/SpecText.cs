using System.Text;

namespace RtDriver;

/// <summary>
/// The lexical rule and the refusal sentence shared by every device spec parser: <see cref="Device.DeviceSpec"/>
/// (the grammar) and the emulator's options parser, which lives below the device layer and so cannot
/// use DeviceSpec itself (docs/architecture.md, Allowed dependencies).
/// </summary>
internal static class SpecText
{
    /// <summary>Longer than this is not a spec (the longest valid one is about 110 characters).</summary>
    public const int MaxLength = 256;

    /// <summary>No whitespace, control or non-ASCII characters, and a bounded length: the lexical rule for every spec.</summary>
    public static void CheckCharacters(string spec)
    {
        if (spec.Length > MaxLength) throw Error(spec[..40] + "…", $"is {spec.Length} characters long; a device spec is at most {MaxLength}");
        for (int i = 0; i < spec.Length; i++)
        {
            char c = spec[i];
            if (c > ' ' && c < 0x7F) continue;
            string what = c switch
            {
                ' ' => "space",
                '\t' => "tab",
                '\n' => "newline",
                '\r' => "carriage return",
                '\0' => "NUL",
                < ' ' or '\x7F' => $"control character U+{(int)c:X4}",
                _ when char.IsWhiteSpace(c) => $"whitespace character U+{(int)c:X4}",
                _ when char.IsHighSurrogate(c) && i + 1 < spec.Length && char.IsLowSurrogate(spec[i + 1])
                    => $"non-ASCII character U+{char.ConvertToUtf32(c, spec[i + 1]):X}",
                _ when char.IsSurrogate(c) => $"non-ASCII character U+{(int)c:X4}",
                _ => $"non-ASCII character '{c}' (U+{(int)c:X4})",
            };
            throw Error(spec, $"unexpected {what} at position {i} (a device spec has no whitespace or control characters)");
        }
    }

    /// <summary>The one refusal shape: <c>device spec "…": problem</c>, the spec quoted with escapes so the sentence stays one line.</summary>
    public static RtException Error(string spec, string problem) =>
        RtException.InvalidArgument($"device spec {Quote(spec)}: {problem}");

    /// <summary>"…" with \n, \r, \t, \0 and other control characters escaped.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '\0': b.Append("\\0"); break;
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case < ' ' or '\x7F': b.Append($"\\x{(int)c:x2}"); break;
                default: b.Append(c); break;
            }
        }
        return b.Append('"').ToString();
    }

}
