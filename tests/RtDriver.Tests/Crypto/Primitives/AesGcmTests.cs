using Xunit;
using RtDriver.Crypto.Primitives;
using SysGcm = System.Security.Cryptography.AesGcm;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

public class AesGcmTests
{
    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void GcmSpecTestCases1And2(string path)
    {
        using var _ = Force(path);
        var k = GcmKey.Create(new byte[16]);
        var tag = new byte[16];
        AesGcm80211.Encrypt(k, new byte[12], default, default, default, tag);
        Assert.Equal("58e2fccefa7e3061367f1d57a4e7455a", Convert.ToHexStringLower(tag));
        var ct = new byte[16];
        AesGcm80211.Encrypt(k, new byte[12], default, new byte[16], ct, tag);
        Assert.Equal("0388dace60b6a392f328c2b971b2fe78", Convert.ToHexStringLower(ct));
        Assert.Equal("ab6e47d42cec13bdf53a67b21257bddf", Convert.ToHexStringLower(tag));
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void MatchesSystemAesGcm_RandomInputs(string path)
    {
        using var _ = Force(path);
        Assert.True(SysGcm.IsSupported, "System.Security.Cryptography.AesGcm is needed as the cross-check");
        var rng = new Random(38);
        int[] special = [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 1500, 2304, 2400];
        for (int iter = 0; iter < 400; iter++)
        {
            var key = new byte[rng.Next(2) == 0 ? 16 : 32];
            rng.NextBytes(key);
            var nonce = new byte[12]; rng.NextBytes(nonce);
            int aadLen = iter % 5 == 0 ? rng.Next(0, 150) : rng.Next(22, 31);
            var aad = new byte[aadLen]; rng.NextBytes(aad);
            int len = iter < special.Length ? special[iter] : rng.Next(0, 600);
            var pt = new byte[len]; rng.NextBytes(pt);

            var expCt = new byte[len]; var expTag = new byte[16];
            using (var sys = new SysGcm(key, 16)) sys.Encrypt(nonce, pt, expCt, expTag, aad);

            var k = GcmKey.Create(key);
            var ct = new byte[len]; var tag = new byte[16];
            AesGcm80211.Encrypt(k, nonce, aad, pt, ct, tag);
            Assert.Equal(expCt, ct);
            Assert.Equal(expTag, tag);

            var buf = (byte[])pt.Clone();
            AesGcm80211.Encrypt(k, nonce, aad, buf, buf, tag);
            Assert.Equal(expCt, buf);
            Assert.True(AesGcm80211.Decrypt(k, nonce, aad, buf, tag, buf));
            Assert.Equal(pt, buf);

            // GMAC is GCM with everything as AAD.
            var mac = new byte[16];
            AesGmac.Compute(k, nonce, aad, mac);
            using (var sys = new SysGcm(key, 16)) sys.Encrypt(nonce.AsSpan(), ReadOnlySpan<byte>.Empty, Span<byte>.Empty, expTag.AsSpan(), aad.AsSpan());
            Assert.Equal(expTag, mac);
        }
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void TamperedInputs_FailAndZeroPlaintext(string path)
    {
        using var _ = Force(path);
        var rng = new Random(7);
        var k = GcmKey.Create(Hex("c97c1f67ce371185514a8a19f2bdd52f000102030405060708090a0b0c0d0e0f"));
        foreach (int len in new[] { 1, 20, 64, 257 })
        {
            var nonce = new byte[12]; rng.NextBytes(nonce);
            var aad = new byte[22]; rng.NextBytes(aad);
            var pt = new byte[len]; rng.NextBytes(pt);
            var ct = new byte[len]; var tag = new byte[16];
            AesGcm80211.Encrypt(k, nonce, aad, pt, ct, tag);
            for (int which = 0; which < 3; which++)
            {
                var c2 = (byte[])ct.Clone(); var t2 = (byte[])tag.Clone(); var a2 = (byte[])aad.Clone();
                if (which == 0) c2[rng.Next(len)] ^= 0x80;
                if (which == 1) t2[15] ^= 1;
                if (which == 2) a2[0] ^= 2;
                var outBuf = Enumerable.Repeat((byte)0x55, len).ToArray();
                Assert.False(AesGcm80211.Decrypt(k, nonce, a2, c2, t2, outBuf));
                Assert.All(outBuf, b => Assert.Equal(0, b));
            }
        }
    }

    [Fact]
    public void BadArguments_AreRejectedWithTheValue()
    {
        var k = GcmKey.Create(new byte[16]);
        Assert.Contains("nonce length 13", Assert.Throws<RtException>(() => AesGcm80211.Encrypt(k, new byte[13], default, default, default, new byte[16])).Message);
        Assert.Contains("tag length 8", Assert.Throws<RtException>(() => AesGcm80211.Encrypt(k, new byte[12], default, default, default, new byte[8])).Message);
        Assert.Contains("AES key length 24", Assert.Throws<RtException>(() => GcmKey.Create(new byte[24])).Message);
    }
}
