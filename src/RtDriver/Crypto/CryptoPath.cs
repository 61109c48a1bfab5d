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

    private static CryptoPathKind s_current = Choose(Environment.GetEnvironmentVariable(ForceVariable));

    // Per-thread override (+1 so that 0 means "none"): lets tests force a path on their own thread
    // without flipping the path under tests that run in parallel on other threads.
    [ThreadStatic] private static int t_forced;
    private static volatile bool s_anyForced;

    /// <summary>The path the library uses on this thread. Tests may switch it (internal) to force
    /// every path; <see cref="Force"/> does so for the calling thread only.</summary>
    public static CryptoPathKind Current
    {
        get
        {
            // The thread-static is only consulted once someone has forced a path: in a shared
            // library a thread-static read is a __tls_get_addr call, paid on every frame otherwise.
            if (!s_anyForced) return s_current;
            int f = t_forced;
            return f != 0 ? (CryptoPathKind)(f - 1) : s_current;
        }
        internal set => s_current = value;
    }

    /// <summary>Forces <paramref name="kind"/> on the calling thread until the result is disposed
    /// (for tests and the self-test). Throws if this machine cannot execute that path.</summary>
    internal static ThreadPathScope Force(CryptoPathKind kind)
    {
        if (!IsSupported(kind))
            throw new RtException(RtStatus.InvalidArgument, $"crypto path {Name(kind)} is not supported on this CPU");
        s_anyForced = true;
        int previous = t_forced;
        t_forced = (int)kind + 1;
        return new ThreadPathScope(previous);
    }

    /// <summary>Restores the thread's previous path override when disposed.</summary>
    internal readonly struct ThreadPathScope : IDisposable
    {
        private readonly int _previous;
        internal ThreadPathScope(int previous) => _previous = previous;
        public void Dispose() => t_forced = _previous;
    }

    /// <summary>The best path this CPU (and this build) can execute.</summary>
    /// <summary>No ARM64 AES/PMULL implementation exists yet (it could not be tested on the x86
    /// build machines), so ARM64 runs — and reports — the portable path rather than claim a path
    /// whose code is the portable one. Flip together with the ARM64 kernels and their tests.</summary>
    private static bool Arm64AesAvailable => false && ArmAes.IsSupported;

    public static CryptoPathKind Best =>
        Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported ? CryptoPathKind.AesNi
        : Arm64AesAvailable ? CryptoPathKind.Arm64Aes
        : CryptoPathKind.Portable;

    /// <summary>Every path this machine can execute, best last.</summary>
    public static IReadOnlyList<CryptoPathKind> Supported
    {
        get
        {
            var list = new List<CryptoPathKind> { CryptoPathKind.Portable };
            if (Arm64AesAvailable) list.Add(CryptoPathKind.Arm64Aes);
            if (Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported) list.Add(CryptoPathKind.AesNi);
            return list;
        }
    }

    public static bool IsSupported(CryptoPathKind kind) => kind switch
    {
        CryptoPathKind.Portable => true,
        CryptoPathKind.Arm64Aes => Arm64AesAvailable,
        CryptoPathKind.AesNi => Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported,
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
