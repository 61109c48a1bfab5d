using System.Text;
using System.Text.Json;

namespace RtProbe;

/// <summary>
/// `--json` output for scripts: one indented JSON document on stdout, written with Utf8JsonWriter
/// (no reflection, so NativeAOT-safe). Field names are snake_case and stable.
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

    /// <summary>Hex string of bytes, lower case (the form every rtdriver tool prints).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A register-sized number as "0x" and lower-case hex without padding (e.g. "0x3070").</summary>
    public static string HexValue(uint value) => $"0x{value:x}";
}
