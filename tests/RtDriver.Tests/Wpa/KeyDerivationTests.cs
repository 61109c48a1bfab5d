using System.Text;
using RtDriver.Wpa;
using Xunit;

namespace RtDriver.Tests.Wpa;

public class KeyDerivationTests
{
    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();

    // IEEE 802.11 Annex J.4.2 (PSK mapping test vectors).
    [Theory]
    [InlineData("password", "IEEE", "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e")]
    [InlineData("ThisIsAPassword", "ThisIsASSID", "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62")]
    public void PmkMatchesTheStandardsPskVectors(string passphrase, string ssid, string pmk) =>
        Assert.Equal(pmk, Hex(Pmk.FromPassphrase(passphrase, ssid)));

    [Fact]
    public void PmkIsPbkdf2HmacSha1PerRfc6070()
    {
        // RFC 6070: P="password", S="salt", c=4096, dkLen=20. PBKDF2 output is a prefix-stable stream.
        Assert.StartsWith("4b007901b765489abead49d926f721d065a429c1", Hex(Pmk.FromPassphrase("password", "salt")));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64 characters
    [InlineData("pass\u00e9word")]
    public void PassphrasesOutsideTheStandardAreRefusedByName(string passphrase)
    {
        var e = Assert.Throws<RtException>(() => Pmk.FromPassphrase(passphrase, "ssid"));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
    }

    // IEEE 802.11i-2004 Annex H.3 (PRF test vectors; the RFC 2202 HMAC-SHA1 keys with prefix "prefix").
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
        "bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a")]
    [InlineData("4a656665", "what do ya want for nothing?",
        "51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc")]
    public void PrfSha1MatchesThe80211iVectors(string key, string data, string expected)
    {
        Assert.Equal(expected, Hex(KeyDerivation.PrfSha1(Convert.FromHexString(key), "prefix", Encoding.ASCII.GetBytes(data), 64)));
        // PRF-384 is the prefix of PRF-512.
        Assert.Equal(expected[..96], Hex(KeyDerivation.PrfSha1(Convert.FromHexString(key), "prefix", Encoding.ASCII.GetBytes(data), 48)));
    }

    [Fact]
    public void KdfSha256MatchesAnIndependentComputation()
    {
        // Computed with Python hmac/hashlib from the 802.11 12.7.1.7.2 definition (i and Length LE16).
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var context = Enumerable.Range(0, 76).Select(i => (byte)i).ToArray();
        Assert.Equal("ca5d2b63205753bc5b26c31a135d1fb964f1ce5d87062246c4da6433d5422ca19065f6c58c3da70e0756992606528f4d",
            Hex(KeyDerivation.KdfSha256(key, "Pairwise key expansion", context, 384)));
    }

    // RFC 3394 section 4.1, 4.3 and 4.6.
    [Theory]
    [InlineData("000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF", "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")]
    [InlineData("000102030405060708090A0B0C0D0E0F1011121314151617", "00112233445566778899AABBCCDDEEFF0001020304050607", "031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2")]
    [InlineData("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
        "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21")]
    public void AesKeyWrapMatchesRfc3394(string kek, string plain, string wrapped)
    {
        var k = Convert.FromHexString(kek);
        Assert.Equal(wrapped, Hex(AesKeyWrap.Wrap(k, Convert.FromHexString(plain))));
        Assert.True(AesKeyWrap.TryUnwrap(k, Convert.FromHexString(wrapped), out var back));
        Assert.Equal(plain.ToLowerInvariant(), Hex(back));
    }

    [Fact]
    public void AesKeyUnwrapRefusesEveryCorruption()
    {
        var kek = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        var wrapped = Convert.FromHexString("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
        for (int bit = 0; bit < wrapped.Length * 8; bit++)
        {
            var bad = (byte[])wrapped.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(AesKeyWrap.TryUnwrap(kek, bad, out _), $"bit {bit} flipped still unwrapped");
        }
        Assert.False(AesKeyWrap.TryUnwrap(kek, wrapped.AsSpan(0, 16), out _));
        Assert.False(AesKeyWrap.TryUnwrap(kek, wrapped.AsSpan(0, 23), out _));
    }

    [Fact]
    public void PtkLayoutAndTkipMichaelKeyOrder()
    {
        var ptk = PairwiseTransientKey.Derive(new byte[32], [0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 2], new byte[32], Enumerable.Repeat((byte)1, 32).ToArray(), Akm.Psk, RtCipher.Tkip);
        Assert.Equal(64, ptk.Bytes.Length);
        var fromAp = ptk.FrameKeyMaterial(transmitterIsAuthenticator: true);
        var fromSta = ptk.FrameKeyMaterial(transmitterIsAuthenticator: false);
        // TK shared; the receive Michael key (bytes 24..31) is the transmitter's TX key.
        Assert.Equal(ptk.Bytes.AsSpan(32, 16).ToArray(), fromAp[..16]);
        Assert.Equal(ptk.Bytes.AsSpan(48, 8).ToArray(), fromAp[24..32]); // Authenticator TX Michael key
        Assert.Equal(ptk.Bytes.AsSpan(56, 8).ToArray(), fromAp[16..24]);
        Assert.Equal(fromAp[16..24], fromSta[24..32]);
        Assert.Equal(fromAp[24..32], fromSta[16..24]);
        var ccmp = PairwiseTransientKey.Derive(new byte[32], [0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 2], new byte[32], Enumerable.Repeat((byte)1, 32).ToArray(), Akm.Psk, RtCipher.Ccmp);
        Assert.Equal(ptk.Bytes[..48], ccmp.Bytes); // PRF-384 is a prefix of PRF-512
    }
}
