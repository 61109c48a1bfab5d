using System.Runtime.Intrinsics.X86;
using ArmAes = System.Runtime.Intrinsics.Arm.Aes;

namespace RtDriver.Crypto;

/// <summary>The crypto code paths, from the most capable down to the portable reference.</summary>
public enum CryptoPathKind
{
    /// <summary>Portable scalar C#: the reference every other path is tested against (uses tables; not constant time).</summary>
    Portable = 0,
    /// <summary>ARM64 AES + PMULL instructions.</summary>
    Arm64Aes = 1,
    /// <summary>x86 AES-NI + PCLMULQDQ, many interleaved 128-bit streams (constant time).</summary>
    AesNi = 2,
}

/// <summary>
/// Chooses the crypto path once at load from the CPU's features. The environment variable
/// <c>RTDRIVER_CPU_PATH</c> (<c>portable</c>, <c>aesni</c>, <c>arm64-aes</c>) forces a lesser path;
/// asking for a path the CPU cannot run is ignored and the best supported path is used.
/// </summary>
public static class CryptoPath
{
    public const string ForceVariable = "RTDRIVER_CPU_PATH";

    /// <summary>The path the library uses. Tests may switch it (internal) to force every path.</summary>
    public static CryptoPathKind Current { get; internal set; } = Choose(Environment.GetEnvironmentVariable(ForceVariable));

    /// <summary>The best path this CPU (and this build) can execute.</summary>
    public static CryptoPathKind Best =>
        Aes.IsSupported && Pclmulqdq.IsSupported ? CryptoPathKind.AesNi
        : ArmAes.IsSupported ? CryptoPathKind.Arm64Aes
        : CryptoPathKind.Portable;

    /// <summary>Every path this machine can execute, best last.</summary>
    public static IReadOnlyList<CryptoPathKind> Supported
    {
        get
        {
            var list = new List<CryptoPathKind> { CryptoPathKind.Portable };
            if (ArmAes.IsSupported) list.Add(CryptoPathKind.Arm64Aes);
            if (Aes.IsSupported && Pclmulqdq.IsSupported) list.Add(CryptoPathKind.AesNi);
            return list;
        }
    }

    public static bool IsSupported(CryptoPathKind kind) => kind switch
    {
        CryptoPathKind.Portable => true,
        CryptoPathKind.Arm64Aes => ArmAes.IsSupported,
        CryptoPathKind.AesNi => Aes.IsSupported && Pclmulqdq.IsSupported,
        _ => false,
    };

    public static string Name(CryptoPathKind kind) => kind switch
    {
        CryptoPathKind.AesNi => "aesni",
        CryptoPathKind.Arm64Aes => "arm64-aes",
        _ => "portable",
    };

    public static CryptoPathKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "portable" => CryptoPathKind.Portable,
        "aesni" => CryptoPathKind.AesNi,
        "arm64-aes" => CryptoPathKind.Arm64Aes,
        _ => null,
    };

    internal static CryptoPathKind Choose(string? forced)
    {
        var best = Best;
        var wanted = Parse(forced);
        return wanted is { } w && IsSupported(w) ? w : best;
    }
}
