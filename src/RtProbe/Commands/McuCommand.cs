using System.CommandLine;
using RtDriver;
using RtDriver.Device;
using RtDriver.Offload;

namespace RtProbe;

/// <summary>
/// `rtprobe mcu CMD [ARG0 ARG1]`: one MCU mailbox command with its status and round trip.
/// `rtprobe mcu --probe`: the whole health check behind "MCU request failed, no response from
/// hardware" — load firmware timing the MCU-ready wait, time each mailbox round trip of a set of
/// harmless commands, and check the key tables by installing a test key, reading the tables back
/// and clearing it. Each step reports separately; a silent MCU fails its steps with a bounded
/// RT_ERR_TIMEOUT while the key-table step still passes (key memory needs no MCU).
/// </summary>
internal static class McuCommand
{
    private sealed record Settings(string Spec, bool Json, bool NoFirmware, string? Firmware);

    private static readonly (byte Cmd, byte A0, byte A1, string What)[] ProbeCommands =
    [
        (McuCommands.Wakeup, 0, 0, "MCU_WAKEUP"),
        (McuCommands.BootSignal, 0, 0, "MCU_BOOT_SIGNAL"),
        (McuCommands.Led, 0, 0x20, "MCU_LED radio on"),
        (McuCommands.Wakeup, 0, 0, "MCU_WAKEUP again"),
    ];

    private sealed record Step(string Name, bool Ok, long Micros, string Detail);

    public static Command Create()
    {
        var words = new Argument<string[]>("CMD")
        {
            Description = "CMD [ARG0 ARG1]: the mailbox command byte and its two argument bytes (decimal or 0x hex; ARG0 ARG1 default 0)",
            Arity = new ArgumentArity(0, 3),
        };
        var probe = new Option<bool>("--probe") { Description = "health check: firmware-ready wait, mailbox round trips of harmless commands, key-table read-back" };
        var firmware = new Option<string?>("--firmware") { Description = "load this image first instead of the search path's ('-': standard input)", HelpName = "FILE" };
        var noFirmware = new Option<bool>("--no-firmware") { Description = "do not load firmware first (the MCU then usually does not answer)" };
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var command = new Command("mcu", "send an MCU mailbox command and time its round trip, or --probe the MCU and key tables")
        {
            words, probe, firmware, noFirmware, device, json,
        };
        command.SetAction(r =>
        {
            var settings = new Settings(r.GetValue(device)!, r.GetValue(json), r.GetValue(noFirmware), r.GetValue(firmware));
            if (settings.NoFirmware && settings.Firmware is not null) throw new UsageException("--firmware and --no-firmware exclude each other");
            string[] w = r.GetValue(words) ?? [];
            if (r.GetValue(probe))
            {
                if (w.Length > 0) throw new UsageException($"--probe runs its own commands; drop '{w[0]}'");
                return Probe(settings);
            }
            if (w.Length is not (1 or 3))
                throw new UsageException("mcu needs CMD [ARG0 ARG1] (e.g. mcu 0x31 0 0), or --probe");
            return Send(settings, Byte(w[0], "CMD"), w.Length == 3 ? Byte(w[1], "ARG0") : (byte)0, w.Length == 3 ? Byte(w[2], "ARG1") : (byte)0);
        });
        return command;
    }

