using System.Text;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.SelfTest;

/// <summary>One cell of the self-test table.</summary>
public readonly record struct SelfTestResult(string Cipher, CryptoPathKind Path, bool Passed, string Detail);

/// <summary>
/// Known-answer tests of every cipher on every crypto path this CPU supports (the path is forced
/// per thread). A cipher with IEEE vectors must reproduce them end to end through
/// <see cref="FrameKey"/> (encrypt, decrypt, replay refused, a flipped bit refused). WEP-104 and
/// BIP-CMAC-256 have no published frame vector: they must round-trip and give the same bytes on
/// every path (their primitives are the vector-tested RC4/CRC-32 and AES-CMAC).
/// </summary>
public static class FrameSelfTest
{
    public static IReadOnlyList<SelfTestResult> Run() => Run(KnownAnswerVectors.Frames);

    /// <summary>Runs with the given vectors (tests pass a corrupted set to prove failures are caught).</summary>
    internal static IReadOnlyList<SelfTestResult> Run(IReadOnlyList<KnownAnswerVectors.FrameVector> vectors)
    {
        var results = new List<SelfTestResult>();
        var reference = new Dictionary<RtCipher, byte[]>();
        foreach (var path in CryptoPath.Supported)
        {
            using var scope = CryptoPath.Force(path);
            foreach (var cipher in new[] { RtCipher.Wep40, RtCipher.Wep104, RtCipher.Tkip, RtCipher.Ccmp, RtCipher.Ccmp256,
                         RtCipher.Gcmp, RtCipher.Gcmp256, RtCipher.BipCmac128, RtCipher.BipCmac256, RtCipher.BipGmac128, RtCipher.BipGmac256 })
            {
                results.Add(Guarded(RtCipherInfo.Find(cipher)!.SuiteName, path, () => RunCipher(cipher, vectors, reference)));
            }
            results.Add(Guarded("Michael", path, RunMichael));
            results.Add(Guarded("Primitives", path, RtDriver.Crypto.Primitives.PrimitiveSelfTest.Run)); // AES, CMAC, GCM, RC4, CRC-32, multi-frame batches
        }
        return results;
    }

    private static SelfTestResult Guarded(string name, CryptoPathKind path, Func<string?> test)
    {
        try
        {
            string? failure = test();
            return new SelfTestResult(name, path, failure is null, failure ?? "ok");
        }
        catch (Exception e)
        {
            return new SelfTestResult(name, path, false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string? RunCipher(RtCipher cipher, IReadOnlyList<KnownAnswerVectors.FrameVector> vectors, Dictionary<RtCipher, byte[]> reference)
    {
        int checkedVectors = 0;
        foreach (var v in vectors)
        {
            if (v.Cipher != cipher) continue;
            if (CheckVector(v) is { } vectorFailure) return vectorFailure;
            checkedVectors++;
        }
        if (checkedVectors > 0) return null;
        // No published vector: round trip, and the same bytes on every path.
        var key = new byte[FrameKey.KeyLength(cipher)];
        for (int i = 0; i < key.Length; i++) key[i] = (byte)(0x40 + i * 3);
        bool bip = FrameKey.IsBip(cipher);
        var plain = Convert.FromHexString(bip
            ? "c0000000ffffffffffff02000000000002000000000009000200"
            : "0808c32c0fd2e128a57c5030f1844408abaea5b8fcba8033f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050");
        int keyId = bip ? 5 : 1;
        var tx = FrameKey.Create(cipher, key, keyId);
        tx.SetTxPn(0x1234);
        var protectedFrame = new byte[tx.ProtectedLength(plain.Length)];
        if (tx.Encrypt(plain, protectedFrame, out _) is var s && s != RtStatus.Ok) return $"round trip: encrypt {s}";
        if (Open(cipher, key, keyId, 0x1234, protectedFrame, plain, preHt: false) is { } openFailure) return "round trip: " + openFailure;
        if (reference.TryGetValue(cipher, out var first))
        {
            if (!first.AsSpan().SequenceEqual(protectedFrame)) return "round trip: differs from the first path's bytes";
        }
        else reference[cipher] = protectedFrame;
        return null;
    }

    private static string? CheckVector(KnownAnswerVectors.FrameVector v)
    {
        var key = Convert.FromHexString(v.Key);
        var plain = Convert.FromHexString(v.Plaintext);
        var expected = Convert.FromHexString(v.Protected);
        var tx = FrameKey.Create(v.Cipher, key, v.KeyId);
        if (v.PreHt) tx.Options = FrameOptions.PreHtOrderBit;
        tx.SetTxPn(v.Pn);
        var output = new byte[expected.Length + 16];
        var s = tx.Encrypt(plain, output, out int written);
        if (s != RtStatus.Ok) return $"{v.Id}: encrypt {s.Name()} ({FrameKey.LastFailureReason})";
        if (!output.AsSpan(0, written).SequenceEqual(expected)) return $"{v.Id}: encrypt gives different bytes";
        var rxKey = key;
        if (v.Cipher == RtCipher.Tkip)
        {
            rxKey = (byte[])key.Clone();
            key.AsSpan(16, 8).CopyTo(rxKey.AsSpan(24));
            key.AsSpan(24, 8).CopyTo(rxKey.AsSpan(16));
        }
        return Open(v.Cipher, rxKey, v.KeyId, v.Pn, expected, plain, v.PreHt) is { } f ? $"{v.Id}: {f}" : null;
    }

    private static string? Open(RtCipher cipher, byte[] key, int keyId, ulong pn, byte[] frame, byte[] plain, bool preHt)
    {
        var rx = FrameKey.Create(cipher, key, keyId);
        if (preHt) rx.Options = FrameOptions.PreHtOrderBit;
        rx.SetRxPn(-1, pn - 1);
        var output = new byte[frame.Length];
        var s = rx.Decrypt(frame, output, out int written);
        if (s != RtStatus.Ok) return $"decrypt {s.Name()} ({FrameKey.LastFailureReason})";
        if (!output.AsSpan(0, written).SequenceEqual(plain)) return "decrypt gives different bytes";
        bool wep = RtCipherInfo.IsWepCipher(cipher);
        if (!wep && rx.Decrypt(frame, output, out _) != RtStatus.Replay) return "a replayed frame was not refused";
        var bad = (byte[])frame.Clone();
        bad[^1] ^= 0x80;
        rx.SetRxPn(-1, pn - 1);
        var st = rx.Decrypt(bad, output, out _);
        if (st is not (RtStatus.Mic or RtStatus.Icv)) return $"a frame with a flipped MIC/ICV bit gave {st.Name()}";
        return null;
    }

    private static string? RunMichael()
    {
        Span<byte> mic = stackalloc byte[8];
        foreach (var (key, message, expected) in KnownAnswerVectors.Michael)
        {
            Primitives.Michael.Compute(Convert.FromHexString(key), Encoding.ASCII.GetBytes(message), mic);
            if (!mic.SequenceEqual(Convert.FromHexString(expected))) return $"Michael(\"{message}\") mismatch";
        }
        return null;
    }
}
