namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>One decoded instruction: its address, bytes and operand values.</summary>
public readonly struct Instruction8051
{
    public int Address { get; init; }
    public byte Opcode { get; init; }
    public OpcodeInfo Info { get; init; }
    public int Length => Info.Length;
    /// <summary>True when the image ended before the instruction's last byte.</summary>
    public bool Truncated { get; init; }
    /// <summary>The operand values in assembler order (register numbers, addresses, data, absolute targets).</summary>
    public int Value1 { get; init; }
    public int Value2 { get; init; }
    public int Value3 { get; init; }

    public int Value(int i) => i switch { 0 => Value1, 1 => Value2, _ => Value3 };

    /// <summary>The code address this instruction jumps or calls to, or -1 (none or computed).</summary>
    public int Target
    {
        get
        {
            if (Truncated) return -1;
            for (int i = 0; i < Info.OperandCount; i++)
                if (Info.Operand(i) is OperandKind.Addr11 or OperandKind.Addr16 or OperandKind.Relative) return Value(i);
            return -1;
        }
    }
}
