using System.Text;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// Known-answer tests of the primitives on the CURRENT crypto path (the caller forces each path
/// with CryptoPath.Force): AES-128/256 (FIPS-197), AES-CMAC (RFC 4493), GCM (the GCM spec's test
/// cases 1-2), RC4 (RFC 6229), CRC-32 (check value, and the PCLMULQDQ folding length range
/// against the byte-wise definition), and the multi-frame CCM/GCM batches against the single-frame
/// functions. Returns null when all pass, else what failed. Allocates (it is a self-test).
/// </summary>
public static class PrimitiveSelfTest
{
    public static string? Run()
    {
        var k128 = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        var k256 = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        var pt = Convert.FromHexString("00112233445566778899aabbccddeeff");
        var o = new byte[16];
        AesKey.Create(k128).EncryptBlock(pt, o);
        if (Convert.ToHexStringLower(o) != "69c4e0d86a7b0430d8cdb78070b4c55a") return "AES-128 FIPS-197 C.1";
        AesKey.Create(k256).EncryptBlock(pt, o);
        if (Convert.ToHexStringLower(o) != "8ea2b7ca516745bfeafc49904b496089") return "AES-256 FIPS-197 C.3";

        var cmacKey = AesKey.Create(Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c"));
        var msg = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411");
        AesCmac.Compute(cmacKey, msg, o);
        if (Convert.ToHexStringLower(o) != "dfa66747de9ae63030ca32611497c827") return "AES-CMAC RFC 4493 example 3";

        var g = GcmKey.Create(new byte[16]);
        var ct = new byte[16];
        AesGcm80211.Encrypt(g, new byte[12], default, new byte[16], ct, o);
        if (Convert.ToHexStringLower(ct) != "0388dace60b6a392f328c2b971b2fe78" || Convert.ToHexStringLower(o) != "ab6e47d42cec13bdf53a67b21257bddf")
            return "AES-GCM test case 2";

        var ks = new byte[32];
        Rc4.Crypt(Convert.FromHexString("0102030405"), new byte[32], ks);
        if (Convert.ToHexStringLower(ks) != "b2396305f03dc027ccc3524a0a1118a86982944f18fc82d589c403a47a0d0919") return "RC4 RFC 6229";

        if (Crc32.Compute(Encoding.ASCII.GetBytes("123456789")) != 0xCBF43926) return "CRC-32 check value";
        var data = new byte[1600];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 131 + 7);
        foreach (int len in new[] { 64, 65, 127, 128, 200, 1500, 1600 })
            if (Crc32.Compute(data.AsSpan(0, len)) != ~Crc32.UpdateTable(0xFFFFFFFF, data.AsSpan(0, len))) return $"CRC-32 at {len} bytes";

        return Batches(data);
    }

    private static unsafe string? Batches(byte[] data)
    {
        const int n = 6;
        var key = AesKey.Create(Convert.FromHexString("c97c1f67ce371185514a8a19f2bdd52f"));
        var gkey = GcmKey.Create(Convert.FromHexString("c97c1f67ce371185514a8a19f2bdd52f"));
        var nonces = new byte[n * 13];
        var aad = new byte[n * 24];
        for (int i = 0; i < nonces.Length; i++) nonces[i] = (byte)(i * 7);
        for (int i = 0; i < aad.Length; i++) aad[i] = (byte)(i * 3 + 1);
        var outs = new byte[n * 1600];
        var tags = new byte[n * 16];
        fixed (byte* pn = nonces) fixed (byte* pa = aad) fixed (byte* pd = data) fixed (byte* po = outs) fixed (byte* pt = tags)
        {
            var jobs = stackalloc AeadJob[n];
            var gjobs = stackalloc AeadJob[n];
            for (int i = 0; i < n; i++)
            {
                int len = 1500 - 37 * i;
                jobs[i] = new AeadJob(pn + 13 * i, pa + 24 * i, 22 + i % 3, pd, po + 1600 * i, len, pt + 16 * i);
                gjobs[i] = new AeadJob(pn + 13 * i, pa + 24 * i, 22 + i % 3, pd, po + 1600 * i, len, pt + 16 * i);
            }
            var ct = new byte[1600];
            var tag = new byte[16];
            AesCcm.EncryptMany(key, new Span<AeadJob>(jobs, n), 8);
            for (int i = 0; i < n; i++)
            {
                int len = jobs[i].Length;
                AesCcm.Encrypt(key, new ReadOnlySpan<byte>(pn + 13 * i, 13), new ReadOnlySpan<byte>(pa + 24 * i, jobs[i].AadLength), data.AsSpan(0, len), ct.AsSpan(0, len), tag.AsSpan(0, 8));
                if (!ct.AsSpan(0, len).SequenceEqual(new ReadOnlySpan<byte>(po + 1600 * i, len)) || !tag.AsSpan(0, 8).SequenceEqual(new ReadOnlySpan<byte>(pt + 16 * i, 8)))
                    return $"CCM multi-frame batch frame {i}";
            }
            AesGcm80211.EncryptMany(gkey, new Span<AeadJob>(gjobs, n));
            for (int i = 0; i < n; i++)
            {
                int len = gjobs[i].Length;
                AesGcm80211.Encrypt(gkey, new ReadOnlySpan<byte>(pn + 13 * i, 12), new ReadOnlySpan<byte>(pa + 24 * i, gjobs[i].AadLength), data.AsSpan(0, len), ct.AsSpan(0, len), tag);
                if (!ct.AsSpan(0, len).SequenceEqual(new ReadOnlySpan<byte>(po + 1600 * i, len)) || !tag.AsSpan().SequenceEqual(new ReadOnlySpan<byte>(pt + 16 * i, 16)))
                    return $"GCM batch frame {i}";
            }
        }
        return null;
    }
}
