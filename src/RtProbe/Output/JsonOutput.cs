using System.Text;
using System.Text.Json;

namespace RtProbe;

/// <summary>
/// `--json` output for scripts: one indented JSON document on stdout, written with Utf8JsonWriter
/// (no reflection, so NativeAOT-safe). The conventions every command follows (rtprobe(1), JSON OUTPUT):
/// keys and enum-like values are snake_case; register offsets/values, chip/bus ids, CRCs and command
/// bytes are strings "0x" + lower-case hex zero-padded to the quantity's width ("0x1000",
/// "0x28600101", "0x1814"); byte strings (keys, hashes, code bytes) are lower-case hex without
/// "0x"; MAC addresses are "00:0d:93:eb:b0:8c"; sizes, counts, file offsets and times are numbers;
/// whatever is absent or not loaded is null.
/// </summary>
internal static class JsonOutput
{
    public static string Render(Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            body(w);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static void Write(Action<Utf8JsonWriter> body) => Console.Out.Write(Render(body));

    /// <summary>Hex string of bytes, lower case, no "0x" (the form every rtdriver tool prints).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A hardware number as "0x" + lower-case hex padded to <paramref name="digits"/> (8 for a register).</summary>
    public static string Hex(uint value, int digits) => "0x" + value.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A 32-bit register value: "0x28600101".</summary>
    public static string Register(uint value) => Hex(value, 8);

    /// <summary>A register offset: "0x1000".</summary>
    public static string Offset(uint offset) => Hex(offset, 4);

    /// <summary>An enum-like word as a snake_case value: "arm64-aes" → "arm64_aes", "PciVfio" → "pci_vfio".</summary>
    public static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c is '-' or ' ' or '.') { if (sb.Length > 0 && sb[^1] != '_') sb.Append('_'); continue; }
            if (char.IsUpper(c) && i > 0 && sb.Length > 0 && sb[^1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static void WriteStringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
