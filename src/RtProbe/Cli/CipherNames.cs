using System.Globalization;
using RtDriver;

namespace RtProbe;

/// <summary>
/// How rtprobe turns a cipher name into an <see cref="RtCipher"/> and back, so bench, keys,
/// selftest, pcap decrypt's --key and every --json output accept and print the same names: the
/// library's one spelling rule (<see cref="RtCipherInfo.TryParse"/>: case and '-'/'_' ignored,
/// display names, aliases and the C ABI numbers 1..11 accepted) and its snake_case names.
/// </summary>
internal static class CipherNames
{
    public static IEnumerable<RtCipher> All => RtCipherInfo.All.Select(c => c.Cipher);

    /// <summary>Every canonical name, for help texts and error messages.</summary>
    public static string Known => RtCipherInfo.KnownNames;

    /// <summary>The canonical name: "ccmp", "gcmp256", "bip_cmac128".</summary>
    public static string Name(RtCipher cipher) =>
        RtCipherInfo.Find(cipher)?.SnakeName ?? ((int)cipher).ToString(CultureInfo.InvariantCulture);

    /// <summary>The library's one spelling rule (<see cref="RtCipherInfo.TryParse"/>).</summary>
    public static RtCipher? TryParse(string text) => RtCipherInfo.TryParse(text);

    /// <summary>Parses a cipher name or throws a usage error naming the value and the known names.</summary>
    public static RtCipher Parse(string text, string what = "cipher") =>
        TryParse(text) ?? throw new UsageException($"unknown {what} '{text}' (known: {Known}; case, '-' and '_' do not matter)");
}
