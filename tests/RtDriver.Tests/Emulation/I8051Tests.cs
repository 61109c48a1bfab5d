using RtDriver.Emulation;
using Xunit;

namespace RtDriver.Tests.Emulation;

/// <summary>Instruction semantics of the 8051 core, from hand-assembled programs (encodings per the Intel MCS-51 manual).</summary>
public class I8051Tests
{
    private readonly byte[] _xdata = new byte[65536];

    private I8051 Run(byte[] code, int steps)
    {
        var cpu = new I8051(code, a => _xdata[a], (a, v) => _xdata[a] = v);
        cpu.Run(steps);
        return cpu;
    }

    private const byte PSW = 0xD0;

    [Fact]
    public void AddSetsCarryAuxCarryAndOverflow()
    {
        // MOV A,#0x7F ; ADD A,#0x01  -> 0x80, OV=1, AC=1, CY=0
        var cpu = Run([0x74, 0x7F, 0x24, 0x01], 2);
        Assert.Equal(0x80, cpu.A);
        Assert.Equal(0x44, cpu.ReadDirect(PSW) & 0xC4); // AC | OV
        // MOV A,#0xFF ; ADD A,#0x01 -> 0x00 CY=1 AC=1 OV=0 ; ADDC A,#0 -> 1
        cpu = Run([0x74, 0xFF, 0x24, 0x01, 0x34, 0x00], 3);
        Assert.Equal(0x01, cpu.A);
    }

    [Fact]
    public void SubbBorrowsAndCjneSetsCarry()
    {
        // CLR C ; MOV A,#0x10 ; SUBB A,#0x20 -> 0xF0, CY=1
        var cpu = Run([0xC3, 0x74, 0x10, 0x94, 0x20], 3);
        Assert.Equal(0xF0, cpu.A);
        Assert.NotEqual(0, cpu.ReadDirect(PSW) & 0x80);
        // MOV A,#5 ; CJNE A,#7,+2 ; MOV A,#1 ; MOV A,#2 (lands here) -> A=2, CY=1 (5<7)
        cpu = Run([0x74, 0x05, 0xB4, 0x07, 0x02, 0x74, 0x01, 0x74, 0x02], 3);
        Assert.Equal(0x02, cpu.A);
        Assert.NotEqual(0, cpu.ReadDirect(PSW) & 0x80);
    }

    [Fact]
    public void MulDivDaSwap()
    {
        // MOV A,#200 ; MOV B,#3 ; MUL AB -> 600 = 0x0258: A=0x58 B=0x02 OV=1
        var cpu = Run([0x74, 200, 0x75, 0xF0, 3, 0xA4], 3);
        Assert.Equal(0x58, cpu.A);
        Assert.Equal(0x02, cpu.ReadDirect(0xF0));
        Assert.NotEqual(0, cpu.ReadDirect(PSW) & 0x04);
        // MOV A,#251 ; MOV B,#10 ; DIV AB -> A=25 B=1
        cpu = Run([0x74, 251, 0x75, 0xF0, 10, 0x84], 3);
        Assert.Equal(25, cpu.A);
        Assert.Equal(1, cpu.ReadDirect(0xF0));
        // MOV A,#0x38 ; ADD A,#0x45 (BCD 38+45) ; DA A -> 0x83
        cpu = Run([0x74, 0x38, 0x24, 0x45, 0xD4], 3);
        Assert.Equal(0x83, cpu.A);
        // MOV A,#0x3C ; SWAP A -> 0xC3
        Assert.Equal(0xC3, Run([0x74, 0x3C, 0xC4], 2).A);
    }

    [Fact]
    public void DjnzLoopsAndRegisterBanks()
    {
        // MOV R2,#5 ; MOV A,#0 ; loop: ADD A,#3 ; DJNZ R2,loop -> A = 15
        var cpu = Run([0x7A, 0x05, 0x74, 0x00, 0x24, 0x03, 0xDA, 0xFC], 2 + 2 * 5);
        Assert.Equal(15, cpu.A);
        // SETB RS0 (PSW.3, bit 0xD3) ; MOV R0,#0x42 -> bank 1 R0 = IRAM 0x08
        cpu = Run([0xD2, 0xD3, 0x78, 0x42], 2);
        Assert.Equal(0x42, cpu.Iram(0x08));
        Assert.Equal(0x00, cpu.Iram(0x00));
    }

    [Fact]
    public void CallsReturnAndTheStackLivesInIram()
    {
        // 0000: LCALL 0x0010 ; 0003: MOV A,#0x99 ; ... 0010: ACALL 0x0020 ; 0012: RET ; 0020: MOV R7,#1 ; 0022: RET
        var code = new byte[0x30];
        code[0] = 0x12; code[1] = 0x00; code[2] = 0x10;
        code[3] = 0x74; code[4] = 0x99;
        code[0x10] = 0x11; code[0x11] = 0x20; // ACALL 0x020 (page 0)
        code[0x12] = 0x22;
        code[0x20] = 0x7F; code[0x21] = 0x01;
        code[0x22] = 0x22;
        var cpu = Run(code, 6);
        Assert.Equal(0x99, cpu.A);
        Assert.Equal(1, cpu.Iram(7));
        Assert.Equal(0x07, cpu.ReadDirect(0x81)); // SP back at reset value
        Assert.Equal(0x05, cpu.PC);
    }

    [Fact]
    public void MovxMovcAndBitOps()
    {
        _xdata[0x7013] = 0xA5;
        // MOV DPTR,#0x7013 ; MOVX A,@DPTR ; INC DPTR ; MOVX @DPTR,A ; JB ACC.0,+1 ; NOP ; MOV C,ACC.1 ; CPL C ; MOV 0x20.0(bit 0),C
        var cpu = Run([0x90, 0x70, 0x13, 0xE0, 0xA3, 0xF0, 0x20, 0xE0, 0x01, 0x00, 0xA2, 0xE1, 0xB3, 0x92, 0x00], 8);
        Assert.Equal(0xA5, _xdata[0x7014]);
        Assert.Equal(1, cpu.Iram(0x20) & 1); // ACC.1 = 0, complemented
        // MOV DPTR,#table ; MOV A,#2 ; MOVC A,@A+DPTR
        cpu = Run([0x90, 0x00, 0x07, 0x74, 0x02, 0x93, 0x00, 0x11, 0x22, 0x33], 3);
        Assert.Equal(0x33, cpu.A);
        // MOV R0,#0x30 ; MOV @R0,#0x5A ; MOV A,@R0 ; XCH A,R0 -> A=0x30, R0=0x5A
        cpu = Run([0x78, 0x30, 0x76, 0x5A, 0xE6, 0xC8], 4);
        Assert.Equal(0x30, cpu.A);
        Assert.Equal(0x5A, cpu.Iram(0));
    }

    [Fact]
    public void UndefinedOpcodeHalts()
    {
        var cpu = Run([0x00, 0xA5, 0x00], 10);
        Assert.True(cpu.Halted);
        Assert.Contains("0xA5", cpu.HaltReason);
        Assert.Equal(1, cpu.PC);
    }

    [Fact]
    public void ParityFollowsTheAccumulator()
    {
        Assert.Equal(1, Run([0x74, 0x07], 1).ReadDirect(PSW) & 1);
        Assert.Equal(0, Run([0x74, 0x03], 1).ReadDirect(PSW) & 1);
    }
}
