namespace RtDriver;

/// <summary>
/// The facts about one <see cref="RtCipher"/> that more than one layer needs: its names, its ABI key
/// length and whether it is a BIP (management frame integrity) cipher. The one home of these facts:
/// the hardware key tables, the key offload, the crypto wing, the C ABI and rtprobe all ask here.
/// What only one layer knows stays there (the RT2860 engine's cipher codes in
/// <c>Hardware/Keys/HwCipherMap</c>, header/MIC/trailer lengths in each crypto wing cipher, the CLI's
/// extra spellings in rtprobe's <c>CipherNames</c>).
/// </summary>
/// <param name="Cipher">The rt_cipher value.</param>
/// <param name="Name">Short name in library messages and key listings: "WEP40", "CCMP-256", "BIP-CMAC-128".</param>
/// <param name="SuiteName">The IEEE 802.11 suite name (selftest's table): "WEP-40", "CCMP-128", "GCMP-256".</param>
/// <param name="CaptureName">The name <c>rtprobe pcap decrypt</c> shows, as capture tools do: "WEP-40", "CCMP", "CCMP-256".</param>
/// <param name="SnakeName">The canonical machine name (rtprobe's arguments and --json): "wep40", "ccmp256", "bip_cmac128".</param>
/// <param name="KeyLength">The key length of the ABI's key layout, in bytes (TKIP: TK and both Michael keys).</param>
/// <param name="IsBip">A BIP cipher: a group key for management frames, key ids 4..5.</param>
public sealed record RtCipherInfo(RtCipher Cipher, string Name, string SuiteName, string CaptureName, string SnakeName, int KeyLength, bool IsBip)
{
    /// <summary>WEP-40 or WEP-104: no packet number, no extended IV.</summary>
    public bool IsWep => Cipher is RtCipher.Wep40 or RtCipher.Wep104;

    /// <summary>Every cipher, in rt_cipher order (1..<see cref="MaxCipher"/>).</summary>
    public static IReadOnlyList<RtCipherInfo> All { get; } =
    [
        new(RtCipher.Wep40, "WEP40", "WEP-40", "WEP-40", "wep40", 5, false),
        new(RtCipher.Wep104, "WEP104", "WEP-104", "WEP-104", "wep104", 13, false),
        new(RtCipher.Tkip, "TKIP", "TKIP", "TKIP", "tkip", 32, false),
        new(RtCipher.Ccmp, "CCMP", "CCMP-128", "CCMP", "ccmp", 16, false),
        new(RtCipher.Ccmp256, "CCMP-256", "CCMP-256", "CCMP-256", "ccmp256", 32, false),
        new(RtCipher.Gcmp, "GCMP", "GCMP-128", "GCMP", "gcmp", 16, false),
        new(RtCipher.Gcmp256, "GCMP-256", "GCMP-256", "GCMP-256", "gcmp256", 32, false),
        new(RtCipher.BipCmac128, "BIP-CMAC-128", "BIP-CMAC-128", "BIP-CMAC-128", "bip_cmac128", 16, true),
        new(RtCipher.BipGmac128, "BIP-GMAC-128", "BIP-GMAC-128", "BIP-GMAC-128", "bip_gmac128", 16, true),
        new(RtCipher.BipGmac256, "BIP-GMAC-256", "BIP-GMAC-256", "BIP-GMAC-256", "bip_gmac256", 32, true),
        new(RtCipher.BipCmac256, "BIP-CMAC-256", "BIP-CMAC-256", "BIP-CMAC-256", "bip_cmac256", 32, true),
    ];

    /// <summary>The highest rt_cipher value this build knows.</summary>
    public const int MaxCipher = (int)RtCipher.BipCmac256;

    /// <summary>The facts for a cipher; null for a value that is not an rt_cipher.</summary>
    public static RtCipherInfo? Find(RtCipher cipher) =>
        (int)cipher is >= 1 and <= MaxCipher ? All[(int)cipher - 1] : null;

    /// <summary>The ABI key length for a cipher; 0 for an unknown value.</summary>
    public static int KeyLengthOf(RtCipher cipher) => Find(cipher)?.KeyLength ?? 0;

    /// <summary>BIP (management frame integrity) ciphers: group keys with ids 4..5.</summary>
    public static bool IsBipCipher(RtCipher cipher) => Find(cipher)?.IsBip ?? false;

    /// <summary>WEP-40 or WEP-104.</summary>
    public static bool IsWepCipher(RtCipher cipher) => Find(cipher)?.IsWep ?? false;

    /// <summary>
    /// A cipher named as people write it — the one spelling rule for every tool and option that takes
    /// a cipher name: any name above ("CCMP-256", "ccmp256", "BIP-CMAC-128", "bip_cmac128"), a few
    /// common aliases ("wep" = WEP-40, "ccmp128", "gcmp128", "bip" = BIP-CMAC-128, "aes_128_cmac"),
    /// or the rt_cipher number (1..<see cref="MaxCipher"/>); case, '-' and '_' do not matter.
    /// Null when the text names no cipher.
    /// </summary>
    public static RtCipher? TryParse(string text)
    {
        string key = Normalize(text);
        if (key.Length == 0) return null;
        foreach (var c in All)
            if (Normalize(c.SnakeName) == key || Normalize(c.Name) == key || Normalize(c.SuiteName) == key || Normalize(c.CaptureName) == key)
                return c.Cipher;
        foreach (var (alias, cipher) in Aliases)
            if (Normalize(alias) == key) return cipher;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number)
            && number is >= 1 and <= MaxCipher)
            return (RtCipher)number;
        return null;
    }

    /// <summary>The canonical (snake_case) names, for messages listing what is accepted.</summary>
    public static string KnownNames => string.Join(", ", All.Select(c => c.SnakeName));

    /// <summary>The spellings accepted besides the table's own names.</summary>
    public static IReadOnlyList<(string Alias, RtCipher Cipher)> Aliases { get; } =
    [
        ("wep", RtCipher.Wep40),
        ("ccmp128", RtCipher.Ccmp),
        ("gcmp128", RtCipher.Gcmp),
        ("bip", RtCipher.BipCmac128),
        ("bip_cmac", RtCipher.BipCmac128),
        ("aes_128_cmac", RtCipher.BipCmac128),
    ];

    private static string Normalize(string s) => s.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");

    /// <summary>The short name in library messages ("CCMP", "WEP104"); "cipher N" for an unknown value.</summary>
    public static string NameOf(RtCipher cipher) =>
        Find(cipher)?.Name ?? $"cipher {(int)cipher}";
}
