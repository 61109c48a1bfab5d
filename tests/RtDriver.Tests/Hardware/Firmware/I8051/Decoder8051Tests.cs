using System.Text;
using RtDriver.Hardware.Firmware.I8051;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware.I8051;

public class Decoder8051Tests
{
    // Operand bytes that exercise RAM addresses/bits, named SFRs and SFR bits, and backward branches.
    private static readonly byte[][] OperandPatterns =
    [
        [0x35, 0x12], [0xE0, 0x88], [0xD7, 0xF0], [0x9A, 0x80], [0x82, 0xFE], [0xC8, 0x7F],
    ];

    [Fact]
    public void EveryOpcodeAssemblesBackToItsBytesWithSdas8051()
    {
        // Each instruction at its own address (8 apart) so relative/absolute targets are exercised.
        var src = new StringBuilder("\t.area CODE (ABS)\n");
        var expected = new Dictionary<int, byte>();
        int address = 0x0100;
        foreach (var pattern in OperandPatterns)
            for (int op = 0; op < 256; op++, address += 8)
            {
                byte[] code = new byte[0x10000];
                code[address] = (byte)op;
                code[address + 1] = pattern[0];
                code[address + 2] = pattern[1];
                var ins = Decoder8051.Decode(code, address);
                Assert.False(ins.Truncated);
                int at = address;
                string text = Disassembler8051.Format(ins, t => ins.Info.Flow is FlowKind.Branch || ins.Opcode == 0x80 ? Sdas8051.DotTarget(t, at, null) : null, sfrNames: true);
                src.Append($"\t.org 0x{address:x4}\n\t{text}\n");
                for (int i = 0; i < ins.Length; i++) expected[address + i] = Sdas8051.ListingByte(ins, i, code[address + i]);
            }
        var assembled = Sdas8051.Assemble(src.ToString());
        foreach (var (at, b) in expected)
        {
            Assert.True(assembled.TryGetValue(at, out var got), $"sdas8051 emitted nothing at 0x{at:x4} (opcode at that instruction too long?)");
            Assert.True(b == got, $"byte at 0x{at:x4}: decoder/formatter round trip gave {got:x2}, image has {b:x2}");
        }
        // Nothing extra: the assembled lengths equal the decoded lengths.
        Assert.Equal(expected.Count, assembled.Count);
    }

    [Fact]
    public void TableCoversAll256OpcodesWithTheClassicLengthCounts()
    {
        var lengths = Enumerable.Range(0, 256).Select(op => OpcodeTable.Get((byte)op).Length).ToList();
        // MCS-51: 141 one-byte opcodes (with the reserved A5), 91 two-byte, 24 three-byte.
        Assert.Equal(256, lengths.Count);
        Assert.Equal(1, OpcodeTable.Get(0xA5).Length);
        Assert.Equal(FlowKind.Reserved, OpcodeTable.Get(0xA5).Flow);
        Assert.Equal((141, 91, 24), (lengths.Count(l => l == 1), lengths.Count(l => l == 2), lengths.Count(l => l == 3)));
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x12, 0x34 }, 0x0000, "ljmp 0x1234")]
    [InlineData(new byte[] { 0x85, 0xE0, 0xF0 }, 0x0000, "mov B,ACC")]          // 85 src dst
    [InlineData(new byte[] { 0x80, 0xFE }, 0x0010, "sjmp 0x0010")]              // jump to self
    [InlineData(new byte[] { 0xF1, 0x23 }, 0x0800, "acall 0x0f23")]             // page of PC+2
    [InlineData(new byte[] { 0xB4, 0x05, 0x80 }, 0x0100, "cjne a,#0x05,0x0083")]
    [InlineData(new byte[] { 0xA0, 0xD7 }, 0x0000, "orl c,/CY")]
    [InlineData(new byte[] { 0x90, 0xBE, 0xEF }, 0x0000, "mov dptr,#0xbeef")]
    [InlineData(new byte[] { 0xA5 }, 0x0000, ".db 0xa5")]
    public void DecodesKnownInstructions(byte[] bytes, int address, string text)
    {
        var code = new byte[0x10000];
        bytes.CopyTo(code, address);
        var ins = Decoder8051.Decode(code, address);
        Assert.Equal(bytes.Length, ins.Length);
        Assert.Equal(text, Disassembler8051.Format(ins));
    }

    [Fact]
    public void InstructionCutOffByTheImageEndIsFlagged()
    {
        var ins = Decoder8051.Decode(new byte[] { 0x00, 0x02, 0x12 }, 1);
        Assert.True(ins.Truncated);
        Assert.Equal(-1, ins.Target);
    }
}
