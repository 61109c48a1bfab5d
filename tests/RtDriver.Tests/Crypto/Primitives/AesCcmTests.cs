using Xunit;
using RtDriver.Crypto.Primitives;
using SysCcm = System.Security.Cryptography.AesCcm;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

public class AesCcmTests
{
    /// <summary>CCMP AAD/nonce for a plain 24-byte data header (no QoS, no A4), so the CCM
    /// primitive is checked against the standard's own MPDU vectors.</summary>
    private static (byte[] aad, byte[] nonce) Ccmp24(byte[] hdr, byte[] pnBigEndian)
    {
        var aad = new byte[22];
        aad[0] = (byte)(hdr[0] & 0x8F);
        aad[1] = (byte)((hdr[1] & 0xC7) | 0x40);
        Array.Copy(hdr, 4, aad, 2, 18);
        aad[20] = (byte)(hdr[22] & 0x0F);
        aad[21] = 0;
        var nonce = new byte[13];
        nonce[0] = 0;
        Array.Copy(hdr, 10, nonce, 1, 6);
        Array.Copy(pnBigEndian, 0, nonce, 7, 6);
        return (aad, nonce);
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void CcmpVectors_24ByteHeader(string path)
    {
        using var _ = Force(path);
        foreach (var (id, keyField, plainField, protField, tagLen) in new[]
        {
            ("ccmp128-80211i-D7.0-I.7.4-mpdu1", "tk", "plaintext_mpdu", "expected_encrypted_mpdu", 8),
            ("ccmp256-80211ac-D7.0-M.6.4", "key", "plaintext_frame", "expected_protected_frame", 16),
        })
        {
            var v = CipherVector(id);
            var tk = Hex(v.GetProperty(keyField).GetString()!);
            var plain = Hex(v.GetProperty(plainField).GetString()!);
            var prot = Hex(v.GetProperty(protField).GetString()!);
            var (aad, nonce) = Ccmp24(plain, Hex(v.GetProperty("pn").GetString()!));
            var key = AesKey.Create(tk);
            var body = plain.AsSpan(24).ToArray();
            var ct = new byte[body.Length];
            var tag = new byte[tagLen];
            AesCcm.Encrypt(key, nonce, aad, body, ct, tag);
            Assert.Equal(Convert.ToHexStringLower(prot.AsSpan(32, body.Length)), Convert.ToHexStringLower(ct));
            Assert.Equal(Convert.ToHexStringLower(prot.AsSpan(32 + body.Length)), Convert.ToHexStringLower(tag));
            var back = new byte[body.Length];
            Assert.True(AesCcm.Decrypt(key, nonce, aad, ct, tag, back));
            Assert.Equal(body, back);
        }
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void MatchesSystemAesCcm_RandomInputs(string path)
    {
        using var _ = Force(path);
        Assert.True(SysCcm.IsSupported, "System.Security.Cryptography.AesCcm is needed as the cross-check");
        var rng = new Random(3610);
        int[] special = [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 1500, 2304, 2400];
        for (int iter = 0; iter < 400; iter++)
        {
            var key = new byte[rng.Next(2) == 0 ? 16 : 32];
            rng.NextBytes(key);
            var nonce = new byte[13]; rng.NextBytes(nonce);
            int aadLen = iter % 5 == 0 ? rng.Next(0, 100) : rng.Next(22, 31);
            var aad = new byte[aadLen]; rng.NextBytes(aad);
            int len = iter < special.Length ? special[iter] : rng.Next(0, 600);
            var pt = new byte[len]; rng.NextBytes(pt);
            int tagLen = rng.Next(2) == 0 ? 8 : 16;

            var expCt = new byte[len]; var expTag = new byte[tagLen];
            using (var sys = new SysCcm(key)) sys.Encrypt(nonce, pt, expCt, expTag, aad);

            var k = AesKey.Create(key);
            var ct = new byte[len]; var tag = new byte[tagLen];
            AesCcm.Encrypt(k, nonce, aad, pt, ct, tag);
            Assert.Equal(expCt, ct);
            Assert.Equal(expTag, tag);

            // In place, both directions.
            var buf = (byte[])pt.Clone();
            AesCcm.Encrypt(k, nonce, aad, buf, buf, tag);
            Assert.Equal(expCt, buf);
            Assert.True(AesCcm.Decrypt(k, nonce, aad, buf, tag, buf));
            Assert.Equal(pt, buf);

            var back = new byte[len];
            Assert.True(AesCcm.Decrypt(k, nonce, aad, expCt, expTag, back));
            Assert.Equal(pt, back);
        }
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void TamperedInputs_FailAndZeroPlaintext(string path)
    {
        using var _ = Force(path);
        var rng = new Random(42);
        var k = AesKey.Create(Hex("c97c1f67ce371185514a8a19f2bdd52f"));
        foreach (int len in new[] { 0, 1, 20, 64, 257 })
        {
            var nonce = new byte[13]; rng.NextBytes(nonce);
            var aad = new byte[24]; rng.NextBytes(aad);
            var pt = new byte[len]; rng.NextBytes(pt);
            var ct = new byte[len]; var tag = new byte[8];
            AesCcm.Encrypt(k, nonce, aad, pt, ct, tag);
            for (int which = 0; which < 4; which++)
            {
                if (which == 0 && len == 0) continue;
                var c2 = (byte[])ct.Clone(); var t2 = (byte[])tag.Clone(); var a2 = (byte[])aad.Clone(); var n2 = (byte[])nonce.Clone();
                switch (which)
                {
                    case 0: c2[rng.Next(len)] ^= (byte)(1 << rng.Next(8)); break;
                    case 1: t2[rng.Next(8)] ^= (byte)(1 << rng.Next(8)); break;
                    case 2: a2[rng.Next(24)] ^= (byte)(1 << rng.Next(8)); break;
                    case 3: n2[rng.Next(13)] ^= (byte)(1 << rng.Next(8)); break;
                }
                var outBuf = Enumerable.Repeat((byte)0xAA, len).ToArray();
                Assert.False(AesCcm.Decrypt(k, n2, a2, c2, t2, outBuf));
                Assert.All(outBuf, b => Assert.Equal(0, b));
            }
        }
    }

    [Fact]
    public void BadArguments_AreRejectedWithTheValue()
    {
        var k = AesKey.Create(new byte[16]);
        var e = Assert.Throws<RtException>(() => AesCcm.Encrypt(k, new byte[12], default, new byte[4], new byte[4], new byte[8]));
        Assert.Contains("nonce length 12", e.Message);
        e = Assert.Throws<RtException>(() => AesCcm.Encrypt(k, new byte[13], default, new byte[4], new byte[4], new byte[7]));
        Assert.Contains("tag length 7", e.Message);
        e = Assert.Throws<RtException>(() => AesCcm.Encrypt(k, new byte[13], default, new byte[4], new byte[5], new byte[8]));
        Assert.Contains("output length 5", e.Message);
        var buf = new byte[40];
        e = Assert.Throws<RtException>(() => AesCcm.Encrypt(k, new byte[13], default, buf.AsSpan(0, 20), buf.AsSpan(4, 20), new byte[8]));
        Assert.Contains("overlap", e.Message);
    }
}
