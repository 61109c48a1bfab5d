using System.Security.Cryptography;

namespace RtDriver.Wpa;

/// <summary>The EAPOL-Key MIC, by Key Descriptor Version: 1 HMAC-MD5, 2 HMAC-SHA1-128, 3 AES-128-CMAC.
/// Computed over the whole EAPOL PDU with the MIC field zeroed.</summary>
public static class EapolKeyMic
{
    public static byte[] Compute(int descriptorVersion, ReadOnlySpan<byte> kck, ReadOnlySpan<byte> pdu)
    {
        var zeroed = pdu.ToArray();
        zeroed.AsSpan(EapolKey.MicOffset, EapolKey.MicLength).Clear();
        return descriptorVersion switch
        {
            1 => HMACMD5.HashData(kck, zeroed),
            2 => HMACSHA1.HashData(kck, zeroed)[..16],
            3 => Cmac(kck, zeroed),
            _ => throw new RtException(RtStatus.Unsupported, $"EAPOL-Key descriptor version {descriptorVersion} is not supported (1 HMAC-MD5, 2 HMAC-SHA1, 3 AES-CMAC)"),
        };
    }

    private static byte[] Cmac(ReadOnlySpan<byte> kck, ReadOnlySpan<byte> data)
    {
        var mac = new byte[16];
        RtDriver.Crypto.Primitives.AesCmac.Compute(RtDriver.Crypto.Primitives.AesKey.Create(kck), data, mac);
        return mac;
    }

    public static bool Verify(EapolKey key, ReadOnlySpan<byte> kck)
    {
        if (key.DescriptorVersion is < 1 or > 3) return false;
        var mic = Compute(key.DescriptorVersion, kck, key.Pdu);
        return CryptographicOperations.FixedTimeEquals(mic, key.Mic.Span);
    }
}
