using RtDriver.Crypto;
using RtDriver.Crypto.Primitives;
using Xunit;

namespace RtDriver.Tests.Support;

/// <summary>What a test needs from the machine it runs on. A test that needs something this
/// machine lacks is not run, and says so in one line ("not run: …"), never passes silently.</summary>
public enum Needs
{
    /// <summary>The AES-NI + PCLMULQDQ + SSSE3 crypto path (x86 CPUs that have them, unless a
    /// DOTNET_Enable*=0 setting hides them from the runtime).</summary>
    AesNiPath,
    /// <summary>An x86 CPU whose /proc/cpuinfo flags list aes, pclmulqdq and ssse3, with no
    /// DOTNET_Enable*=0 setting that hides them from the runtime.</summary>
    CpuAdvertisesAesNi,
    /// <summary>libusb initialises here (it may refuse without usbfs, depending on how it was built).</summary>
    LibUsb,
    /// <summary>libusb refuses to initialise here: the clean error a machine without usbfs gives.</summary>
    NoLibUsb,
    /// <summary>USB devices listed in /sys/bus/usb/devices (root hubs count), so libusb enumerates some.</summary>
    UsbDevices,
    /// <summary>Free 2 MiB hugepages (vm.nr_hugepages &gt; 0 with some free).</summary>
    HugePages,
    /// <summary>No 2 MiB hugepage reserved: the refusal that names the sysctl.</summary>
    NoHugePages,
    /// <summary>PCI functions listed in /sys/bus/pci/devices.</summary>
    PciSysfs,
}

/// <summary>Probes the machine once, at test discovery. Each probe returns null when the need is
/// met, else the one-line reason the test is not run.</summary>
public static class MachineFacts
{
    public static string? Missing(Needs need) => need switch
    {
        Needs.AesNiPath => CryptoPath.IsSupported(CryptoPathKind.AesNi) && Crc32Clmul.IsSupported ? null
            : "not run: this CPU offers no AES-NI+PCLMULQDQ+SSSE3 path to the runtime (absent, or hidden by DOTNET_Enable*=0); the portable path is tested instead",
        Needs.CpuAdvertisesAesNi => CpuAesNiAbsence(),
        Needs.LibUsb => LibUsbInitError is { } e ? $"not run: libusb does not initialise on this machine ({e})" : null,
        Needs.NoLibUsb => LibUsbInitError is null ? "not run: libusb initialises on this machine: its refusal without usbfs is not exercised" : null,
        Needs.UsbDevices => HasUsbDevices ? null : "not run: this machine has no USB device (/sys/bus/usb/devices is empty or absent)",
        Needs.HugePages => FreeHugePages > 0 ? null
            : $"not run: this machine has no free 2 MiB hugepage (vm.nr_hugepages = {ReservedHugePages})",
        Needs.NoHugePages => ReservedHugePages == 0 ? null
            : $"not run: this machine reserves hugepages (vm.nr_hugepages = {ReservedHugePages}): the refusal naming the sysctl is not exercised",
        Needs.PciSysfs => HasPciSysfs ? null : "not run: this machine lists no PCI function in /sys/bus/pci/devices",
        _ => throw new ArgumentOutOfRangeException(nameof(need)),
    };

    /// <summary>The knobs (DOTNET_ or COMPlus_ prefixed) that hide AES-NI, PCLMULQDQ or SSSE3 from the runtime when 0.</summary>
    private static readonly string[] AesHidingKnobs = ["EnableHWIntrinsic", "EnableAES", "EnablePCLMULQDQ", "EnableSSE42", "EnableSSE41", "EnableSSSE3", "EnableSSE3", "EnableSSE2", "EnableSSE"];

    private static string? CpuAesNiAbsence()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture is not
            (System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.X86))
            return "not run: not an x86 CPU";
        var flags = CpuFlags();
        var lacking = new[] { "aes", "pclmulqdq", "ssse3" }.Where(f => !flags.Contains(f)).ToArray();
        if (lacking.Length > 0) return $"not run: this CPU lacks {string.Join(", ", lacking)} (/proc/cpuinfo flags)";
        // A knob that really hid the path (a knob this runtime ignores leaves the test to run, and pass).
        if (!CryptoPath.IsSupported(CryptoPathKind.AesNi))
            foreach (var knob in AesHidingKnobs)
                foreach (var prefix in new[] { "DOTNET_", "COMPlus_" })
                    if (Environment.GetEnvironmentVariable(prefix + knob) is "0")
                        return $"not run: {prefix}{knob}=0 hides the CPU's AES-NI path from the runtime on purpose";
        return null;
    }

    /// <summary>Whether this process holds CAP_SYS_ADMIN (bit 21 of CapEff), which /proc/self/pagemap
    /// needs to show frame numbers. Root usually does; root in a container often does not.</summary>
    public static bool HasCapSysAdmin
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/self/status"))
                    if (line.StartsWith("CapEff:", StringComparison.Ordinal))
                        return (Convert.ToUInt64(line["CapEff:".Length..].Trim(), 16) & (1UL << 21)) != 0;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return false;
        }
    }

    /// <summary>The first "flags" line of /proc/cpuinfo, as a set (empty where there is none).</summary>
    public static HashSet<string> CpuFlags()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line.AsSpan(0, colon).Trim().SequenceEqual("flags"))
                    return line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return [];
    }

    /// <summary>libusb lists what sysfs lists (udev reads it too); usbfs (/dev/bus/usb) is only needed to open.</summary>
    public static bool HasUsbDevices =>
        Directory.Exists("/sys/bus/usb/devices") && Directory.EnumerateFileSystemEntries("/sys/bus/usb/devices").Any();

    /// <summary>Null when libusb initialises and enumerates, else its error (probed once).</summary>
    public static string? LibUsbInitError => s_libUsbInitError.Value;

    private static readonly Lazy<string?> s_libUsbInitError = new(() =>
    {
        try { RtDriver.Transport.Usb.UsbEnumeration.List(); return null; }
        catch (RtException e) { return e.Message; }
    });

    public static long ReservedHugePages => ReadLong("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages");

    public static long FreeHugePages => ReadLong("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages");

    public static bool HasPciSysfs =>
        Directory.Exists("/sys/bus/pci/devices") && Directory.EnumerateFileSystemEntries("/sys/bus/pci/devices").Any();

    private static long ReadLong(string path)
    {
        try { return long.TryParse(File.ReadAllText(path).Trim(), out long v) ? v : 0; }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }
}

/// <summary>A fact that runs only where the machine has what it needs; elsewhere xUnit reports it
/// as skipped with the reason "not run: …" (build.sh prints each such line).</summary>
public sealed class FactWhenAttribute : FactAttribute
{
    public FactWhenAttribute(Needs need)
    {
        if (MachineFacts.Missing(need) is { } reason) Skip = reason;
    }
}

/// <summary>The <see cref="FactWhenAttribute"/> of theories.</summary>
public sealed class TheoryWhenAttribute : TheoryAttribute
{
    public TheoryWhenAttribute(Needs need)
    {
        if (MachineFacts.Missing(need) is { } reason) Skip = reason;
    }
}
