using System.Text;
using System.Text.Json;

namespace RtProbe;

/// <summary>Writes one JSON document to stdout with Utf8JsonWriter (no reflection: NativeAOT-safe).</summary>
internal static class Json
{
    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(w);
        }
        Console.Out.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static string Hex(uint v) => $"0x{v:x}";
}
