using System.Runtime.Intrinsics.X86;

namespace RtDriver.Crypto;

/// <summary>The crypto code paths, from the most capable down to the portable reference.</summary>
public enum CryptoPathKind
{
    /// <summary>Portable scalar C#: the reference every other path is tested against (uses tables; not constant time).</summary>
    Portable = 0,
    // 1 is left free: the C ABI documents "arm64-aes" as a value of rt_cpu_path() for an ARM64
    // AES/PMULL path, which does not exist (ARM64 runs, and reports, the portable path).
    /// <summary>x86 AES-NI + PCLMULQDQ, many interleaved 128-bit streams (constant time).</summary>
    AesNi = 2,
}

/// <summary>
/// Chooses the crypto path once at load from the CPU's features. The environment variable
/// <c>RTDRIVER_CPU_PATH</c> (<c>portable</c>, <c>aesni</c>) forces a lesser path; asking for a
/// path the CPU cannot run, or for one this build does not have (<c>arm64-aes</c>, reserved by the
/// C ABI), is ignored and the best supported path is used.
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

    /// <summary>True when this CPU has what the AES-NI path needs: AES-NI, PCLMULQDQ and SSSE3.
    /// (A JIT-time constant: the checks fold away.)</summary>
    public static bool AesNiSupported => Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported;

    /// <summary>The best path this CPU (and this build) can execute. There is no ARM64 AES/PMULL
    /// path: ARM64 runs, and reports, the portable one.</summary>
    public static CryptoPathKind Best => AesNiSupported ? CryptoPathKind.AesNi : CryptoPathKind.Portable;

    /// <summary>Every path this machine can execute, best last.</summary>
    public static IReadOnlyList<CryptoPathKind> Supported =>
        AesNiSupported ? [CryptoPathKind.Portable, CryptoPathKind.AesNi] : [CryptoPathKind.Portable];

    public static bool IsSupported(CryptoPathKind kind) => kind switch
    {
        CryptoPathKind.Portable => true,
        CryptoPathKind.AesNi => AesNiSupported,
        _ => false,
    };

    public static string Name(CryptoPathKind kind) => kind switch
    {
        CryptoPathKind.AesNi => "aesni",
        _ => "portable",
    };

    public static CryptoPathKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "portable" => CryptoPathKind.Portable,
        "aesni" => CryptoPathKind.AesNi,
        _ => null,
    };

    internal static CryptoPathKind Choose(string? forced)
    {
        var best = Best;
        var wanted = Parse(forced);
        return wanted is { } w && IsSupported(w) ? w : best;
    }
}
