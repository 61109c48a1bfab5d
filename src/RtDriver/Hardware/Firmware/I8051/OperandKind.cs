namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>The operand forms of the MCS-51 instruction set.</summary>
public enum OperandKind : byte
{
    None,
    A,          // accumulator
    AB,         // A and B (MUL/DIV)
    C,          // carry flag
    Dptr,       // data pointer
    AtDptr,     // @DPTR (MOVX)
    AtADptr,    // @A+DPTR
    AtAPc,      // @A+PC
    Register,   // R0..R7 (from the opcode's low 3 bits)
    AtRegister, // @R0/@R1 (from the opcode's low bit)
    Direct,     // internal RAM or SFR address (1 byte)
    Immediate,  // #data (1 byte)
    Immediate16,// #data16 (2 bytes, big endian)
    Bit,        // bit address (1 byte)
    NotBit,     // /bit (1 byte)
    Addr11,     // AJMP/ACALL target: 11 bits, 3 in the opcode + 1 byte
    Addr16,     // LJMP/LCALL target (2 bytes, big endian)
    Relative,   // signed 8-bit offset from the next instruction
}
