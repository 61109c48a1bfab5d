namespace RtDriver.Wpa;

/// <summary>
/// A PTK (IEEE 802.11 12.7.1.3): KCK (16) | KEK (16) | TK. For TKIP the TK is 32 bytes: temporal key (16)
/// | Michael key of the Authenticator's transmissions (8) | Michael key of the Supplicant's transmissions (8).
/// </summary>
public sealed class PairwiseTransientKey
{
    public byte[] Bytes { get; }
    public RtCipher Cipher { get; }
    public Akm Akm { get; }

    public ReadOnlySpan<byte> Kck => Bytes.AsSpan(0, 16);
    public ReadOnlySpan<byte> Kek => Bytes.AsSpan(16, 16);
    public ReadOnlySpan<byte> Tk => Bytes.AsSpan(32);

    private PairwiseTransientKey(byte[] bytes, RtCipher cipher, Akm akm) { Bytes = bytes; Cipher = cipher; Akm = akm; }

    /// <summary>Length of the TK for a pairwise cipher, in bytes: the cipher's ABI key length (TKIP: TK | TX Michael key | RX Michael key).</summary>
    public static int TkLength(RtCipher cipher) => cipher switch
    {
        RtCipher.Tkip or RtCipher.Ccmp or RtCipher.Gcmp or RtCipher.Ccmp256 or RtCipher.Gcmp256 => RtCipherInfo.KeyLengthOf(cipher),
        _ => throw RtException.InvalidArgument($"cipher {cipher} is not a pairwise cipher of a 4-way handshake"),
    };

    /// <summary>
    /// PTK = PRF-SHA1 (AKM 1, 2) or KDF-SHA256 (AKM 5, 6) of PMK with "Pairwise key expansion" and
    /// Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce).
    /// </summary>
    public static PairwiseTransientKey Derive(ReadOnlySpan<byte> pmk, ReadOnlySpan<byte> aa, ReadOnlySpan<byte> spa,
        ReadOnlySpan<byte> aNonce, ReadOnlySpan<byte> sNonce, Akm akm, RtCipher cipher)
    {
        if (aa.Length != 6 || spa.Length != 6) throw RtException.InvalidArgument("AA and SPA must be 6-byte MAC addresses");
        if (aNonce.Length != 32 || sNonce.Length != 32) throw RtException.InvalidArgument("ANonce and SNonce must be 32 bytes");
        Span<byte> context = stackalloc byte[76];
        bool aaFirst = aa.SequenceCompareTo(spa) < 0;
        (aaFirst ? aa : spa).CopyTo(context);
        (aaFirst ? spa : aa).CopyTo(context[6..]);
        bool anFirst = aNonce.SequenceCompareTo(sNonce) < 0;
        (anFirst ? aNonce : sNonce).CopyTo(context[12..]);
        (anFirst ? sNonce : aNonce).CopyTo(context[44..]);
        int bytes = 32 + TkLength(cipher);
        const string label = "Pairwise key expansion";
        var ptk = akm is Akm.PskSha256 or Akm.Ieee8021XSha256
            ? KeyDerivation.KdfSha256(pmk, label, context, bytes * 8)
            : KeyDerivation.PrfSha1(pmk, label, context, bytes);
        return new PairwiseTransientKey(ptk, cipher, akm);
    }

    /// <summary>
    /// The key material for the library's frame key (rt_key layout) that decrypts frames sent by one side:
    /// for TKIP, TK | Michael key of the receiver's own transmissions | Michael key of the frames it receives.
    /// </summary>
    public byte[] FrameKeyMaterial(bool transmitterIsAuthenticator)
    {
        var tk = Tk.ToArray();
        if (Cipher != RtCipher.Tkip) return tk;
        var material = new byte[32];
        tk.AsSpan(0, 16).CopyTo(material);
        var authTx = tk.AsSpan(16, 8);
        var suppTx = tk.AsSpan(24, 8);
        // The receiver transmits with its own key and receives with the transmitter's.
        (transmitterIsAuthenticator ? suppTx : authTx).CopyTo(material.AsSpan(16));
        (transmitterIsAuthenticator ? authTx : suppTx).CopyTo(material.AsSpan(24));
        return material;
    }
}
