using RtDriver.Capture;
using RtDriver.Crypto.Frames;
using RtDriver.Wpa;
using Xunit;

namespace RtDriver.Tests.Wpa;

public class EapolKeyTests
{
    /// <summary>The EAPOL PDUs of a capture's unprotected data frames, with transmitter and receiver.</summary>
    private static List<(byte[] Pdu, byte[] Ta, byte[] Ra, long Number)> Eapols(string file)
    {
        using var reader = CaptureReader.Open(TestPaths.RequireShared("testdata", "captures", "aircrack-ng", file));
        var list = new List<(byte[], byte[], byte[], long)>();
        foreach (var r in reader.ReadAll())
        {
            if (!WirelessFrame.TryExtract(r.LinkType, r.Data, out var f, out _, out _)) continue;
            var frame = f.Span;
            if (!FrameHeader.TryParse(frame, out var h) || !h.IsData || h.Protected) continue;
            if (CaptureDecryptor.IsEapol(frame, h, out var eapol))
                list.Add((eapol.ToArray(), FrameHeader.Address2(frame).ToArray(), FrameHeader.Address1(frame).ToArray(), r.Number));
        }
        return list;
    }

    [Theory]
    [InlineData("wpa.cap", 1, EapolKey.DescriptorWpa)]               // WPA1: HMAC-MD5
    [InlineData("wpa2.eapol.cap", 2, EapolKey.DescriptorRsn)]        // RSN: HMAC-SHA1-128
    [InlineData("n-02.cap", 3, EapolKey.DescriptorRsn)]              // AKM 6: AES-CMAC
    public void HandshakeMessagesParseAndTheMicVerifiesOnlyWithTheRightKck(string file, int version, byte descriptor)
    {
        var frames = Eapols(file);
        var parsed = frames.Select(e => { Assert.True(EapolKey.TryParse(e.Pdu, out var k, out var why), why); return (Key: k!, e.Ta, e.Ra, e.Number); }).ToList();
        var m1 = parsed.First(p => p.Key.Message == EapolKeyMessage.Pairwise1 && p.Key.DescriptorVersion == version);
        var m2 = parsed.First(p => p.Key.Message == EapolKeyMessage.Pairwise2 && p.Ta.AsSpan().SequenceEqual(m1.Ra));
        Assert.Equal(descriptor, m2.Key.DescriptorType);
        Assert.True(m2.Key.Has(KeyInfo.Mic));

        var ssid = file switch { "wpa.cap" => "test", "wpa2.eapol.cap" => "Harkonen", _ => "Neheb" };
        var pass = file switch { "wpa.cap" => "biscotte", "wpa2.eapol.cap" => "12345678", _ => "bo$$password" };
        var akm = version == 3 ? Akm.PskSha256 : Akm.Psk;
        var cipher = version == 1 ? RtCipher.Tkip : RtCipher.Ccmp;
        var ptk = PairwiseTransientKey.Derive(Pmk.FromPassphrase(pass, ssid), m1.Ta, m1.Ra, m1.Key.Nonce.Span, m2.Key.Nonce.Span, akm, cipher);
        Assert.True(EapolKeyMic.Verify(m2.Key, ptk.Kck));
        // Any single flipped bit of the PDU breaks the MIC.
        var rng = new Random(7);
        for (int i = 0; i < 64; i++)
        {
            var pdu = (byte[])m2.Key.Pdu.Clone();
            int bit = rng.Next(pdu.Length * 8);
            if (bit / 8 is >= EapolKey.MicOffset and < EapolKey.MicOffset + EapolKey.MicLength) continue;
            pdu[bit / 8] ^= (byte)(1 << (bit % 8));
            if (!EapolKey.TryParse(pdu, out var bad, out _)) continue;
            Assert.False(EapolKeyMic.Verify(bad!, ptk.Kck), $"bit {bit} flipped and the MIC still verified");
        }
    }

    [Fact]
    public void EveryTruncationAndLyingLengthIsRefusedWithoutAnException()
    {
        var pdu = Eapols("wpa2.eapol.cap")[0].Pdu;
        for (int n = 0; n < pdu.Length; n++)
        {
            bool ok = EapolKey.TryParse(pdu.AsSpan(0, n), out _, out var why);
            Assert.False(ok, $"{n} of {pdu.Length} bytes parsed");
            Assert.False(string.IsNullOrEmpty(why));
        }
        var lying = (byte[])pdu.Clone();
        lying[4 + 93] = 0xFF; // Key Data Length far beyond the PDU
        Assert.False(EapolKey.TryParse(lying, out _, out var reason));
        Assert.Contains("exceeds", reason);
        var notKey = (byte[])pdu.Clone();
        notKey[1] = 0; // EAP packet, not EAPOL-Key
        Assert.False(EapolKey.TryParse(notKey, out _, out _));
    }

    [Fact]
    public void GarbageFramesNeverThrowInTheTracker()
    {
        var tracker = new HandshakeTracker(new byte[32]);
        var rng = new Random(11);
        var template = Eapols("wpa2.eapol.cap").Select(e => e.Pdu).ToList();
        for (int i = 0; i < 5000; i++)
        {
            var pdu = (byte[])template[i % template.Count].Clone();
            for (int k = 0; k < 1 + rng.Next(8); k++) pdu[rng.Next(pdu.Length)] = (byte)rng.Next(256);
            if (EapolKey.TryParse(pdu, out var key, out _))
                tracker.Process(key!, [0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], i);
        }
        Assert.Empty(tracker.Sessions.SelectMany(s => s.PairwiseKeys)); // the zero PMK verifies nothing
    }
}
