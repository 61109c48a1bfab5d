using System.Globalization;
using System.Text;

namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>
/// A linear-sweep 8051 disassembler over a whole code image. The reset and interrupt vectors are
/// labelled; every call target gets a sub_XXXX label and every jump/branch target an L_XXXX label
/// (when an instruction starts there). Output is sdas8051 syntax: it assembles back to the same bytes.
/// </summary>
public static class Disassembler8051
{
    /// <summary>The reset and interrupt vectors of the 8051/8052 (IE bit order).</summary>
    public static IReadOnlyList<(int Address, string Name)> Vectors { get; } =
    [
        (0x0000, "reset"), (0x0003, "int0_isr"), (0x000B, "timer0_isr"), (0x0013, "int1_isr"),
        (0x001B, "timer1_isr"), (0x0023, "serial_isr"), (0x002B, "timer2_isr"),
    ];

    /// <summary>Decodes the whole image from address 0, one instruction after another.</summary>
    public static List<Instruction8051> Sweep(ReadOnlySpan<byte> image)
    {
        var list = new List<Instruction8051>(image.Length / 2);
        for (int pc = 0; pc < image.Length;)
        {
            var ins = Decoder8051.Decode(image, pc);
            list.Add(ins);
            pc += ins.Length;
        }
        return list;
    }

    /// <summary>Labels for the image: vectors, then call targets (sub_), then jump targets (L_).</summary>
    public static Dictionary<int, string> Labels(IReadOnlyList<Instruction8051> instructions)
    {
        var starts = new HashSet<int>(instructions.Select(i => i.Address));
        var labels = new Dictionary<int, string>();
        foreach (var (address, name) in Vectors)
            if (starts.Contains(address)) labels[address] = name;
        foreach (var ins in instructions)
            if (ins.Info.Flow == FlowKind.Call && ins.Target >= 0 && starts.Contains(ins.Target))
                labels.TryAdd(ins.Target, $"sub_{ins.Target:x4}");
        foreach (var ins in instructions)
            if (ins.Info.Flow is FlowKind.Jump or FlowKind.Branch && ins.Target >= 0 && starts.Contains(ins.Target))
                labels.TryAdd(ins.Target, $"L_{ins.Target:x4}");
        return labels;
    }

    /// <summary>The full listing: address, bytes, assembler text, with label lines.</summary>
    public static string Listing(ReadOnlySpan<byte> image)
    {
        var instructions = Sweep(image);
        var labels = Labels(instructions);
        var sb = new StringBuilder(image.Length * 24);
        foreach (var ins in instructions)
        {
            if (labels.TryGetValue(ins.Address, out var label)) sb.Append(label).Append(":\n");
            sb.Append("  ").Append(ins.Address.ToString("x4", CultureInfo.InvariantCulture)).Append("  ");
            var bytes = new StringBuilder();
            for (int i = 0; i < ins.Length; i++)
                bytes.Append(ins.Address + i < image.Length ? image[ins.Address + i].ToString("x2", CultureInfo.InvariantCulture) : "..").Append(' ');
            sb.Append(bytes.ToString().PadRight(10));
            sb.Append(Format(ins, labels.GetValueOrDefault, sfrNames: true));
            if (ins.Truncated) sb.Append("    ; cut off by the end of the image");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Assembler text of one instruction. <paramref name="labelOf"/> names code addresses (null:
    /// print the address); <paramref name="sfrNames"/> prints SFR and bit names instead of numbers.</summary>
    public static string Format(in Instruction8051 ins, Func<int, string?>? labelOf = null, bool sfrNames = true)
    {
        var info = ins.Info;
        if (info.Flow == FlowKind.Reserved) return $".db 0x{ins.Opcode:x2}";
        if (info.OperandCount == 0) return info.Mnemonic;
        var sb = new StringBuilder(info.Mnemonic).Append(' ');
        for (int i = 0; i < info.OperandCount; i++)
        {
            if (i > 0) sb.Append(',');
            int v = ins.Value(i);
            sb.Append(info.Operand(i) switch
            {
                OperandKind.A => "a",
                OperandKind.AB => "ab",
                OperandKind.C => "c",
                OperandKind.Dptr => "dptr",
                OperandKind.AtDptr => "@dptr",
                OperandKind.AtADptr => "@a+dptr",
                OperandKind.AtAPc => "@a+pc",
                OperandKind.Register => $"r{v}",
                OperandKind.AtRegister => $"@r{v}",
                OperandKind.Direct => (sfrNames ? SfrNames.Register(v) : null) ?? Hex2(v),
                OperandKind.Immediate => "#" + Hex2(v),
                OperandKind.Immediate16 => $"#0x{v:x4}",
                OperandKind.Bit => (sfrNames ? SfrNames.Bit(v) : null) ?? Hex2(v),
                OperandKind.NotBit => "/" + ((sfrNames ? SfrNames.Bit(v) : null) ?? Hex2(v)),
                OperandKind.Addr11 or OperandKind.Addr16 or OperandKind.Relative => labelOf?.Invoke(v) ?? $"0x{v:x4}",
                _ => "?",
            });
        }
        return sb.ToString();
    }

    private static string Hex2(int v) => $"0x{v:x2}";
}
