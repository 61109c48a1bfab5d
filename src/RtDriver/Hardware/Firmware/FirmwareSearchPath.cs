namespace RtDriver.Hardware.Firmware;

/// <summary>Where a firmware image came from and its bytes.</summary>
public sealed record FirmwareFile(string Origin, byte[] Data);

/// <summary>
/// The firmware search path of the C ABI: $RTDRIVER_FIRMWARE_DIR, /lib/firmware/updates,
/// /lib/firmware; for an emulated device only, the project's own open image comes last: first the
/// file an installed prefix holds (PREFIX/share/rtdriver/firmware, found from where the library or
/// rtprobe itself was loaded, so `./build.sh install` works without any configuration), then the
/// copy embedded in the library. A missing image is RT_ERR_BAD_FIRMWARE naming every path tried.
/// </summary>
public static class FirmwareSearchPath
{
    public const string EnvironmentVariable = "RTDRIVER_FIRMWARE_DIR";
    public static readonly IReadOnlyList<string> SystemDirectories = ["/lib/firmware/updates", "/lib/firmware"];

    /// <summary>Where `./build.sh install` puts the open image, relative to the directory of the
    /// installed library (PREFIX/lib) or rtprobe (PREFIX/bin).</summary>
    public const string InstalledOpenImageDirectory = "../share/rtdriver/firmware";

    /// <summary>The directories searched, in order (the environment variable first when set).</summary>
    public static IReadOnlyList<string> Directories()
    {
        var dirs = new List<string>();
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) dirs.Add(env);
        dirs.AddRange(SystemDirectories);
        return dirs;
    }

    /// <summary>
    /// The installed prefix's open-image directory for the library or executable at
    /// <paramref name="modulePath"/> (null: this process's own, <see cref="ModuleFile"/>); null when unknown.
    /// </summary>
    public static string? OpenImageDirectory(string? modulePath = null)
    {
        string? module = modulePath ?? ModuleFile.Path;
        string? dir = module is null ? null : Path.GetDirectoryName(module);
        return dir is null ? null : Path.GetFullPath(Path.Combine(dir, InstalledOpenImageDirectory));
    }

    /// <summary>
    /// Finds the image for a family. <paramref name="directories"/> overrides <see cref="Directories"/>
    /// and <paramref name="openImageDirectory"/> overrides <see cref="OpenImageDirectory"/> (tests).
    /// </summary>
    public static FirmwareFile Find(FirmwareFamily family, bool emulated, IReadOnlyList<string>? directories = null,
        string? openImageDirectory = null)
    {
        var tried = new List<string>();
        foreach (string dir in directories ?? Directories())
        {
            string path = Path.Combine(dir, family.FileName());
            tried.Add(path);
            if (File.Exists(path)) return Read(path);
        }
        if (emulated && (openImageDirectory ?? OpenImageDirectory()) is { } installed)
        {
            string path = Path.Combine(installed, OpenFirmwareLayout.FileName(family));
            tried.Add(path);
            if (File.Exists(path)) return Read(path);
        }
        if (emulated)
        {
            string builtIn = $"built-in open image {OpenFirmwareLayout.FileName(family)}";
            byte[]? open = OpenFirmware.TryGet(family);
            if (open is not null) return new FirmwareFile(builtIn, open);
            tried.Add(builtIn + " (not embedded in this build: sdcc was missing)");
        }
        throw new RtException(RtStatus.BadFirmware,
            $"no {family.Describe()} firmware found; tried: {string.Join(", ", tried)}"
            + (emulated ? "" : $" (install linux-firmware, or set {EnvironmentVariable} to a directory holding {family.FileName()})"));
    }

    // The bounded reader: a search-path entry that is huge or a device is refused, not slurped;
    // it names the path and the OS reason itself (permission, I/O, directory).
    private static FirmwareFile Read(string path) => new(path, FirmwareFileReader.Read(path));
}
