using RtDriver.Hardware.Firmware;
using RtDriver.Hardware.Firmware.I8051;

namespace RtDriver.Device;

/// <summary>One 8051 instruction of a disassembled image: where it is, how long, its label (if any) and its assembler text.</summary>
public readonly record struct DisassembledInstruction(int Address, int Length, string? Label, string Text);

/// <summary>
/// What a firmware file is before anyone loads it (`rtprobe fw inspect`), beside the façade so a
/// front end needs nothing below the device: the loader's own image checks for every chip family
/// (<see cref="FirmwareImage"/>, the type <see cref="RtDevice.LoadFirmware(string?)"/>'s result
/// carries) and the 8051 disassembler of Hardware/Firmware/I8051. Thin: every answer is the
/// firmware layer's.
/// </summary>
public static class FirmwareInspection
{
    /// <summary>The chip families an image is checked against, in the order they are reported.</summary>
    public static IReadOnlyList<FirmwareFamily> Families { get; } = [FirmwareFamily.Pci, FirmwareFamily.PciRt3290, FirmwareFamily.Usb];

    /// <summary>
    /// <paramref name="data"/> checked against each of <see cref="Families"/> (size, per-chunk CRC,
    /// version, SHA-256, the known image it matches); <paramref name="source"/> names it in messages.
    /// </summary>
    public static IReadOnlyList<FirmwareImage> Inspect(ReadOnlySpan<byte> data, string source)
    {
        var checks = new List<FirmwareImage>(Families.Count);
        foreach (var family in Families) checks.Add(FirmwareImage.Inspect(data, family, source));
        return checks;
    }

    /// <summary>A family as people say it ("PCI (rt2860.bin)").</summary>
    public static string Describe(FirmwareFamily family) => family.Describe();

    /// <summary>The file name the search path looks for: the Linux names (rt2860.bin, rt3290.bin, rt2870.bin).</summary>
    public static string FileName(FirmwareFamily family) => family.FileName();

    /// <summary>The 8051 listing of <paramref name="code"/> loaded at code address 0: labels, addresses, bytes, sdas8051 text.</summary>
    public static string Listing(ReadOnlySpan<byte> code) => Disassembler8051.Listing(code);

    /// <summary>The instructions of <paramref name="code"/> (a linear sweep from address 0), labelled and formatted as <see cref="Listing"/> prints them.</summary>
    public static IReadOnlyList<DisassembledInstruction> Disassemble(ReadOnlySpan<byte> code)
    {
        var instructions = Disassembler8051.Sweep(code);
        var labels = Disassembler8051.Labels(instructions);
        var result = new List<DisassembledInstruction>(instructions.Count);
        foreach (var ins in instructions)
            result.Add(new(ins.Address, ins.Length, labels.GetValueOrDefault(ins.Address), Disassembler8051.Format(ins, labels.GetValueOrDefault)));
        return result;
    }
}
