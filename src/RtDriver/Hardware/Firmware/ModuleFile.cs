using System.Globalization;
using System.Runtime.InteropServices;

namespace RtDriver.Hardware.Firmware;

/// <summary>
/// The file this code was loaded from: librtdriver.so when called through the C ABI, the rtprobe
/// executable when linked into it. NativeAOT has no Assembly.Location, and AppContext.BaseDirectory
/// names the host process (python3, a supplicant), not the library — so the address of a method
/// compiled into this image is looked up in /proc/self/maps, which names the mapped file. Under the
/// JIT (tests) the address is in an anonymous mapping and the answer is null.
/// </summary>
internal static unsafe class ModuleFile
{
    private static readonly Lazy<string?> Cached = new(Locate);

    /// <summary>The absolute path of the loaded image, or null when it cannot be told.</summary>
    public static string? Path => Cached.Value;

    // Never called; only its address matters: NativeAOT compiles it into this image's text.
    [UnmanagedCallersOnly]
    private static void Anchor() { }

    private static string? Locate()
    {
        try
        {
            ulong address = (ulong)(nint)(delegate* unmanaged<void>)&Anchor;
            return FindMapping(File.ReadLines("/proc/self/maps"), address);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null; // no procfs (a container without /proc): only the installed-prefix lookup is lost
        }
    }

    /// <summary>
    /// The file of the /proc/self/maps line whose range holds <paramref name="address"/>
    /// ("start-end perms offset dev inode path"); null for anonymous or pseudo mappings ("[heap]").
    /// </summary>
    public static string? FindMapping(IEnumerable<string> mapsLines, ulong address)
    {
        foreach (string line in mapsLines)
        {
            int dash = line.IndexOf('-');
            int space = line.IndexOf(' ');
            if (dash <= 0 || space <= dash) continue;
            if (!ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong start)
                || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong end)
                || address < start || address >= end)
                continue;
            int slash = line.IndexOf('/');
            if (slash < 0) return null;
            string file = line[slash..];
            // The kernel marks a file replaced since it was mapped; its directory is still the right one.
            const string deleted = " (deleted)";
            return file.EndsWith(deleted, StringComparison.Ordinal) ? file[..^deleted.Length] : file;
        }
        return null;
    }
}
