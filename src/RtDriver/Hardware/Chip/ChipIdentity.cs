using RtDriver.Hardware.Registers;

namespace RtDriver.Hardware.Chip;

/// <summary>What MAC_CSR0 says (docs/hardware.md §2.1): chip id (the part number in hex), silicon revision, bus.</summary>
public sealed record ChipIdentity(uint ChipId, uint Revision, uint MacCsr0, bool IsUsb)
{
    public string Name => $"RT{ChipId:X4}";

    /// <summary>Linux rt2800.h revision names where one is defined for this id/revision.</summary>
    public string? RevisionName => (ChipId, Revision) switch
    {
        (0x2860, 0x0100) => "RT2860C",
        (0x2860, 0x0101) => "RT2860D",
        (0x2872, 0x0200) => "RT2872E",
        (0x3070, 0x0200) => "RT3070E",
        (0x3070, 0x0201) => "RT3070F",
        (0x3071 or 0x3090 or 0x3390 or 0x3593, 0x0211) => $"RT{ChipId:X4}E",
        (0x5592, 0x0221) => "RT5592C",
        (0x5390, 0x0502) => "RT5390F",
        (0x5390, 0x0503) => "RT5370G",
        (0x5390, 0x1502) => "RT5390R",
        _ => null,
    };

    public override string ToString() =>
        $"{Name} rev 0x{Revision:X4}{(RevisionName is null ? "" : $" ({RevisionName})")}, {(IsUsb ? "USB" : "PCI")}";

    /// <summary>RT chip ids accepted by Linux rt2800_probe_rt (docs/hardware.md §2.1).</summary>
    public static readonly IReadOnlySet<uint> AcceptedIds = new HashSet<uint>
    {
        0x2860, 0x2872, 0x2883, 0x3070, 0x3071, 0x3090, 0x3290, 0x3352,
        0x3390, 0x3572, 0x3593, 0x3883, 0x5350, 0x5390, 0x5392, 0x5592,
    };

    public static ChipIdentity FromMacCsr0(uint macCsr0, bool isUsb) =>
        new(RtReg.MAC_CSR0_CHIPSET.Get(macCsr0), RtReg.MAC_CSR0_REVISION.Get(macCsr0), macCsr0, isUsb);
}
