using RtDriver;

namespace RtProbe;

/// <summary>
/// `rtprobe fw load [FILE]`: loads firmware into a device — FILE, or the chip's image from the
/// search path ($RTDRIVER_FIRMWARE_DIR, /lib/firmware/updates, /lib/firmware; the project's open
/// image last for an emulated device) — and reports version, CRC and how long the load and the
/// MCU-ready wait took. (`fw inspect` belongs to the firmware inspector.)
/// </summary>
internal sealed class FwLoadCommand : ICommand
{
    public string Name => "fw load";
    public string Summary => "load firmware into a device (default: the chip's image from the search path), timing the MCU-ready wait";
    public string Usage => "fw load [FILE] [--device SPEC] [--json]";

    public int Run(string[] args)
    {
        var a = ArgumentReader.ForDevice(args, [], []);
        if (a.Positionals.Count > 1) throw RtException.InvalidArgument("fw load takes at most one FILE");
        string? path = a.Positionals.Count == 1 ? a.Positionals[0] : null;
        using var dev = a.OpenDevice();
        long start = dev.NowMicroseconds();
        var r = dev.LoadFirmware(path);
        long us = dev.NowMicroseconds() - start;
        if (a.Json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteString("source", r.Image.Source);
                w.WriteString("version", r.Version);
                w.WriteNumber("size", r.Image.Size);
                w.WriteNumber("payload_offset", r.PayloadOffset);
                w.WriteNumber("payload_length", r.PayloadLength);
                w.WriteString("crc", $"0x{r.PayloadCrc:x4}");
                w.WriteString("sha256", r.Image.Sha256);
                w.WriteBoolean("skipped_autorun", r.SkippedAutorun);
                w.WriteNumber("load_us", us);
                w.WriteBoolean("emulated_time", dev.IsEmulated);
                w.WriteEndObject();
            });
            return ExitCode.Ok;
        }
        Console.WriteLine($"{dev.Identity.Name}: loaded {r.Image.Source}");
        new OutputTable("field", "value")
            .Add("version", r.Version)
            .Add("image", $"{r.Image.Size} bytes, payload {r.PayloadLength} bytes at offset {r.PayloadOffset}")
            .Add("crc", $"0x{r.PayloadCrc:x4}")
            .Add("sha256", r.Image.Sha256)
            .Add("known as", r.Image.Known is { } k ? $"{k.Name} {k.Version} ({k.Origin})" : (r.Image.IsOpenImage ? "rtdriver's open image" : "unknown image"))
            .Add("autorun", r.SkippedAutorun ? "firmware already runs from ROM: not written" : "written")
            .Add("took", $"{us} µs{(dev.IsEmulated ? " (emulated time)" : "")} incl. the MCU-ready wait")
            .Print();
        return ExitCode.Ok;
    }
}
