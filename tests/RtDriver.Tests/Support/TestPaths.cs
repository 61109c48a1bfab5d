using System.Reflection;

namespace RtDriver.Tests.Support;

/// <summary>Where the repo, ../shared and the published artifacts are. Tests that need ../shared
/// call <see cref="RequireShared"/>, tests that need what ./build.sh publishes call
/// <see cref="RequirePublished"/>: both fail in one line (never skip silently) when it is missing.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Path.GetFullPath(
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!);

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Artifacts => Path.Combine(RepoRoot, "artifacts");

    /// <summary>A file or folder under ../shared; fails in one line when ../shared or the file is missing.</summary>
    public static string RequireShared(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!Directory.Exists(Shared))
            throw new MissingPrerequisiteException($"../shared is missing ({Shared}): the tests read their test data from the shared folder beside the checkout; put it there, then run dotnet test again");
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new MissingPrerequisiteException($"shared test data missing: {path} (../shared is there but lacks it; update ../shared)");
        return path;
    }

    /// <summary>A file ./build.sh publishes under artifacts/ (bin/rtprobe, lib/librtdriver.so...); fails in one
    /// line when it is missing: a plain dotnet test builds the assemblies but publishes no NativeAOT binary.</summary>
    public static string RequirePublished(params string[] parts)
    {
        var path = Path.Combine([Artifacts, .. parts]);
        if (!File.Exists(path))
            throw new MissingPrerequisiteException($"artifacts/{string.Join('/', parts)} is missing: this test runs the published NativeAOT build; run ./build.sh once (it publishes artifacts/), then dotnet test again");
        return path;
    }
}
