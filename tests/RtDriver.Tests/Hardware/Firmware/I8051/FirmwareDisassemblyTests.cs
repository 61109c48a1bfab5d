using System.Text;
using RtDriver.Hardware.Firmware.I8051;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware.I8051;

public class FirmwareDisassemblyTests
{
    public static TheoryData<string> Images()
    {
        var data = new TheoryData<string>();
        foreach (var dir in new[] { "linux-firmware-2011", "linux-firmware-2019" })
            foreach (var name in new[] { "rt2860.bin", "rt2870.bin", "rt3070.bin", "rt3071.bin", "rt3290.bin" })
                if (!(dir == "linux-firmware-2011" && name == "rt3290.bin"))
                    data.Add($"{dir}/{name}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void ListingOfEveryShippedImageReassemblesToTheSameBytes(string relative)
    {
        var path = TestPaths.RequireShared("testdata", "firmware", relative);
        var image = File.ReadAllBytes(path);
        var instructions = Disassembler8051.Sweep(image);
        var labels = Disassembler8051.Labels(instructions);
        Assert.Equal("reset", labels[0]);
        Assert.Equal(image.Length, instructions.Sum(i => i.Truncated ? image.Length - i.Address : i.Length));

        // Emit the sweep with labels as sdas8051 source; the last, cut-off instruction as .db.
        var src = new StringBuilder("\t.area CODE (ABS)\n\t.org 0\n");
        foreach (var ins in instructions)
        {
            if (labels.TryGetValue(ins.Address, out var l)) src.Append(l).Append(":\n");
            // A relative branch that wraps around 0x0000/0xFFFF (data decoded as code) cannot be written
            // as an assembler expression: keep its bytes as .db; the decoder is still checked on its length.
            bool wraps = ins.Info.Flow == FlowKind.Branch || ins.Opcode == 0x80 ? Math.Abs(ins.Target - ins.Address) > 0x200 : false;
            if (ins.Truncated || wraps)
                for (int a = ins.Address; a < Math.Min(image.Length, ins.Address + ins.Length); a++) src.Append($"\t.db 0x{image[a]:x2}\n");
            else
            {
                int at = ins.Address;
                src.Append('\t').Append(Disassembler8051.Format(ins, t => Sdas8051.DotTarget(t, at, labels.GetValueOrDefault(t)))).Append('\n');
            }
        }
        var assembled = Sdas8051.Assemble(src.ToString());
        Assert.Equal(image.Length, assembled.Count);
        foreach (var ins in instructions)
            for (int i = 0; i < ins.Length && ins.Address + i < image.Length; i++)
            {
                int a = ins.Address + i;
                byte want = ins.Truncated || (ins.Info.Flow == FlowKind.Branch || ins.Opcode == 0x80) && Math.Abs(ins.Target - ins.Address) > 0x200 ? image[a] : Sdas8051.ListingByte(ins, i, image[a]);
                Assert.True(assembled[a] == want, $"{relative} 0x{a:x4}: reassembled {assembled[a]:x2}, expected {want:x2} ({Disassembler8051.Format(ins)})");
            }

        var listing = Disassembler8051.Listing(image);
        Assert.StartsWith("reset:\n  0000  ", listing);
        Assert.Contains("sub_", listing);
    }
}
