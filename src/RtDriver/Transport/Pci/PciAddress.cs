using System.Globalization;

namespace RtDriver.Transport.Pci;

/// <summary>A PCI function address, "DDDD:BB:DD.F" (domain:bus:device.function), as sysfs names it.</summary>
public readonly record struct PciAddress(ushort Domain, byte Bus, byte Device, byte Function)
{
    /// <summary>Parses "0000:03:00.0" (also accepts the short "03:00.0", domain 0).</summary>
    public static PciAddress Parse(string text)
    {
        if (!TryParse(text, out var address))
            throw RtException.InvalidArgument(
                $"'{text}' is not a PCI address; expected DDDD:BB:DD.F in hex, e.g. 0000:03:00.0 (see lspci -D)");
        return address;
    }

    public static bool TryParse(string? text, out PciAddress address)
    {
        address = default;
        if (string.IsNullOrEmpty(text)) return false;
        var parts = text.Split(':');
        string domain, bus, devfn;
        if (parts.Length == 3) (domain, bus, devfn) = (parts[0], parts[1], parts[2]);
        else if (parts.Length == 2) (domain, bus, devfn) = ("0000", parts[0], parts[1]);
        else return false;
        var df = devfn.Split('.');
        if (df.Length != 2 || domain.Length is 0 or > 4 || bus.Length is 0 or > 2 || df[0].Length is 0 or > 2 || df[1].Length != 1)
            return false;
        if (!ushort.TryParse(domain, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var d)) return false;
        if (!byte.TryParse(bus, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)) return false;
        if (!byte.TryParse(df[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var dev) || dev > 0x1F) return false;
        if (!byte.TryParse(df[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fn) || fn > 7) return false;
        address = new PciAddress(d, b, dev, fn);
        return true;
    }

    /// <summary>The sysfs spelling, "0000:03:00.0".</summary>
    public override string ToString() => $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";
}
