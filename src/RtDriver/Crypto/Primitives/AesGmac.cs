using System.Runtime.Intrinsics;
namespace RtDriver.Crypto.Primitives;

/// <summary>AES-GMAC (GCM with an empty payload; the data is all AAD), as BIP-GMAC-128/256 uses it
/// with nonce = A2 || IPN. Allocation-free.</summary>
public static class AesGmac
{
    public static void Compute(GcmKey key, ReadOnlySpan<byte> nonce12, ReadOnlySpan<byte> data, Span<byte> tag16)
    {
        AesGcm80211.Validate(key, nonce12, default, default, tag16.Length, "AesGmac.Compute");
        if (AesGcm80211.UseClmul) AesGcmNi.Crypt(key, nonce12, data, default, default, encrypt: true).CopyTo(tag16);
        else AesGcm80211.ReferenceCrypt(key, nonce12, data, default, default, tag16, encrypt: true);
    }
}
