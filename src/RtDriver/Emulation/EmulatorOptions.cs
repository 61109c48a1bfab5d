using System.Globalization;

namespace RtDriver.Emulation;

/// <summary>The four emulated parts of the C ABI's <c>emu:</c> specs.</summary>
public enum EmulatedChip
{
    Rt2860,
    Rt3090,
    Rt2870,
    Rt3070,
}

/// <summary>The named faults of the C ABI (docs/c-abi.md, device specs).</summary>
[Flags]
public enum EmulatorFaults
{
    None = 0,
    /// <summary>fault=mcu-silent: the MCU never acknowledges a mailbox command.</summary>
    McuSilent = 1,
    /// <summary>fault=fw-never-ready: the MCU never reports ready after a firmware load.</summary>
    FwNeverReady = 2,
    /// <summary>fault=keytable-stuck: writes to the hardware key tables do not stick.</summary>
    KeyTableStuck = 4,
    /// <summary>fault=gone-after=N: after N register accesses every read returns 0xFFFFFFFF.</summary>
    GoneAfter = 8,
}

/// <summary>A parsed <c>emu:</c> spec.</summary>
public sealed record EmulatorOptions(EmulatedChip Chip, EmulatorFaults Faults, long GoneAfter, byte[] Mac)
{
    public bool IsUsb => Chip is EmulatedChip.Rt2870 or EmulatedChip.Rt3070;

    public bool Has(EmulatorFaults fault) => (Faults & fault) != 0;

    public const string Prefix = "emu:";

    /// <summary>True when <paramref name="spec"/> names the emulator (the scheme is lower case exactly, as the grammar says).</summary>
    public static bool IsEmulatorSpec(string? spec) => spec is not null && spec.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The default MAC of an emulated chip: Ralink's OUI 00:0c:43, then the chip id, then 01.</summary>
    public static byte[] DefaultMac(EmulatedChip chip)
    {
        uint id = EmulatedChipInfo.For(chip).ChipId;
        return [0x00, 0x0C, 0x43, (byte)(id >> 8), (byte)id, 0x01];
    }

    private const string Chips = "rt2860, rt3090 (PCI), rt2870 or rt3070 (USB)";
    private const string FaultNames = "mcu-silent, fw-never-ready, keytable-stuck or gone-after=N";

    /// <summary>
    /// Parses the emulator part of the device spec grammar (<c>Device/DeviceSpec</c>, whose lexical rule and refusal shape are <see cref="SpecText"/>):
    /// "emu:" CHIP *("," ("fault=" FAULT | "mac=" MAC)). Exact: lower-case names, no whitespace,
    /// mac at most once, each fault at most once (several different faults combine). Any other
    /// text is RT_ERR_INVALID_ARGUMENT naming the bad part.
    /// </summary>
    public static EmulatorOptions Parse(string spec)
    {
        if (spec is null) throw RtException.InvalidArgument("device spec is NULL");
        SpecText.CheckCharacters(spec);
        if (!IsEmulatorSpec(spec))
            throw spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                ? Error(spec, $"scheme '{spec[..3]}' must be written in lower case: 'emu:'")
                : Error(spec, "not an emulator spec (expected emu:rt2860, emu:rt3090, emu:rt2870 or emu:rt3070)");
        string[] parts = spec[Prefix.Length..].Split(',');
        EmulatedChip chip = parts[0] switch
        {
            "rt2860" => EmulatedChip.Rt2860,
            "rt3090" => EmulatedChip.Rt3090,
            "rt2870" => EmulatedChip.Rt2870,
            "rt3070" => EmulatedChip.Rt3070,
            var other when other.ToLowerInvariant() is "rt2860" or "rt3090" or "rt2870" or "rt3070"
                => throw Error(spec, $"chip '{other}' must be written in lower case: '{other.ToLowerInvariant()}'"),
            var other => throw Error(spec, $"emulated chip '{other}' is not one of {Chips}"),
        };
        var faults = EmulatorFaults.None;
        long goneAfter = -1;
        byte[]? mac = null;
        for (int i = 1; i < parts.Length; i++)
        {
            string part = parts[i];
            if (part.Length == 0)
                throw Error(spec, i == parts.Length - 1 ? "nothing after the last ','" : $"empty option between ',' and ',' (option {i})");
            int eq = part.IndexOf('=');
            if (eq < 0) throw Error(spec, $"option '{part}' has no value (expected fault=… or mac=…)");
            string key = part[..eq];
            string value = part[(eq + 1)..];
            switch (key)
            {
                case "fault":
                    var (fault, n) = ParseFault(spec, value);
                    if ((faults & fault) != 0)
                        throw Error(spec, $"fault '{(fault == EmulatorFaults.GoneAfter ? "gone-after" : value)}' given twice");
                    faults |= fault;
                    if (fault == EmulatorFaults.GoneAfter) goneAfter = n;
                    break;
                case "mac":
                    if (mac is not null) throw Error(spec, "option 'mac' given twice");
                    mac = ParseStationMac(spec, value);
                    break;
                default:
                    throw Error(spec, key.ToLowerInvariant() is "fault" or "mac"
                        ? $"option '{key}' must be written in lower case: '{key.ToLowerInvariant()}'"
                        : $"unknown option '{key}' in '{part}' (expected fault=… or mac=…)");
            }
        }
        return new EmulatorOptions(chip, faults, goneAfter, mac ?? DefaultMac(chip));
    }

