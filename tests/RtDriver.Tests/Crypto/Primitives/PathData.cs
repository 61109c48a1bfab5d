using Xunit;
using System.Text.Json;
using RtDriver.Crypto;

namespace RtDriver.Tests.Crypto.Primitives;

/// <summary>Every crypto path this machine can execute, as theory data; tests force each one on
/// their own thread with <see cref="CryptoPath.Force"/>.</summary>
public static class PathData
{
    public static TheoryData<string> Supported
    {
        get
        {
            var d = new TheoryData<string>();
            foreach (var k in CryptoPath.Supported) d.Add(CryptoPath.Name(k));
            return d;
        }
    }

    internal static CryptoPath.ThreadPathScope Force(string name) =>
        CryptoPath.Force(CryptoPath.Parse(name) ?? throw new ArgumentException($"unknown path {name}"));

    public static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", "").Replace(":", ""));

    public static JsonElement CipherVector(string id)
    {
        var path = TestPaths.RequireShared("testdata", "vectors", "ieee80211_cipher_vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
            if (v.GetProperty("id").GetString() == id) return v.Clone();
        throw new InvalidOperationException($"vector {id} not found in {path}");
    }
}
