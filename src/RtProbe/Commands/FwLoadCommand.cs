using System.CommandLine;
using RtDriver;
using RtDriver.Device;
using FirmwareLoadResult = RtDriver.Hardware.Firmware.FirmwareLoadResult;

namespace RtProbe;

/// <summary>
/// `rtprobe fw load [FILE]`: loads firmware into a device — FILE, or the chip's image from the
/// search path ($RTDRIVER_FIRMWARE_DIR, /lib/firmware/updates, /lib/firmware; the project's open
/// image last for an emulated device) — and reports version, CRC and how long the load and the
/// MCU-ready wait took. (`fw inspect` belongs to the firmware inspector.)
/// </summary>
internal static class FwLoadCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "the image to load; '-' reads it from standard input; default: the chip's image from the search path",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var command = new Command("load", "load firmware into a device (default: the chip's image from the search path), timing the MCU-ready wait")
        {
            file, device, json,
        };
        command.SetAction(r => Run(r.GetValue(device)!, r.GetValue(file), r.GetValue(json)));
        return command;
    }

    /// <summary>
    /// Loads FILE ('-': standard input) or, for null, the search path. Checked here rather than left
    /// to the library so the message speaks of rtprobe's arguments, not of the C API's NULL.
    /// </summary>
    internal static FirmwareLoadResult Load(RtDevice dev, string? path)
    {
        if (path == "-") return dev.LoadFirmware(CliValues.ReadFirmware("-"));
        if (path is not null && !File.Exists(path) && !Directory.Exists(path))
            throw new UsageException($"'{path}' does not exist");
        if (path is not null && Directory.Exists(path))
            throw new UsageException($"'{path}' is a directory, not a firmware image (give the image file, or no FILE to use the search path)");
        return dev.LoadFirmware(path);
    }

    private static int Run(string spec, string? path, bool jsonOutput)
    {
        using var dev = RtDevice.Open(spec);
        long start = dev.NowMicroseconds();
        var r = Load(dev, path);
        long us = dev.NowMicroseconds() - start;
        if (jsonOutput)
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
                w.WriteString("crc", JsonOutput.Hex(r.PayloadCrc, 4));
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
