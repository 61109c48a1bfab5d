using System.CommandLine;
using System.Text.Json;
using RtDriver.Device;

namespace RtProbe;

/// <summary>
/// `rtprobe regs read REG`, `regs write REG VALUE`, `regs dump [START [COUNT]]`: 32-bit register
/// access (offsets 4-byte aligned, below 0x10000). REG is a datasheet name (MAC_CSR0, any case)
/// or an offset. `dump` alone decodes every named register field by field, as `ethtool -d` does;
/// with START (and COUNT, default 64 words) it prints that range raw, four words a line.
/// </summary>
internal static class RegsCommand
{
    public static Command Create()
    {
        var regs = new Command("regs", "read, write or dump registers by name (MAC_CSR0) or offset (0x1000)");

        var readReg = new Argument<string>("REG") { Description = "register name (MAC_CSR0, any case) or offset (0x1000)" };
        var read = new Command("read", "read one register and decode its fields") { readReg };
        AddDeviceAndJson(read, out var readDevice, out var readJson);
        read.SetAction(r => Read(r.GetValue(readDevice)!, r.GetValue(readReg)!, r.GetValue(readJson)));

        var writeReg = new Argument<string>("REG") { Description = "register name or offset" };
        var writeValue = new Argument<string>("VALUE") { Description = "32-bit value (decimal, or hex with 0x)" };
        var write = new Command("write", "write one register and read it back") { writeReg, writeValue };
        AddDeviceAndJson(write, out var writeDevice, out var writeJson);
        write.SetAction(r => Write(r.GetValue(writeDevice)!, r.GetValue(writeReg)!, r.GetValue(writeValue)!, r.GetValue(writeJson)));

        var start = new Argument<string?>("START") { Description = "first register of a raw range (name or offset); without it every named register is decoded", Arity = ArgumentArity.ZeroOrOne };
        var count = new Argument<string?>("COUNT") { Description = "words in the raw range (default 64)", Arity = ArgumentArity.ZeroOrOne };
        var dump = new Command("dump", "decode every named register by field, or print a raw range START [COUNT]") { start, count };
        AddDeviceAndJson(dump, out var dumpDevice, out var dumpJson);
        dump.SetAction(r => r.GetValue(start) is { } s
            ? DumpRange(r.GetValue(dumpDevice)!, s, r.GetValue(count), r.GetValue(dumpJson))
            : DumpNamed(r.GetValue(dumpDevice)!, r.GetValue(dumpJson)));

        regs.Add(read);
        regs.Add(write);
        regs.Add(dump);
        return regs;
    }

    private static void AddDeviceAndJson(Command command, out Option<string> device, out Option<bool> json)
    {
        device = CommonOptions.Device();
        json = CommonOptions.Json();
        command.Add(device);
        command.Add(json);
    }

    private static int Read(string spec, string reg, bool json)
    {
        uint off = RegisterMap.Resolve(reg, "REG");
        var info = RegisterMap.ByOffset(off);
        using var dev = RtDevice.Open(spec);
        uint v = dev.Read32(off);
        if (json)
            JsonOutput.Write(w => WriteRegister(w, off, info, v));
        else
        {
            Console.WriteLine($"0x{off:x4} = 0x{v:x8}{(info is null ? "" : "  " + info.Name)}");
            if (info is not null) PrintFields(info, v);
        }
        return ExitCode.Ok;
    }

    private static int Write(string spec, string reg, string valueText, bool json)
    {
        uint off = RegisterMap.Resolve(reg, "REG");
        uint value = CliValues.ParseUInt(valueText, "VALUE");
        var info = RegisterMap.ByOffset(off);
        using var dev = RtDevice.Open(spec);
        dev.Write32(off, value);
        uint back = dev.Read32(off);
        if (json)
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("name", info?.Name);
                w.WriteString("offset", JsonOutput.Offset(off));
                w.WriteString("wrote", JsonOutput.Register(value));
                w.WriteString("read_back", JsonOutput.Register(back));
                w.WriteEndObject();
            });
        else
            Console.WriteLine($"0x{off:x4}{(info is null ? "" : $" {info.Name}")} <- 0x{value:x8}, reads back 0x{back:x8}{(back == value ? "" : " (differs: read-only bits or a register with side effects)")}");
        return ExitCode.Ok;
    }

    private static int DumpNamed(string spec, bool json)
    {
        using var dev = RtDevice.Open(spec);
        // A register whose read has side effects (popping the TX status FIFO) is named but not read.
        var values = RegisterMap.All.Select(r => (Info: r, Value: r.ReadHasSideEffects ? (uint?)null : dev.Read32(r.Offset))).ToList();
        if (json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteStartArray("registers");
                foreach (var (info, value) in values)
                {
                    if (value is { } v) WriteRegister(w, info.Offset, info, v);
                    else
                    {
                        w.WriteStartObject();
                        w.WriteString("name", info.Name);
                        w.WriteString("offset", JsonOutput.Offset(info.Offset));
                        w.WriteNull("value");
                        w.WriteString("note", "not read: reading it has side effects");
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCode.Ok;
        }
        Console.WriteLine($"{dev.Identity.Name} ({dev.Spec}): {values.Count} named registers");
        int width = RegisterMap.All.Max(r => r.Name.Length);
        foreach (var (info, value) in values)
        {
            Console.WriteLine($"0x{info.Offset:x4}  {info.Name.PadRight(width)}  {(value is { } v ? $"0x{v:x8}" : "(not read: reading it has side effects)")}  {info.Summary}");
            if (value is { } val) PrintFields(info, val);
        }
        return ExitCode.Ok;
    }

    private static int DumpRange(string spec, string startText, string? countText, bool json)
    {
        uint start = RegisterMap.Resolve(startText, "START");
        uint count = countText is null ? 64 : CliValues.ParseUInt(countText, "COUNT");
        if (count == 0 || count > 0x4000) throw new UsageException($"COUNT {count} must be 1..16384 words");
        if ((start & 3) != 0 || start + 4UL * count > 0x10000)
            throw new UsageException($"0x{start:x}+{count} words leaves the aligned register space below 0x10000");
        using var dev = RtDevice.Open(spec);
        var values = new uint[count];
        for (uint i = 0; i < count; i++) values[i] = dev.Read32(start + 4 * i);
        if (json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteString("start", JsonOutput.Offset(start));
                w.WriteStartArray("words");
                foreach (var v in values) w.WriteStringValue(JsonOutput.Register(v));
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

    private static void PrintFields(RegisterInfo info, uint value)
    {
        int width = info.Fields.Count == 0 ? 0 : info.Fields.Max(f => f.Name.Length);
        foreach (var f in info.Fields)
        {
            uint v = f.Get(value);
            string shown = f.Width == 1 ? v.ToString() : $"0x{v.ToString("x" + (f.Width + 3) / 4)} ({v})";
            Console.WriteLine($"        {("[" + f.Range + "]").PadRight(8)} {f.Name.PadRight(width)}  {shown}");
        }
    }

    private static void WriteRegister(Utf8JsonWriter w, uint offset, RegisterInfo? info, uint value)
    {
        w.WriteStartObject();
        w.WriteString("name", info?.Name);
        w.WriteString("offset", JsonOutput.Offset(offset));
        w.WriteString("value", JsonOutput.Register(value));
        w.WriteStartArray("fields");
        foreach (var f in info?.Fields ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("bits", f.Range);
            w.WriteString("value", JsonOutput.Hex(f.Get(value), (f.Width + 3) / 4));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
