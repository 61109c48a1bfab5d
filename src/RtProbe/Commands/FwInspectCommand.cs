using System.CommandLine;
using System.Text.Json;
using RtDriver.Device;
using FirmwareFamily = RtDriver.Hardware.Firmware.FirmwareFamily;
using FirmwareImage = RtDriver.Hardware.Firmware.FirmwareImage;

namespace RtProbe;

/// <summary>
/// `rtprobe fw inspect FILE [--disasm] [--json]`: what a firmware file is before anyone loads it —
/// size, which chip families it fits (the Linux size and per-chunk CRC rules), stored vs computed CRC
/// of every chunk, version bytes, SHA-256 and the known image it matches; with --disasm an 8051
/// listing (each 4 KiB half of a USB image separately: the chip runs one half from address 0).
/// Exit 0 when the image fits some family, 1 when it fits none.
/// </summary>
internal static class FwInspectCommand
{
    private const string Name = "fw inspect";

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the firmware image; '-' reads it from standard input" };
        var disasm = new Option<bool>("--disasm") { Description = "add an 8051 listing (each 4 KiB half of a USB image separately)" };
        var json = CommonOptions.Json();
        var command = new Command("inspect", "check a firmware file: size, chip fit, CRC per chunk, version, SHA-256 vs known images (exit 1 when it fits no chip)")
        {
            file, disasm, json,
        };
        command.SetAction(r => Run(r.GetValue(file)!, r.GetValue(disasm), r.GetValue(json)));
        return command;
    }

    private static int Run(string path, bool disasm, bool json)
    {
        byte[] data;
        try { data = CliValues.ReadFirmware(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return CliError.File(Name, path, e); }

        string source = path == "-" ? "stdin" : Path.GetFileName(path);
        var checks = FirmwareInspection.Inspect(data, source).ToList();
        var fits = checks.Where(c => c.IsValid).ToList();
        var first = checks[0];
        var programs = Programs(data, fits);

        if (json)
            JsonOutput.Write(w => WriteJson(w, path, data, first, checks, disasm ? programs : null));
        else
            WriteText(CliValues.Describe(path), data, first, checks, fits, disasm ? programs : null);
        return fits.Count > 0 ? ExitCode.Ok : ExitCode.Failure;
    }

    // The 8051 programs in the file: a USB image (and only a USB image) holds two 4 KiB programs.
    private static List<(int Offset, int Length, string Title)> Programs(byte[] data, List<FirmwareImage> fits)
    {
        bool usbOnly = fits.Count > 0 && fits.All(f => f.Family == FirmwareFamily.Usb);
        if (usbOnly && data.Length == 8192)
            return [(0, 4096, "bytes 0-4095 (RT2870/RT2872/RT3070)"), (4096, 4096, "bytes 4096-8191 (RT3071/RT3072/RT3572/RT5370 and later USB chips)")];
        return [(0, data.Length, $"bytes 0-{data.Length - 1}")];
    }

    private static string ChipsFor(FirmwareImage image) => image.Family switch
    {
        FirmwareFamily.Pci => "PCI/PCIe RT2860, RT2890, RT3090, RT3390, RT3592, RT5390 and the other rt2800pci chips except RT3290",
        FirmwareFamily.PciRt3290 => "PCIe RT3290",
        _ => image.Size >= 8192
            ? "USB: RT2870/RT2872/RT3070 run bytes 0-4095; RT3071/RT3072/RT3572/RT5370 and later run bytes 4096-8191"
            : "USB chips that run one 4 KiB half (rt3071.bin style)",
    };

    private static void WriteText(string path, byte[] data, FirmwareImage first, List<FirmwareImage> checks, List<FirmwareImage> fits, List<(int, int, string)>? programs)
    {
        Console.WriteLine($"firmware {path}");
        var facts = new OutputTable("FIELD", "VALUE");
        facts.Add("size", $"{data.Length} bytes");
        facts.Add("version", $"{first.Version} (bytes size-4, size-3, as Linux prints it)");
        facts.Add("sha256", first.Sha256);
        facts.Add("known image", first.Known is { } k ? $"{k.Name} from {k.Origin} ({k.Notes})" : first.IsOpenImage ? "the project's open 8051 image" : "no: not in the known-images manifest");
        facts.Add("fits", fits.Count == 0 ? "nothing: no family's size and CRC rules hold" : string.Join("; ", fits.Select(f => FirmwareInspection.Describe(f.Family))));
        foreach (var f in fits) facts.Add("chips", ChipsFor(f));
        facts.Print(indent: "  ");
        Console.WriteLine();
        var chunks = new OutputTable("FAMILY", "CHUNK>", "BYTES", "STORED", "COMPUTED", "CRC", "VERSION");
        foreach (var c in checks)
        {
            if (c.Chunks.Count == 0)
                chunks.Add(FirmwareInspection.Describe(c.Family), "-", "-", "-", "-", "n/a (size)", "-");
            foreach (var ch in c.Chunks)
                chunks.Add(FirmwareInspection.Describe(c.Family), ch.Offset / ch.Length, $"{ch.Offset}-{ch.Offset + ch.Length - 1}",
                    $"{ch.StoredCrc:x4}", $"{ch.ComputedCrc:x4}", ch.CrcOk ? "ok" : "MISMATCH", ch.Version);
        }
        chunks.Print(indent: "  ");
        if (fits.Count == 0)
        {
            Console.WriteLine();
            foreach (var c in checks)
                foreach (var p in c.Problems) Console.WriteLine($"  {FirmwareInspection.Describe(c.Family)}: {p}");
        }
        if (programs is null) return;
        foreach (var (offset, length, title) in programs)
        {
            Console.WriteLine();
            Console.WriteLine($"; 8051 disassembly of {title}, loaded at code address 0x0000");
            Console.Write(FirmwareInspection.Listing(data.AsSpan(offset, length)));
        }
    }

    private static void WriteJson(Utf8JsonWriter w, string path, byte[] data, FirmwareImage first, List<FirmwareImage> checks, List<(int Offset, int Length, string Title)>? programs)
    {
        w.WriteStartObject();
        w.WriteString("file", path == "-" ? null : path); // null: read from standard input
        w.WriteNumber("size", data.Length);
        w.WriteString("version", first.Version);
        w.WriteString("sha256", first.Sha256);
        if (first.Known is { } k)
        {
            w.WriteStartObject("known");
            w.WriteString("name", k.Name);
            w.WriteString("origin", k.Origin);
            w.WriteString("family", FirmwareInspection.FileName(k.Family));
            w.WriteString("notes", k.Notes);
            w.WriteEndObject();
        }
        else w.WriteNull("known");
        w.WriteBoolean("open_image", first.IsOpenImage);
        w.WriteStartArray("families");
        foreach (var c in checks)
        {
            w.WriteStartObject();
            w.WriteString("family", FirmwareInspection.FileName(c.Family));
            w.WriteString("description", FirmwareInspection.Describe(c.Family));
            w.WriteBoolean("fits", c.IsValid);
            if (c.IsValid) w.WriteString("chips", ChipsFor(c));
            w.WriteStartArray("problems");
            foreach (var p in c.Problems) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteStartArray("chunks");
            foreach (var ch in c.Chunks)
            {
                w.WriteStartObject();
                w.WriteNumber("offset", ch.Offset);
                w.WriteNumber("length", ch.Length);
                w.WriteString("stored_crc", JsonOutput.Hex(ch.StoredCrc, 4));
                w.WriteString("computed_crc", JsonOutput.Hex(ch.ComputedCrc, 4));
                w.WriteBoolean("crc_ok", ch.CrcOk);
                w.WriteString("version", ch.Version);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (programs is not null)
        {
            w.WriteStartArray("disassembly");
            foreach (var (offset, length, title) in programs)
            {
                w.WriteStartObject();
                w.WriteNumber("offset", offset);
                w.WriteNumber("length", length);
                w.WriteString("title", title);
                var code = data.AsSpan(offset, length);
                w.WriteStartArray("instructions");
                foreach (var ins in FirmwareInspection.Disassemble(code))
                {
                    w.WriteStartObject();
                    w.WriteNumber("address", ins.Address);
                    if (ins.Label is { } l) w.WriteString("label", l);
                    w.WriteString("bytes", JsonOutput.Hex(code.Slice(ins.Address, Math.Min(ins.Length, code.Length - ins.Address))));
                    w.WriteString("text", ins.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