    private static int Send(Settings a, byte cmd, byte a0, byte a1)
    {
        using var dev = RtDevice.Open(a.Spec);
        // Each rtprobe run opens the device afresh: the MCU needs its firmware first.
        if (!a.NoFirmware) FwLoadCommand.Load(dev, a.Firmware);
        var r = dev.McuCommand(cmd, a0, a1);
        if (a.Json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteString("command", JsonOutput.Hex(cmd, 2));
                w.WriteNumber("status", r.StatusByte);
                w.WriteNumber("round_trip_us", r.RoundTripMicroseconds);
                w.WriteBoolean("emulated_time", dev.IsEmulated);
                w.WriteEndObject();
            });
        }
        else
        {
            Console.WriteLine($"MCU command 0x{cmd:x2} ({a0}, {a1}): status {(r.StatusByte == 0xFF ? "none (USB: taken by the MCU)" : r.StatusByte.ToString())}, round trip {r.RoundTripMicroseconds} µs{(dev.IsEmulated ? " (emulated time)" : "")}");
        }
        return r.StatusByte is 1 or 0xFF ? ExitCode.Ok : ExitCode.Failure;
    }

    private static int Probe(Settings a)
    {
        using var dev = RtDevice.Open(a.Spec);
        var steps = new List<Step>();
        if (!a.NoFirmware)
            steps.Add(Time(dev, "firmware load + MCU-ready wait", () =>
            {
                var r = FwLoadCommand.Load(dev, a.Firmware);
                return $"{r.Image.Source} version {r.Version}, CRC 0x{r.PayloadCrc:x4}";
            }));
        foreach (var (cmd, a0, a1, what) in ProbeCommands)
            steps.Add(Time(dev, $"mailbox 0x{cmd:x2} {what}", () =>
            {
                var r = dev.McuCommand(cmd, a0, a1);
                return r.StatusByte == 0xFF ? "taken by the MCU (no status on USB)" : $"status {r.StatusByte}";
            }));
        steps.Add(Time(dev, "key tables: install, read back, clear", () => KeyTableCheck(dev)));
        IReadOnlyList<RtDriver.Hardware.Keys.HwKeySlot> active = []; // RtDevice.ReadHardwareKeyTables' entries
        steps.Add(Time(dev, "key tables: active entries", () =>
        {
            active = dev.ReadHardwareKeyTables();
            return $"{active.Count} active entries";
        }));

        bool allOk = steps.All(s => s.Ok);
        if (a.Json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteString("name", dev.Identity.Name);
                w.WriteBoolean("emulated_time", dev.IsEmulated);
                w.WriteBoolean("ok", allOk);
                w.WriteStartArray("steps");
                foreach (var s in steps)
                {
                    w.WriteStartObject();
                    w.WriteString("step", s.Name);
                    w.WriteBoolean("ok", s.Ok);
                    w.WriteNumber("us", s.Micros);
                    w.WriteString("detail", s.Detail);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            Console.WriteLine($"{dev.Identity.Name} ({dev.Spec}) — times in µs{(dev.IsEmulated ? ", emulated time" : "")}");
            var t = new OutputTable("step", "result", "µs", "detail");
            foreach (var s in steps) t.Add(s.Name, s.Ok ? "ok" : "FAILED", s.Micros, s.Detail);
            t.Print();
            foreach (var s in active)
                Console.WriteLine($"  {s.Table} {s.Index}: {s.Cipher} key id {s.KeyId} bss {s.Bss} {MacAddress.Format(s.Address)}");
        }
        return allOk ? ExitCode.Ok : ExitCode.Failure;
    }

    /// <summary>Installs a throw-away CCMP key (forced to hardware), checks the chip holds it, deletes it and checks it is gone.</summary>
    private static string KeyTableCheck(RtDevice dev)
    {
        byte[] probePeer = [0x02, 0x72, 0x74, 0x70, 0x72, 0x62]; // locally administered, "rtprb"
        var key = dev.SetKey(KeyRequest.Create((int)RtCipher.Ccmp, probePeer, true, 0, false, [], Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), KeyFlags.Pairwise | KeyFlags.ForceHardware));
        int wcid = key.Wcid;
        bool present = dev.ReadHardwareKeyTables().Any(s => s.Table == "wcid" && s.Index == wcid && s.Address.AsSpan().SequenceEqual(probePeer));
        dev.DelKey(probePeer, true, 0, KeyFlags.Pairwise, out _);
        bool gone = !dev.ReadHardwareKeyTables().Any(s => s.Table == "wcid" && s.Index == wcid);
        if (!present || !gone) throw new RtException(RtStatus.Io, $"the test key at WCID {wcid} was {(present ? "not cleared" : "not found")} when reading key memory back");
        return $"test key at WCID {wcid} verified and cleared";
    }

    private static Step Time(RtDevice dev, string name, Func<string> body)
    {
        long start = dev.NowMicroseconds();
        try
        {
            string detail = body();
            return new Step(name, true, dev.NowMicroseconds() - start, detail);
        }
        catch (RtException e)
        {
            return new Step(name, false, dev.NowMicroseconds() - start, $"{e.Status.Name()}: {e.Message}");
        }
    }

    private static byte Byte(string text, string what)
    {
        uint v = CliValues.ParseUInt(text, what);
        if (v > 0xFF) throw new UsageException($"{what} {text} does not fit a byte (0..255)");
        return (byte)v;
    }
}
