using static RtDriver.Hardware.Firmware.I8051.OperandKind;

namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>
/// The complete MCS-51 opcode map: all 256 opcodes, including the reserved 0xA5. Built once from the
/// regular structure of the map (columns 5..F of each row share an operation over direct/@Ri/Rn
/// operands) plus the irregular columns 0..4 written out. Lengths follow from the operand kinds.
/// </summary>
public static class OpcodeTable
{
    private static readonly OpcodeInfo[] Table = Build();

    public static OpcodeInfo Get(byte opcode) => Table[opcode];

    public static int OperandBytes(OperandKind kind) => kind switch
    {
        Direct or Immediate or Bit or NotBit or Relative or Addr11 => 1,
        Immediate16 or Addr16 => 2,
        _ => 0,
    };

    private static OpcodeInfo[] Build()
    {
        var t = new OpcodeInfo[256];
        void Set(int op, string m, FlowKind f, OperandKind a = None, OperandKind b = None, OperandKind c = None)
        {
            if (t[op].Mnemonic is not null) throw new InvalidOperationException($"opcode {op:X2} defined twice");
            t[op] = new OpcodeInfo(m, 1 + OperandBytes(a) + OperandBytes(b) + OperandBytes(c), f, a, b, c);
        }
        const FlowKind N = FlowKind.Next;

        // Column 1: AJMP (even rows) and ACALL (odd rows); the row supplies target bits 10..8.
        for (int row = 0; row < 16; row++)
            Set(row << 4 | 1, row % 2 == 0 ? "ajmp" : "acall", row % 2 == 0 ? FlowKind.Jump : FlowKind.Call, Addr11);

        // Columns 5..F: operation over direct (5), @R0/@R1 (6, 7) and R0..R7 (8..F).
        void Family(int row, string m, FlowKind f, OperandKind? pre, OperandKind? post, bool directToo = true)
        {
            void One(int op, OperandKind x)
            {
                var ops = new List<OperandKind>();
                if (pre is { } p) ops.Add(p);
                ops.Add(x);
                if (post is { } q) ops.Add(q);
                while (ops.Count < 3) ops.Add(None);
                Set(op, m, f, ops[0], ops[1], ops[2]);
            }
            if (directToo) One(row << 4 | 5, Direct);
            One(row << 4 | 6, AtRegister);
            One(row << 4 | 7, AtRegister);
            for (int r = 8; r < 16; r++) One(row << 4 | r, Register);
        }
        Family(0x0, "inc", N, null, null);
        Family(0x1, "dec", N, null, null);
        Family(0x2, "add", N, A, null);
        Family(0x3, "addc", N, A, null);
        Family(0x4, "orl", N, A, null);
        Family(0x5, "anl", N, A, null);
        Family(0x6, "xrl", N, A, null);
        Family(0x7, "mov", N, null, Immediate, directToo: false);
        Set(0x75, "mov", N, Direct, Immediate);
        Family(0x8, "mov", N, Direct, null, directToo: false);
        Set(0x85, "mov", N, Direct, Direct);  // encoded source first, destination second (see Decoder)
        Family(0x9, "subb", N, A, null);
        Family(0xA, "mov", N, null, Direct, directToo: false);
        Set(0xA5, ".db", FlowKind.Reserved);
        Family(0xB, "cjne", FlowKind.Branch, null, Immediate, directToo: false);
        for (int op = 0xB6; op <= 0xBF; op++) t[op] = t[op] with { Op3 = Relative, Length = t[op].Length + 1 };
        Set(0xB5, "cjne", FlowKind.Branch, A, Direct, Relative);
        Family(0xC, "xch", N, A, null);
        Set(0xD5, "djnz", FlowKind.Branch, Direct, Relative);
        Set(0xD6, "xchd", N, A, AtRegister);
        Set(0xD7, "xchd", N, A, AtRegister);
        for (int r = 8; r < 16; r++) Set(0xD0 | r, "djnz", FlowKind.Branch, Register, Relative);
        Family(0xE, "mov", N, A, null);
        Family(0xF, "mov", N, null, A);

        // Columns 0, 2, 3, 4 (and the two MOVX forms in columns 2/3 of rows E and F).
        Set(0x00, "nop", N);                      Set(0x02, "ljmp", FlowKind.Jump, Addr16);
        Set(0x03, "rr", N, A);                    Set(0x04, "inc", N, A);
        Set(0x10, "jbc", FlowKind.Branch, Bit, Relative); Set(0x12, "lcall", FlowKind.Call, Addr16);
        Set(0x13, "rrc", N, A);                   Set(0x14, "dec", N, A);
        Set(0x20, "jb", FlowKind.Branch, Bit, Relative);  Set(0x22, "ret", FlowKind.Return);
        Set(0x23, "rl", N, A);                    Set(0x24, "add", N, A, Immediate);
        Set(0x30, "jnb", FlowKind.Branch, Bit, Relative); Set(0x32, "reti", FlowKind.Return);
        Set(0x33, "rlc", N, A);                   Set(0x34, "addc", N, A, Immediate);
        Set(0x40, "jc", FlowKind.Branch, Relative);       Set(0x42, "orl", N, Direct, A);
        Set(0x43, "orl", N, Direct, Immediate);   Set(0x44, "orl", N, A, Immediate);
        Set(0x50, "jnc", FlowKind.Branch, Relative);      Set(0x52, "anl", N, Direct, A);
        Set(0x53, "anl", N, Direct, Immediate);   Set(0x54, "anl", N, A, Immediate);
        Set(0x60, "jz", FlowKind.Branch, Relative);       Set(0x62, "xrl", N, Direct, A);
        Set(0x63, "xrl", N, Direct, Immediate);   Set(0x64, "xrl", N, A, Immediate);
        Set(0x70, "jnz", FlowKind.Branch, Relative);      Set(0x72, "orl", N, C, Bit);
        Set(0x73, "jmp", FlowKind.Return, AtADptr); Set(0x74, "mov", N, A, Immediate);
        Set(0x80, "sjmp", FlowKind.Jump, Relative);       Set(0x82, "anl", N, C, Bit);
        Set(0x83, "movc", N, A, AtAPc);           Set(0x84, "div", N, AB);
        Set(0x90, "mov", N, Dptr, Immediate16);   Set(0x92, "mov", N, Bit, C);
        Set(0x93, "movc", N, A, AtADptr);         Set(0x94, "subb", N, A, Immediate);
        Set(0xA0, "orl", N, C, NotBit);           Set(0xA2, "mov", N, C, Bit);
        Set(0xA3, "inc", N, Dptr);                Set(0xA4, "mul", N, AB);
        Set(0xB0, "anl", N, C, NotBit);           Set(0xB2, "cpl", N, Bit);
        Set(0xB3, "cpl", N, C);                   Set(0xB4, "cjne", FlowKind.Branch, A, Immediate, Relative);
        Set(0xC0, "push", N, Direct);             Set(0xC2, "clr", N, Bit);
        Set(0xC3, "clr", N, C);                   Set(0xC4, "swap", N, A);
        Set(0xD0, "pop", N, Direct);              Set(0xD2, "setb", N, Bit);
        Set(0xD3, "setb", N, C);                  Set(0xD4, "da", N, A);
        Set(0xE0, "movx", N, A, AtDptr);          Set(0xE2, "movx", N, A, AtRegister);
        Set(0xE3, "movx", N, A, AtRegister);      Set(0xE4, "clr", N, A);
        Set(0xF0, "movx", N, AtDptr, A);          Set(0xF2, "movx", N, AtRegister, A);
        Set(0xF3, "movx", N, AtRegister, A);      Set(0xF4, "cpl", N, A);

        for (int op = 0; op < 256; op++)
            if (t[op].Mnemonic is null) throw new InvalidOperationException($"opcode {op:X2} missing from the table");
        return t;
    }
}
