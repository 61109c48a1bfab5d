using Xunit;
using RtDriver.Crypto;
using RtDriver.Crypto.Primitives;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

public class AesTests
{
    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void Fips197_AppendixC(string path)
    {
        using var _ = Force(path);
        var pt = Hex("00112233445566778899aabbccddeeff");
        var out16 = new byte[16];
        AesKey.Create(Hex("000102030405060708090a0b0c0d0e0f")).EncryptBlock(pt, out16);
        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexStringLower(out16));
        AesKey.Create(Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")).EncryptBlock(pt, out16);
        Assert.Equal("8ea2b7ca516745bfeafc49904b496089", Convert.ToHexStringLower(out16));
        // FIPS-197 Appendix B (the worked example).
        AesKey.Create(Hex("2b7e151628aed2a6abf7158809cf4f3c")).EncryptBlock(Hex("3243f6a8885a308d313198a2e0370734"), out16);
        Assert.Equal("3925841d02dc09fbdc118597196a0b32", Convert.ToHexStringLower(out16));
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void MatchesSystemAesEcb_RandomKeys(string path)
    {
        using var _ = Force(path);
        var rng = new Random(197);
        for (int iter = 0; iter < 200; iter++)
        {
            var key = new byte[iter % 2 == 0 ? 16 : 32];
            rng.NextBytes(key);
            var blk = new byte[16];
            rng.NextBytes(blk);
            using var sys = System.Security.Cryptography.Aes.Create();
            sys.Key = key;
            var expected = sys.EncryptEcb(blk, System.Security.Cryptography.PaddingMode.None);
            var k = AesKey.Create(key);
            Assert.Equal(key.Length, k.KeySize);
            k.EncryptBlock(blk, blk); // in place
            Assert.Equal(expected, blk);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(24)]
    [InlineData(33)]
    public void BadKeyLength_NamesTheLength(int len)
    {
        var ex = Assert.Throws<RtException>(() => AesKey.Create(new byte[len]));
        Assert.Equal(RtStatus.InvalidArgument, ex.Status);
        Assert.Equal($"AES key length {len}: must be 16 or 32", ex.Message);
    }

    [Fact]
    public void ForcingUnsupportedPathThrows_AndEveryListedPathIsSupported()
    {
        foreach (var k in CryptoPath.Supported) Assert.True(CryptoPath.IsSupported(k));
        foreach (CryptoPathKind k in Enum.GetValues<CryptoPathKind>())
            if (!CryptoPath.IsSupported(k)) Assert.Throws<RtException>(() => CryptoPath.Force(k));
    }

    [FactWhen(Needs.CpuAdvertisesAesNi)]
    public void MachineOffersAesNi_WhenCpuHasIt()
    {
        // The CPU advertises AES-NI + PCLMULQDQ + SSSE3 and no DOTNET_Enable*=0 hides them: if the
        // runtime stops seeing them the fast path silently disappears, which must fail loudly instead.
        Assert.Contains(CryptoPathKind.AesNi, CryptoPath.Supported);
    }
}

public class PrimitiveSelfTestTests
{
    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void SelfTest_PassesOnEveryPath(string path)
    {
        using var _ = PathData.Force(path);
        Assert.Null(PrimitiveSelfTest.Run());
    }
}
