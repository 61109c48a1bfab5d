namespace RtDriver.Hardware.Firmware;

/// <summary>Where a firmware image came from and its bytes.</summary>
public sealed record FirmwareFile(string Origin, byte[] Data);

/// <summary>
/// The firmware search path of the C ABI: $RTDRIVER_FIRMWARE_DIR, /lib/firmware/updates,
/// /lib/firmware; for an emulated device only, the project's own open image (embedded in the
/// library) comes last. A missing image is RT_ERR_BAD_FIRMWARE naming every path tried.
/// </summary>
public static class FirmwareSearchPath
{
    public const string EnvironmentVariable = "RTDRIVER_FIRMWARE_DIR";
    public static readonly IReadOnlyList<string> SystemDirectories = ["/lib/firmware/updates", "/lib/firmware"];

    /// <summary>The directories searched, in order (the environment variable first when set).</summary>
    public static IReadOnlyList<string> Directories()
    {
        var dirs = new List<string>();
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) dirs.Add(env);
        dirs.AddRange(SystemDirectories);
        return dirs;
    }

    /// <summary>Finds the image for a family. <paramref name="directories"/> overrides <see cref="Directories"/> (tests).</summary>
    public static FirmwareFile Find(FirmwareFamily family, bool emulated, IReadOnlyList<string>? directories = null)
    {
        var tried = new List<string>();
        foreach (string dir in directories ?? Directories())
        {
            string path = Path.Combine(dir, family.FileName());
            tried.Add(path);
            if (!File.Exists(path)) continue;
            // The bounded reader: a search-path entry that is huge or a device is refused, not slurped.
            return new FirmwareFile(path, FirmwareFileReader.Read(path));
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
}
