using RtDriver.Offload;
using Xunit;

namespace RtDriver.Tests.Offload;

public class KeyRequestTests
{
    private static readonly byte[] Ap = [0x00, 0x09, 0x5b, 0xf9, 0xb6, 0x04];

    private static RtException Bad(int cipher, byte[]? addr, int keyId, byte[] seq, byte[] key, KeyFlags flags = 0)
    {
        var e = Assert.Throws<RtException>(() => KeyRequest.Create(cipher, addr ?? [], addr is not null, keyId, false, seq, key, flags));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        return e;
    }

    [Fact]
    public void TheFreeBsdPtkIsAValidPairwiseRequest()
    {
        var r = KeyRequest.Create((int)RtCipher.Tkip, Ap, true, 0, true, new byte[6], new byte[32], 0);
        Assert.True(r.IsPairwise);
        Assert.Equal(Ap, r.Address);
        Assert.Equal(6, r.RscLength);
        var g = KeyRequest.Create((int)RtCipher.Tkip, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], true, 1, false, [1, 2, 0, 0, 0, 0], new byte[32], 0);
        Assert.False(g.IsPairwise);
        Assert.Equal(0x0201ul, g.Rsc);
        var g2 = KeyRequest.Create((int)RtCipher.Ccmp, [], false, 2, false, [], new byte[16], 0);
        Assert.False(g2.IsPairwise);
        Assert.Equal(KeyRequest.Broadcast.ToArray(), g2.Address);
    }

    [Fact]
    public void BadValuesAreNamed()
    {
        Assert.Contains("delete it with del_key", Bad(0, Ap, 0, [], []).Message); // the operation, not a C function: rtprobe relays this too
        Assert.Contains("cipher 12", Bad(12, Ap, 0, [], new byte[16]).Message);
        Assert.Contains("key_len 16", Bad((int)RtCipher.Tkip, Ap, 0, [], new byte[16]).Message);
        Assert.Contains("key id 4", Bad((int)RtCipher.Ccmp, Ap, 4, [], new byte[16]).Message);
        Assert.Contains("key id -1", Bad((int)RtCipher.Ccmp, Ap, -1, [], new byte[16]).Message);
        Assert.Contains("key id 0", Bad((int)RtCipher.BipCmac128, null, 0, [], new byte[16]).Message);
        Assert.Contains("seq_len 9", Bad((int)RtCipher.Ccmp, Ap, 0, new byte[9], new byte[16]).Message);
        Assert.Contains("48-bit", Bad((int)RtCipher.Ccmp, Ap, 0, [0, 0, 0, 0, 0, 0, 1, 0], new byte[16]).Message);
        Assert.Contains("unknown bits 0x40", Bad((int)RtCipher.Ccmp, Ap, 0, [], new byte[16], (KeyFlags)0x41).Message);
        Assert.Contains("both RT_KEY_FORCE", Bad((int)RtCipher.Ccmp, Ap, 0, [], new byte[16], KeyFlags.ForceHardware | KeyFlags.ForceSoftware).Message);
        Assert.Contains("both RT_KEY_PAIRWISE", Bad((int)RtCipher.Ccmp, Ap, 0, [], new byte[16], KeyFlags.Pairwise | KeyFlags.Group).Message);
        Assert.Contains("addr is NULL", Bad((int)RtCipher.Ccmp, null, 0, [], new byte[16], KeyFlags.Pairwise).Message);
        Assert.Contains("ff:ff:ff:ff:ff:ff", Bad((int)RtCipher.Ccmp, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0, [], new byte[16], KeyFlags.Pairwise).Message);
        Assert.Contains("address is 5 bytes", Bad((int)RtCipher.Ccmp, new byte[5], 0, [], new byte[16]).Message);
    }

    [Fact]
    public void MacAddressesParseAndFormat()
    {
        Assert.Equal(Ap, MacAddress.TryParse("00:09:5b:f9:b6:04"));
        Assert.Equal(Ap, MacAddress.TryParse("00-09-5B-F9-B6-04"));
        Assert.Null(MacAddress.TryParse("00:09:5b:f9:b6"));
        Assert.Null(MacAddress.TryParse("00:09:5b:f9:b6:zz"));
        Assert.Equal("00:09:5b:f9:b6:04", MacAddress.Format(Ap));
    }
}
