using System.Globalization;
using System.Text;
using RtDriver.Transport.Pci;
using RtDriver.Transport.Usb;

namespace RtDriver.Device;

/// <summary>Which transport a device spec names.</summary>
public enum DeviceSpecKind
{
    Auto,
    Emulator,
    Pci,
    Usb,
}

/// <summary>
/// The device spec grammar of rt_device_open (written out in rtdriver.h and docs/emulator.md), and
/// its one parser. Specs are exact: a spec that is not in the grammar is refused, never guessed at,
/// so a typo cannot open a different device than the one meant.
/// <code>
/// spec   = "auto" | emu | pci | usb
/// emu    = "emu:" chip *("," option)
/// chip   = "rt2860" | "rt3090" | "rt2870" | "rt3070"
/// option = "fault=" fault | "mac=" mac          ; mac at most once, each fault at most once
/// fault  = "mcu-silent" | "fw-never-ready" | "keytable-stuck" | "gone-after=" 1*DIGIT
/// mac    = 2HEX 5(":" 2HEX)                     ; a station address: I/G bit clear, not all zero
/// pci    = "pci:" 4HEX ":" 2HEX ":" 2HEX "." HEX  ; domain:bus:device.function, device ≤ 1f, function ≤ 7
/// usb    = "usb:" 4HEX ":" 4HEX ["#" 1*3DIGIT]   ; vendor:product, N-th such device (0..255)
///        | "usb:" 1*3DIGIT "." 1*3DIGIT         ; bus.address as lsusb prints them (0..255, address ≥ 1)
/// </code>
/// Keywords (scheme, chip, option and fault names) are lower case exactly; HEX digits may be either
/// case. No whitespace, control character or non-ASCII character anywhere (a trailing newline
/// from a config file is refused, not trimmed). Every refusal is RT_ERR_INVALID_ARGUMENT with one
/// sentence, <c>device spec "…": …</c>, naming the bad part.
/// </summary>
public sealed record DeviceSpec(DeviceSpecKind Kind, string Text)
{
    /// <summary>Longer than this is not a spec (the longest valid one is about 110 characters).</summary>
    public const int MaxLength = SpecText.MaxLength;

    public const string Auto = "auto";

    private static readonly string[] Schemes = ["emu", "pci", "usb"];

