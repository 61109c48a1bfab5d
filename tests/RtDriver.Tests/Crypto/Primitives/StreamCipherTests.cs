using Xunit;
using System.Text;
using RtDriver.Crypto.Primitives;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

/// <summary>RC4, CRC-32, Michael and TKIP key mixing.</summary>
public class StreamCipherTests
{
    [Fact]
    public void Rc4_Rfc6229_And_ClassicVectors()
    {
        // RFC 6229, 40-bit key 0x0102030405: keystream at offsets 0, 16 and 240.
        var ks = new byte[256];
        Rc4.Crypt(Hex("0102030405"), new byte[256], ks);
        Assert.Equal("b2396305f03dc027ccc3524a0a1118a8", Convert.ToHexStringLower(ks.AsSpan(0, 16)));
        Assert.Equal("6982944f18fc82d589c403a47a0d0919", Convert.ToHexStringLower(ks.AsSpan(16, 16)));
        Assert.Equal("28cb1132c96ce286421dcaadb8b69eae", Convert.ToHexStringLower(ks.AsSpan(240, 16)));
        var s = new Rc4Stream(Hex("0102030405"));
        s.Skip(240);
        var part = new byte[16];
        s.Crypt(new byte[16], part);
        Assert.Equal("28cb1132c96ce286421dcaadb8b69eae", Convert.ToHexStringLower(part));

        foreach (var (key, pt, ct) in new[] { ("Key", "Plaintext", "bbf316e8d940af0ad3"), ("Wiki", "pedia", "1021bf0420"), ("Secret", "Attack at dawn", "45a01f645fc35b383552544b9bf5") })
        {
            var buf = Encoding.ASCII.GetBytes(pt);
            Rc4.Crypt(Encoding.ASCII.GetBytes(key), buf, buf);
            Assert.Equal(ct, Convert.ToHexStringLower(buf));
        }
        Assert.Contains("RC4 key length 0", Assert.Throws<RtException>(() => Rc4.Crypt(default, new byte[1], new byte[1])).Message);
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void Crc32_CheckValue_Streaming_And_BitwiseReference(string path)
    {
        using var _ = Force(path);
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Compute(default));
        var rng = new Random(802);
        for (int iter = 0; iter < 300; iter++)
        {
            var data = new byte[iter < 200 ? iter : rng.Next(0, 3000)];
            rng.NextBytes(data);
            uint c = 0xFFFFFFFF;
            foreach (byte b in data) { c ^= b; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1))); }
            uint expected = ~c;
            Assert.Equal(expected, Crc32.Compute(data));
            int split = data.Length == 0 ? 0 : rng.Next(data.Length);
            Assert.Equal(expected, Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    [Fact]
    public void Michael_Vectors_OneShotAndStreaming()
    {
        var path = TestPaths.RequireShared("testdata", "vectors", "michael_mic_vectors.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        int n = 0;
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var key = Hex(v.GetProperty("key").GetString()!);
            var msg = Hex(v.GetProperty("message_hex").GetString()!);
            var expected = v.GetProperty("expected_mic").GetString()!;
            var mic = new byte[8];
            Michael.Compute(key, msg, mic);
            Assert.Equal(expected, Convert.ToHexStringLower(mic));
            for (int split1 = 0; split1 <= msg.Length; split1++)
            {
                var st = new MichaelState();
                st.Init(key);
                int split2 = (split1 + msg.Length) / 2;
                st.Update(msg.AsSpan(0, split1));
                st.Update(msg.AsSpan(split1, split2 - split1));
                st.Update(msg.AsSpan(split2));
                st.Final(mic);
                Assert.Equal(expected, Convert.ToHexStringLower(mic));
            }
            n++;
        }
        Assert.Equal(6, n);
    }

    [Fact]
    public void Tkip_StandardVector_KeyMixingMicIcvAndRc4()
    {
        var v = CipherVector("tkip-80211-2012-M.6.3");
        var tk = Hex(v.GetProperty("tk").GetString()!);
        var ta = Hex(v.GetProperty("transmitter_address").GetString()!);
        uint iv32 = v.GetProperty("iv32").GetUInt32();
        ushort iv16 = (ushort)v.GetProperty("iv16").GetUInt32();

        var ttak = new ushort[5];
        TkipKeyMixing.Phase1(tk, ta, iv32, ttak);
        var expTtak = v.GetProperty("expected_ttak_u16").EnumerateArray().Select(e => Convert.ToUInt16(e.GetString()!, 16)).ToArray();
        Assert.Equal(expTtak, ttak);

        var rc4Key = new byte[16];
        TkipKeyMixing.Phase2(tk, ttak, iv16, rc4Key);
        Assert.Equal(v.GetProperty("expected_phase2_rc4_key").GetString(), Convert.ToHexStringLower(rc4Key));

        // Michael over DA ‖ SA ‖ priority ‖ 0 0 0 ‖ MSDU.
        var mpdu = Hex(v.GetProperty("plaintext_mpdu_without_mic").GetString()!);
        var msdu = mpdu.AsSpan(24).ToArray();
        var st = new MichaelState();
        st.Init(Hex(v.GetProperty("michael_tx_key").GetString()!));
        st.Update(Hex(v.GetProperty("da").GetString()!));
        st.Update(Hex(v.GetProperty("sa").GetString()!));
        st.Update([(byte)v.GetProperty("priority").GetInt32(), 0, 0, 0]);
        st.Update(msdu);
        var mic = new byte[8];
        st.Final(mic);
        Assert.Equal(v.GetProperty("expected_michael_mic").GetString(), Convert.ToHexStringLower(mic));

        // RC4(MSDU ‖ MIC ‖ ICV), the ICV being CRC-32 little-endian, equals the frame body after the 8-byte IV.
        var body = msdu.Concat(mic).ToArray();
        uint icv = Crc32.Compute(body);
        body = body.Concat(BitConverter.GetBytes(icv)).ToArray();
        Rc4.Crypt(rc4Key, body, body);
        var expected = Hex(v.GetProperty("expected_encrypted_mpdu").GetString()!);
        Assert.Equal(Convert.ToHexStringLower(expected.AsSpan(32)), Convert.ToHexStringLower(body));
    }

    [Fact]
    public void Wep_StandardVector_Icv()
    {
        var v = CipherVector("wep40-80211i-D7.0-I.7.2");
        var body = Hex(v.GetProperty("plaintext_body").GetString()!);
        uint icv = Crc32.Compute(body);
        Assert.Equal(v.GetProperty("expected_icv_plain").GetString(), Convert.ToHexStringLower(BitConverter.GetBytes(icv)));
        var all = body.Concat(BitConverter.GetBytes(icv)).ToArray();
        Rc4.Crypt(Hex(v.GetProperty("rc4_key").GetString()!), all, all);
        var expected = Hex(v.GetProperty("expected_encrypted_mpdu").GetString()!);
        Assert.Equal(Convert.ToHexStringLower(expected.AsSpan(28)), Convert.ToHexStringLower(all));
    }
}
