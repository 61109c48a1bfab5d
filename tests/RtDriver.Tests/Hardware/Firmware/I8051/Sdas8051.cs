using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RtDriver.Hardware.Firmware.I8051;

namespace RtDriver.Tests.Hardware.Firmware.I8051;

/// <summary>
/// Runs the SDCC 8051 assembler (sdas8051, package sdcc, installed by build.sh) and reads the bytes
/// from its listing. Two ASxxxx facts shape how sources are written for it: a branch to a bare
/// number in an absolute area is left to the linker (whose absolute-area PCR relocation is unreliable),
/// so relative targets are written as labels or ".±n"; and the listing shows AJMP/ACALL with the
/// target's high byte in place of the opcode byte (the linker merges the opcode), see <see cref="ListingByte"/>.
/// </summary>
internal static partial class Sdas8051
{
    [GeneratedRegex(@"^\s+([0-9A-F]{6})\s((?:[0-9A-F]{2}\s)+)")]
    private static partial Regex ListingLine();

    /// <summary>The byte the listing shows for image byte <paramref name="offset"/> of an instruction.</summary>
    public static byte ListingByte(in Instruction8051 ins, int offset, byte imageByte) =>
        offset == 0 && ins.Info.Operand(0) == OperandKind.Addr11 ? (byte)(ins.Target >> 8) : imageByte;

    /// <summary>Target text sdas8051 resolves at assembly time: a label, or an offset from the instruction start.</summary>
    public static string DotTarget(int target, int instructionAddress, string? label)
    {
        if (label is not null) return label;
        int d = target - instructionAddress;
        return d >= 0 ? $".+0x{d:x}" : $".-0x{-d:x}";
    }

    public static Dictionary<int, byte> Assemble(string source)
    {
        var dir = Directory.CreateTempSubdirectory("rt8051-");
        try
        {
            var asm = Path.Combine(dir.FullName, "t.asm");
            File.WriteAllText(asm, source);
            var psi = new ProcessStartInfo("sdas8051", ["-l", "-o", asm]) { RedirectStandardError = true, RedirectStandardOutput = true };
            Process p;
            try { p = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new MissingPrerequisiteException("sdas8051 (package sdcc) is required for the 8051 decoder tests: install it with 'apt-get install sdcc' (build.sh does)");
            }
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException("sdas8051 did not finish within 60 s"); }
            if (p.ExitCode != 0 || output.Contains("Error", StringComparison.Ordinal))
                throw new InvalidOperationException($"sdas8051 failed ({p.ExitCode}): {output}");
            var bytes = new Dictionary<int, byte>();
            foreach (var line in File.ReadAllLines(Path.ChangeExtension(asm, ".lst")))
            {
                var m = ListingLine().Match(line);
                if (!m.Success) continue;
                int address = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber);
                foreach (var tok in m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    bytes[address++] = byte.Parse(tok, NumberStyles.HexNumber);
            }
            return bytes;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
