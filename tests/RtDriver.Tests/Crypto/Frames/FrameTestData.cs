using System.Text.Json;
using RtDriver.Crypto.Frames;
using Xunit;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>Loads ../shared/testdata/vectors (fails loudly when missing) and small helpers.</summary>
internal static class FrameTestData
{
    public static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", "").Replace(":", ""));

    private static readonly Lazy<JsonElement[]> Vectors = new(() =>
    {
        var path = TestPaths.RequireShared("testdata", "vectors", "ieee80211_cipher_vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("vectors").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static JsonElement[] AllVectors => Vectors.Value;

    public static JsonElement Vector(string id) =>
        AllVectors.FirstOrDefault(v => v.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } v
            ? v : throw new InvalidOperationException($"vector {id} missing from ieee80211_cipher_vectors.json");

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
    public static byte[] Bytes(this JsonElement e, string name) => Hex(e.Str(name));
    public static ulong Number48(this JsonElement e, string name) => Convert.ToUInt64(e.Str(name), 16);

    /// <summary>The vectors' plaintext MPDUs already carry the Protected bit; our encrypt takes it clear.</summary>
    public static byte[] ClearProtected(byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        copy[1] &= 0xBF;
        return copy;
    }

    public static byte[] Encrypt(FrameKey key, byte[] plaintext)
    {
        var output = new byte[plaintext.Length + 64];
        var s = key.Encrypt(plaintext, output, out int written);
        Assert.True(s == RtStatus.Ok, $"encrypt: {s} {FrameKey.LastFailureReason}");
        return output.AsSpan(0, written).ToArray();
    }

    public static byte[] Decrypt(FrameKey key, byte[] frame)
    {
        var output = new byte[frame.Length];
        var s = key.Decrypt(frame, output, out int written);
        Assert.True(s == RtStatus.Ok, $"decrypt: {s} {FrameKey.LastFailureReason}");
        return output.AsSpan(0, written).ToArray();
    }

    public static ulong[] Snapshot(FrameKey key)
    {
        var r = new ulong[ReplayCounters.Count];
        key.ReplayCounters.CopyTo(r);
        return r;
    }
}
