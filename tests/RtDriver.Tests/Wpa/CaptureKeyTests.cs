using RtDriver.Wpa;
using Xunit;

namespace RtDriver.Tests.Wpa;

public class CaptureKeyTests
{
    [Theory]
    [InlineData("wep:1f1f1f1f1f", RtCipher.Wep40, 5, null)]
    [InlineData("wep:1F:1F:1F:1F:1F@2", RtCipher.Wep40, 5, 2)]
    [InlineData("wep:000102030405060708090a0b0c", RtCipher.Wep104, 13, null)]
    [InlineData("ccmp:00112233445566778899aabbccddeeff", RtCipher.Ccmp, 16, null)]
    [InlineData("GCMP256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff@1", RtCipher.Gcmp256, 32, 1)]
    public void Parses(string text, RtCipher cipher, int length, int? keyId)
    {
        var k = CaptureKey.Parse(text);
        Assert.Equal((cipher, length, keyId), (k.Cipher, k.Key.Length, k.KeyId));
    }

    [Theory]
    [InlineData("1f1f1f1f1f")]
    [InlineData("rot13:00")]
    [InlineData("ccmp:0011")]
    [InlineData("wep:zz1f1f1f1f")]
    [InlineData("wep:1f1f1f1f1f@4")]
    public void RefusesWithAnInvalidArgumentNamingTheValue(string text)
    {
        var e = Assert.Throws<RtException>(() => CaptureKey.Parse(text));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains("'", e.Message);
    }
}
