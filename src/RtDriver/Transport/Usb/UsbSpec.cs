using System.Globalization;

namespace RtDriver.Transport.Usb;

/// <summary>
/// A USB device spec: "usb:VVVV:PPPP[#N]" (vendor:product in hex, N = 0-based index among
/// devices with those ids ordered by bus and address) or "usb:BUS.ADDR" (decimal, as lsusb prints).
/// The "usb:" prefix is optional here.
/// </summary>
public readonly record struct UsbSpec(ushort? Vendor, ushort? Product, int Index, byte? Bus, byte? Address)
{
    public bool ByIds => Vendor is not null;

    public static UsbSpec Parse(string spec)
    {
        if (spec is null) throw RtException.InvalidArgument("USB spec is null");
        string text = spec.StartsWith("usb:", StringComparison.OrdinalIgnoreCase) ? spec[4..] : spec;
        int colon = text.IndexOf(':');
        if (colon >= 0)
        {
            string vid = text[..colon];
            string rest = text[(colon + 1)..];
            int index = 0;
            int hash = rest.IndexOf('#');
            if (hash >= 0)
            {
                if (!int.TryParse(rest.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index) || index > 255)
                    throw Bad(spec);
                rest = rest[..hash];
            }
            if (vid.Length != 4 || rest.Length != 4 ||
                !ushort.TryParse(vid, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort v) ||
                !ushort.TryParse(rest, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort p))
                throw Bad(spec);
            return new UsbSpec(v, p, index, null, null);
        }
        var parts = text.Split('.');
        if (parts.Length == 2 &&
            byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte bus) &&
            byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte addr) && addr > 0)
            return new UsbSpec(null, null, 0, bus, addr);
        throw Bad(spec);
    }

    private static RtException Bad(string spec) => RtException.InvalidArgument(
        $"'{spec}' is not a USB device spec; expected usb:VVVV:PPPP[#N] (hex ids, e.g. usb:148f:3070 or usb:148f:3070#1) or usb:BUS.ADDR (decimal, e.g. usb:1.4)");

    public override string ToString() => ByIds
        ? $"usb:{Vendor:x4}:{Product:x4}{(Index != 0 ? $"#{Index}" : "")}"
        : $"usb:{Bus}.{Address}";

    public static string Describe(ushort vendor, ushort product, byte bus, byte address) =>
        $"usb {vendor:x4}:{product:x4} bus {bus} addr {address}";
}
