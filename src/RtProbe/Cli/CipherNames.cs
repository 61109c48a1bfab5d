using System.Globalization;
using RtDriver;

namespace RtProbe;

/// <summary>
/// The one place rtprobe turns a cipher name into an <see cref="RtCipher"/> and back, so bench,
/// keys, selftest and every --json output accept and print the same names. Matching ignores case
/// and '-'/'_' ("CCMP-256", "ccmp_256" and "ccmp256" are one name); the library's display names
/// ("BIP-CMAC-128") and the C ABI numbers (1..11) are accepted too.
/// </summary>
internal static class CipherNames
{
    // The canonical name (RtCipherInfo.SnakeName, what rtprobe prints and --json shows) first, then
    // the other spellings rtprobe accepts.
    private static readonly (RtCipher Cipher, string[] Names)[] Table =
        RtCipherInfo.All.Select(c => (c.Cipher, (string[])[c.SnakeName, .. Aliases(c.Cipher)])).ToArray();

    private static string[] Aliases(RtCipher cipher) => cipher switch
    {
        RtCipher.Wep40 => ["wep"],
        RtCipher.Ccmp => ["ccmp128"],
        RtCipher.Gcmp => ["gcmp128"],
        RtCipher.BipCmac128 => ["bip", "bip_cmac", "aes_128_cmac"],
        _ => [],
    };

    public static IEnumerable<RtCipher> All => Table.Select(t => t.Cipher);

    /// <summary>Every canonical name, for help texts and error messages.</summary>
    public static string Known => string.Join(", ", Table.Select(t => t.Names[0]));

    /// <summary>The canonical name: "ccmp", "gcmp256", "bip_cmac128".</summary>
    public static string Name(RtCipher cipher) =>
        RtCipherInfo.Find(cipher)?.SnakeName ?? ((int)cipher).ToString(CultureInfo.InvariantCulture);

    public static RtCipher? TryParse(string text)
    {
        string key = Normalize(text);
        foreach (var (cipher, names) in Table)
            if (names.Any(n => Normalize(n) == key)) return cipher;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) && Table.Any(t => (int)t.Cipher == number))
            return (RtCipher)number;
        return null;
    }

    /// <summary>Parses a cipher name or throws a usage error naming the value and the known names.</summary>
    public static RtCipher Parse(string text, string what = "cipher") =>
        TryParse(text) ?? throw new UsageException($"unknown {what} '{text}' (known: {Known}; case, '-' and '_' do not matter)");

    private static string Normalize(string s) => s.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");
}
