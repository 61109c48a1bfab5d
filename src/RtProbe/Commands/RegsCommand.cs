using RtDriver;

namespace RtProbe;

/// <summary>
/// `rtprobe regs read OFFSET`, `regs write OFFSET VALUE`, `regs dump [START [COUNT]]`: raw 32-bit
/// register access (offsets 4-byte aligned, below 0x10000). dump defaults to the start of the MAC
/// block (MAC_CSR0 at 0x1000), 64 words.
/// </summary>
internal sealed class RegsCommand : ICommand
{
    public string Name => "regs";
    public string Summary => "raw registers: regs read OFFSET | regs write OFFSET VALUE | regs dump [START [COUNT]]";
    public string Usage => "regs read OFFSET | regs write OFFSET VALUE | regs dump [START [COUNT]]   [--device SPEC] [--json]";

    public int Run(string[] args)
    {
        var a = ArgumentReader.ForDevice(args, [], []);
        var p = a.Positionals;
        if (p.Count == 0) throw RtException.InvalidArgument("regs needs a subcommand: read, write or dump");
        switch (p[0])
        {
            case "read" when p.Count == 2:
            {
                uint off = ArgumentReader.ParseUInt(p[1], "OFFSET");
                using var dev = a.OpenDevice();
                uint v = dev.Read32(off);
                if (a.Json) JsonOutput.Write(w => { w.WriteStartObject(); w.WriteString("offset", JsonOutput.HexValue(off)); w.WriteString("value", $"0x{v:x8}"); w.WriteEndObject(); });
                else Console.WriteLine($"0x{off:x4} = 0x{v:x8}");
                return ExitCode.Ok;
            }
            case "write" when p.Count == 3:
            {
                uint off = ArgumentReader.ParseUInt(p[1], "OFFSET");
                uint value = ArgumentReader.ParseUInt(p[2], "VALUE");
                using var dev = a.OpenDevice();
                dev.Write32(off, value);
                uint back = dev.Read32(off);
                if (a.Json) JsonOutput.Write(w => { w.WriteStartObject(); w.WriteString("offset", JsonOutput.HexValue(off)); w.WriteString("wrote", $"0x{value:x8}"); w.WriteString("read_back", $"0x{back:x8}"); w.WriteEndObject(); });
                else Console.WriteLine($"0x{off:x4} <- 0x{value:x8}, reads back 0x{back:x8}{(back == value ? "" : " (differs: read-only bits or a register with side effects)")}");
                return ExitCode.Ok;
            }
            case "dump" when p.Count <= 3:
            {
                uint start = p.Count > 1 ? ArgumentReader.ParseUInt(p[1], "START") : 0x1000;
                uint count = p.Count > 2 ? ArgumentReader.ParseUInt(p[2], "COUNT") : 64;
                if (count == 0 || count > 0x4000) throw RtException.InvalidArgument($"COUNT {count} must be 1..16384 words");
                if ((start & 3) != 0 || start + 4UL * count > 0x10000) throw RtException.InvalidArgument($"dump 0x{start:x}+{count} words leaves the aligned register space below 0x10000");
                using var dev = a.OpenDevice();
                var values = new uint[count];
                for (uint i = 0; i < count; i++) values[i] = dev.Read32(start + 4 * i);
                if (a.Json)
                {
                    JsonOutput.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("device", dev.Spec);
                        w.WriteString("start", JsonOutput.HexValue(start));
                        w.WriteStartArray("words");
                        foreach (var v in values) w.WriteStringValue($"0x{v:x8}");
                        w.WriteEndArray();
                        w.WriteEndObject();
                    });
                    return ExitCode.Ok;
                }
                for (uint i = 0; i < count; i += 4)
                {
                    var line = string.Join(" ", values.Skip((int)i).Take(4).Select(v => v.ToString("x8")));
                    Console.WriteLine($"{start + 4 * i:x4}: {line}");
                }
                return ExitCode.Ok;
            }
            default:
                throw RtException.InvalidArgument($"regs: '{string.Join(' ', p)}' is not read OFFSET, write OFFSET VALUE or dump [START [COUNT]]");
        }
    }
}
