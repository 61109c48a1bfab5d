using System.Reflection;

namespace RtDriver.Tests.Support;

/// <summary>Where the repo, ../shared and the published artifacts are. Tests that need ../shared
/// call <see cref="RequireShared"/>, which fails loudly (never skips silently) when it is missing.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Path.GetFullPath(
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!);

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Artifacts => Path.Combine(RepoRoot, "artifacts");

    public static string RequireShared(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!Directory.Exists(Shared))
            throw new InvalidOperationException($"../shared is missing: expected the shared test data at {Shared} (clone the repo beside it)");
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"shared test data missing: {path}");
        return path;
    }
}
