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

/// <summary>The named faults of the C ABI (c-abi.md, device specs).</summary>
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

    public static bool IsEmulatorSpec(string? spec) => spec is not null && spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The default MAC of an emulated chip: Ralink's OUI 00:0c:43, then the chip id, then 01.</summary>
    public static byte[] DefaultMac(EmulatedChip chip)
    {
        uint id = EmulatedChipInfo.For(chip).ChipId;
        return [0x00, 0x0C, 0x43, (byte)(id >> 8), (byte)id, 0x01];
    }

    /// <summary>
    /// Parses "emu:rt2860|rt3090|rt2870|rt3070[,fault=mcu-silent|fw-never-ready|keytable-stuck|gone-after=N][,mac=aa:bb:cc:dd:ee:ff]".
    /// Options may repeat (several faults). Any bad part is RT_ERR_INVALID_ARGUMENT naming the value and what is accepted.
    /// </summary>
    public static EmulatorOptions Parse(string spec)
    {
        if (spec is null) throw RtException.InvalidArgument("device spec is null");
        if (!IsEmulatorSpec(spec))
            throw RtException.InvalidArgument($"'{spec}' is not an emulator spec (expected emu:rt2860, emu:rt3090, emu:rt2870 or emu:rt3070)");
        string[] parts = spec[Prefix.Length..].Split(',');
        EmulatedChip chip = parts[0].Trim().ToLowerInvariant() switch
        {
            "rt2860" => EmulatedChip.Rt2860,
            "rt3090" => EmulatedChip.Rt3090,
            "rt2870" => EmulatedChip.Rt2870,
            "rt3070" => EmulatedChip.Rt3070,
            var other => throw RtException.InvalidArgument(
                $"unknown emulated chip '{other}' in '{spec}' (expected rt2860, rt3090 (PCI) or rt2870, rt3070 (USB))"),
        };
        var faults = EmulatorFaults.None;
        long goneAfter = -1;
        byte[]? mac = null;
        foreach (string raw in parts.Skip(1))
        {
            string part = raw.Trim();
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq];
            string value = eq < 0 ? "" : part[(eq + 1)..];
            switch (key.ToLowerInvariant())
            {
                case "fault":
                    if (value.Equals("mcu-silent", StringComparison.OrdinalIgnoreCase)) faults |= EmulatorFaults.McuSilent;
                    else if (value.Equals("fw-never-ready", StringComparison.OrdinalIgnoreCase)) faults |= EmulatorFaults.FwNeverReady;
                    else if (value.Equals("keytable-stuck", StringComparison.OrdinalIgnoreCase)) faults |= EmulatorFaults.KeyTableStuck;
                    else if (value.StartsWith("gone-after=", StringComparison.OrdinalIgnoreCase))
                    {
                        string n = value["gone-after=".Length..];
                        if (!long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out goneAfter))
                            throw RtException.InvalidArgument($"fault=gone-after needs a non-negative access count, got '{n}' in '{spec}'");
                        faults |= EmulatorFaults.GoneAfter;
                    }
                    else
                        throw RtException.InvalidArgument(
                            $"unknown fault '{value}' in '{spec}' (expected mcu-silent, fw-never-ready, keytable-stuck or gone-after=N)");
                    break;
                case "mac":
                    mac = ParseMac(value) ?? throw RtException.InvalidArgument($"bad MAC address '{value}' in '{spec}' (expected six hex bytes like 00:11:22:33:44:55)");
                    if ((mac[0] & 1) != 0)
                        throw RtException.InvalidArgument($"MAC address '{value}' in '{spec}' is a group (multicast) address; a NIC needs an individual address");
                    break;
                default:
                    throw RtException.InvalidArgument($"unknown emulator option '{part}' in '{spec}' (expected fault=… or mac=…)");
            }
        }
        return new EmulatorOptions(chip, faults, goneAfter, mac ?? DefaultMac(chip));
    }

    private static byte[]? ParseMac(string s)
    {
        string[] b = s.Split(':', '-');
        if (b.Length != 6) return null;
        var mac = new byte[6];
        for (int i = 0; i < 6; i++)
            if (b[i].Length != 2 || !byte.TryParse(b[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mac[i])) return null;
        return mac;
    }

    public string ToSpec()
    {
        var s = Prefix + Chip.ToString().ToLowerInvariant();
        if (Has(EmulatorFaults.McuSilent)) s += ",fault=mcu-silent";
        if (Has(EmulatorFaults.FwNeverReady)) s += ",fault=fw-never-ready";
        if (Has(EmulatorFaults.KeyTableStuck)) s += ",fault=keytable-stuck";
        if (Has(EmulatorFaults.GoneAfter)) s += $",fault=gone-after={GoneAfter}";
        return s + ",mac=" + string.Join(":", Mac.Select(b => b.ToString("x2")));
    }
}

/// <summary>Identity of each emulated part: what MAC_CSR0 reads, where the configuration lives, which RF.</summary>
public sealed record EmulatedChipInfo(EmulatedChip Chip, string Name, bool IsUsb, uint MacCsr0, bool UsesEfuse, ushort NicConf0, ushort NicConf1)
{
    public uint ChipId => MacCsr0 >> 16;
    public uint Revision => MacCsr0 & 0xFFFF;

    // NIC_CONF0: b3–0 RX paths, b7–4 TX paths, b11–8 RF id (§6.5, §1.4).
    private static readonly EmulatedChipInfo[] All =
    [
        new(EmulatedChip.Rt2860, "RT2860", false, 0x2860_0101, false, 0x0123, 0x0000), // RT2860D, RF2820 2T3R, 93C66 EEPROM
        new(EmulatedChip.Rt3090, "RT3090", false, 0x3090_0211, true, 0x0822, 0x0000),  // RT3090E, RF3022 2T2R, eFuse
        new(EmulatedChip.Rt2870, "RT2870", true, 0x2872_0200, false, 0x0123, 0x0000),  // RT2872E, RF2820 2T3R, USB EEPROM
        new(EmulatedChip.Rt3070, "RT3070", true, 0x3070_0201, true, 0x0511, 0x0000),   // RT3070F, RF3020 1T1R, eFuse
    ];

    public static EmulatedChipInfo For(EmulatedChip chip) => All[(int)chip];
}