    /// <summary>Checks <paramref name="spec"/> against the grammar; the transport-specific parts are parsed here too.</summary>
    public static DeviceSpec Parse(string? spec)
    {
        if (spec is null) throw RtException.InvalidArgument("device spec is NULL");
        if (spec.Length == 0) throw RtException.InvalidArgument("device spec is empty (give \"auto\", or an emulator spec such as \"emu:rt2860\")");
        CheckCharacters(spec);
        if (spec == Auto) return new DeviceSpec(DeviceSpecKind.Auto, spec);
        if (spec.Equals(Auto, StringComparison.OrdinalIgnoreCase))
            throw Error(spec, $"'{spec}' must be written in lower case: auto");
        int colon = spec.IndexOf(':');
        string scheme = colon < 0 ? spec : spec[..colon];
        switch (colon < 0 ? "" : scheme)
        {
            case "emu":
                DeviceFactory.CheckEmulatorSpec(spec);
                return new DeviceSpec(DeviceSpecKind.Emulator, spec);
            case "pci":
                ParsePci(spec);
                return new DeviceSpec(DeviceSpecKind.Pci, spec);
            case "usb":
                ParseUsb(spec);
                return new DeviceSpec(DeviceSpecKind.Usb, spec);
        }
        if (scheme.Equals(Auto, StringComparison.OrdinalIgnoreCase))
            throw Error(spec, "auto takes no ':' part: give just auto");
        string? lower = Schemes.FirstOrDefault(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
        if (lower is not null && colon >= 0)
            throw Error(spec, $"scheme '{scheme}' must be written in lower case: '{lower}:'");
        if (colon < 0 && lower is not null)
            throw Error(spec, $"'{scheme}' needs a ':' and what follows it ({Expected})");
        throw Error(spec, $"unknown scheme '{scheme}' ({Expected})");
    }

    private const string Expected = "expected auto, emu:CHIP[,fault=…][,mac=…], pci:DDDD:BB:DD.F, usb:VVVV:PPPP[#N] or usb:BUS.ADDR";

    /// <summary>No whitespace, control or non-ASCII characters, and a bounded length: the lexical rule for every spec.</summary>
    public static void CheckCharacters(string spec) => SpecText.CheckCharacters(spec);

    /// <summary>The one refusal shape: <c>device spec "…": problem</c>, the spec quoted with escapes so the sentence stays one line.</summary>
    public static RtException Error(string spec, string problem) => SpecText.Error(spec, problem);

    /// <summary>"…" with \n, \r, \t, \0 and other control characters escaped.</summary>
    public static string Quote(string s) => SpecText.Quote(s);

    // pci:DDDD:BB:DD.F, exactly 4:2:2.1 hex digits (lspci -D's spelling).
    private static PciAddress ParsePci(string spec)
    {
        string text = spec["pci:".Length..];
        const string form = "expected pci:DDDD:BB:DD.F, hex domain:bus:device.function as lspci -D prints it, e.g. pci:0000:03:00.0";
        if (text.Length == 0) throw Error(spec, $"no PCI address after 'pci:' ({form})");
        string[] parts = text.Split(':');
        string[] devfn = parts.Length == 3 ? parts[2].Split('.') : [];
        if (parts.Length != 3 || devfn.Length != 2 || parts[0].Length != 4 || parts[1].Length != 2 || devfn[0].Length != 2 || devfn[1].Length != 1
            || !(parts[0] + parts[1] + devfn[0] + devfn[1]).All(char.IsAsciiHexDigit))
            throw Error(spec, $"'{text}' is not a PCI address ({form})");
        if (!PciAddress.TryParse(text, out var address))
            throw Error(spec, $"'{text}' is not a PCI address: device {devfn[0]} must be at most 1f and function {devfn[1]} at most 7");
        return address;
    }

    // usb:VVVV:PPPP[#N] or usb:BUS.ADDR.
    private static UsbSpec ParseUsb(string spec)
    {
        string text = spec["usb:".Length..];
        const string form = "expected usb:VVVV:PPPP[#N] (hex vendor:product, e.g. usb:148f:3070 or usb:148f:3070#1) or usb:BUS.ADDR (decimal, as lsusb prints them, e.g. usb:1.4)";
        if (text.Length == 0) throw Error(spec, $"nothing after 'usb:' ({form})");
        int colon = text.IndexOf(':');
        if (colon >= 0)
        {
            int hash = text.IndexOf('#');
            string ids = hash < 0 ? text : text[..hash];
            string[] vp = ids.Split(':');
            if (vp.Length != 2 || vp[0].Length != 4 || vp[1].Length != 4 || !(vp[0] + vp[1]).All(char.IsAsciiHexDigit))
                throw Error(spec, $"'{ids}' is not a vendor:product pair of 4 hex digits each ({form})");
            if (hash >= 0)
            {
                string n = text[(hash + 1)..];
                if (n.Length is 0 or > 3 || !n.All(char.IsAsciiDigit) || int.Parse(n, CultureInfo.InvariantCulture) > 255)
                    throw Error(spec, $"'#{n}' is not a device index: give #N with N a decimal 0..255 ({form})");
            }
        }
        else
        {
            string[] ba = text.Split('.');
            if (ba.Length != 2 || ba.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
                throw Error(spec, $"'{text}' is neither VVVV:PPPP nor BUS.ADDR ({form})");
            int bus = int.Parse(ba[0], CultureInfo.InvariantCulture), addr = int.Parse(ba[1], CultureInfo.InvariantCulture);
            if (bus > 255 || addr is < 1 or > 255)
                throw Error(spec, $"'{text}': bus {bus} must be 0..255 and address {addr} 1..255");
        }
        try { return UsbSpec.Parse(spec); }
        catch (RtException e) { throw Error(spec, e.Message); } // unreachable after the checks above; keeps one message shape
    }
}
