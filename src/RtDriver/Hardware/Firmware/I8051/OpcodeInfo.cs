namespace RtDriver.Hardware.Firmware.I8051;

/// <summary>One entry of the opcode table: mnemonic, operands in assembler order, length in bytes,
/// and how it changes control flow.</summary>
public readonly record struct OpcodeInfo(string Mnemonic, int Length, FlowKind Flow, OperandKind Op1 = OperandKind.None, OperandKind Op2 = OperandKind.None, OperandKind Op3 = OperandKind.None)
{
    public int OperandCount => Op3 != OperandKind.None ? 3 : Op2 != OperandKind.None ? 2 : Op1 != OperandKind.None ? 1 : 0;
    public OperandKind Operand(int i) => i switch { 0 => Op1, 1 => Op2, _ => Op3 };
}

public enum FlowKind : byte
{
    /// <summary>Falls through to the next instruction.</summary>
    Next,
    /// <summary>Unconditional jump to a computable target (no fall-through).</summary>
    Jump,
    /// <summary>Conditional branch: target or fall-through.</summary>
    Branch,
    /// <summary>Subroutine call: target, then the next instruction.</summary>
    Call,
    /// <summary>RET/RETI or JMP @A+DPTR: no computable successor.</summary>
    Return,
    /// <summary>The reserved opcode 0xA5 (undefined on the classic 8051).</summary>
    Reserved,
}
