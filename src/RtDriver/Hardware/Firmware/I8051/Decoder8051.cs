namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>Decodes one MCS-51 instruction from a code image, using <see cref="OpcodeTable"/>.</summary>
public static class Decoder8051
{
    /// <summary>Decodes the instruction at <paramref name="address"/> (an index into <paramref name="code"/>,
    /// which starts at code address 0). An instruction cut off by the end of the image is returned with
    /// <see cref="Instruction8051.Truncated"/> set and missing bytes read as zero.</summary>
    public static Instruction8051 Decode(ReadOnlySpan<byte> code, int address)
    {
        if ((uint)address >= (uint)code.Length) throw RtException.InvalidArgument($"address 0x{address:X4} is outside the {code.Length}-byte image");
        byte op = code[address];
        var info = OpcodeTable.Get(op);
        bool truncated = address + info.Length > code.Length;
        Span<byte> raw = stackalloc byte[3];
        raw.Clear();
        for (int i = 1; i < info.Length && address + i < code.Length; i++) raw[i - 1] = code[address + i];
        int next = (address + info.Length) & 0xFFFF;
        int pos = 1;
        Span<int> values = stackalloc int[3];
        for (int i = 0; i < info.OperandCount; i++)
        {
            var kind = info.Operand(i);
            switch (kind)
            {
                case OperandKind.Register: values[i] = op & 7; break;
                case OperandKind.AtRegister: values[i] = op & 1; break;
                case OperandKind.Direct:
                case OperandKind.Immediate:
                case OperandKind.Bit:
                case OperandKind.NotBit:
                    values[i] = raw[pos++ - 1]; break;
                case OperandKind.Immediate16:
                case OperandKind.Addr16:
                    values[i] = raw[pos - 1] << 8 | raw[pos]; pos += 2; break;
                case OperandKind.Addr11:
                    values[i] = (next & 0xF800) | ((op >> 5) << 8) | raw[pos++ - 1]; break;
                case OperandKind.Relative:
                    values[i] = (next + (sbyte)raw[pos++ - 1]) & 0xFFFF; break;
            }
        }
        if (op == 0x85)
            (values[0], values[1]) = (values[1], values[0]); // MOV dest,src is encoded 85 src dest
        return new Instruction8051
        {
            Address = address, Opcode = op, Info = info, Truncated = truncated,
            Value1 = values[0], Value2 = values[1], Value3 = values[2],
        };
    }
}