    private static (EmulatorFaults Fault, long GoneAfter) ParseFault(string spec, string value)
    {
        switch (value)
        {
            case "mcu-silent": return (EmulatorFaults.McuSilent, -1);
            case "fw-never-ready": return (EmulatorFaults.FwNeverReady, -1);
            case "keytable-stuck": return (EmulatorFaults.KeyTableStuck, -1);
        }
        const string gone = "gone-after=";
        if (value.StartsWith(gone, StringComparison.Ordinal))
        {
            string n = value[gone.Length..];
            // Digits only: no sign, no spaces, no hex; a count that fits a 64-bit integer.
            if (n.Length == 0 || !n.All(char.IsAsciiDigit) || !long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                throw Error(spec, $"fault=gone-after needs a non-negative decimal access count, got '{n}'");
            return (EmulatorFaults.GoneAfter, count);
        }
        if (value.ToLowerInvariant() is "mcu-silent" or "fw-never-ready" or "keytable-stuck" || value.StartsWith(gone, StringComparison.OrdinalIgnoreCase))
            throw Error(spec, $"fault '{value}' must be written in lower case");
        throw Error(spec, $"unknown fault '{value}' (expected {FaultNames})");
    }

    /// <summary>
    /// mac=aa:bb:cc:dd:ee:ff, the address the emulated NIC reports as its own: it must be usable as
    /// a station address, so a group address (I/G bit, bit 0 of the first byte, set — broadcast
    /// included) and the all-zero address are refused, each with the reason.
    /// </summary>
    private static byte[] ParseStationMac(string spec, string value)
    {
        byte[] mac = MacAddress.TryParseSpec(value)
            ?? throw Error(spec, $"mac={value} is not a MAC address (expected six hex bytes separated by ':', like 00:11:22:33:44:55)");
        if (mac.All(b => b == 0xFF))
            throw Error(spec, $"mac={value} is the broadcast address, not a station address");
        if ((mac[0] & 1) != 0)
            throw Error(spec, $"mac={value} is a group address (I/G bit, bit 0 of the first byte, is set), not a station address");
        if (mac.All(b => b == 0))
            throw Error(spec, $"mac={value} is the all-zero address, which no station may use");
        return mac;
    }

    private static RtException Error(string spec, string problem) => SpecText.Error(spec, problem);

    public string ToSpec()
    {
        var s = Prefix + Chip.ToString().ToLowerInvariant();
        if (Has(EmulatorFaults.McuSilent)) s += ",fault=mcu-silent";
        if (Has(EmulatorFaults.FwNeverReady)) s += ",fault=fw-never-ready";
        if (Has(EmulatorFaults.KeyTableStuck)) s += ",fault=keytable-stuck";
        if (Has(EmulatorFaults.GoneAfter)) s += $",fault=gone-after={GoneAfter}";
        return s + ",mac=" + MacAddress.Format(Mac);
    }
}

/// <summary>Identity of each emulated part: what MAC_CSR0 reads, where the configuration lives, which RF.</summary>
public sealed record EmulatedChipInfo(EmulatedChip Chip, string Name, bool IsUsb, uint MacCsr0, bool UsesEfuse, ushort NicConf0, ushort NicConf1)
{
    public uint ChipId => MacCsr0 >> 16;
    public uint Revision => MacCsr0 & 0xFFFF;

    // NIC_CONF0: b3–0 RX paths, b7–4 TX paths, b11–8 RF id (docs/hardware.md §4.5, §2.4).
    private static readonly EmulatedChipInfo[] All =
    [
        new(EmulatedChip.Rt2860, "RT2860", false, 0x2860_0101, false, 0x0123, 0x0000), // RT2860D, RF2820 2T3R, 93C66 EEPROM
        new(EmulatedChip.Rt3090, "RT3090", false, 0x3090_0211, true, 0x0822, 0x0000),  // RT3090E, RF3022 2T2R, eFuse
        new(EmulatedChip.Rt2870, "RT2870", true, 0x2872_0200, false, 0x0123, 0x0000),  // RT2872E, RF2820 2T3R, USB EEPROM
        new(EmulatedChip.Rt3070, "RT3070", true, 0x3070_0201, true, 0x0511, 0x0000),   // RT3070F, RF3020 1T1R, eFuse
    ];

    public static EmulatedChipInfo For(EmulatedChip chip) => All[(int)chip];
}
