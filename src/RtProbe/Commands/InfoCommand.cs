using RtDriver.Offload;

namespace RtProbe;

/// <summary>`rtprobe info`: who the NIC is — chip id/revision, RF, MAC, bus, firmware, key slots.</summary>
internal sealed class InfoCommand : ICommand
{
    public string Name => "info";
    public string Summary => "identify a NIC: chip id/revision, RF, MAC, bus, firmware state, hardware key slots";
    public string Usage => "info [--device SPEC] [--json]   (SPEC: auto (default), emu:rt2860, pci:DDDD:BB:DD.F, usb:VVVV:PPPP)";

    public int Run(string[] args)
    {
        var a = ArgumentReader.ForDevice(args, [], []);
        if (a.Positionals.Count != 0) throw RtDriver.RtException.InvalidArgument($"info takes no arguments, got '{a.Positionals[0]}'");
        using var dev = a.OpenDevice();
        var i = dev.GetInfo();
        if (a.Json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteString("name", i.Name);
                w.WriteString("chip_id", JsonOutput.HexValue(i.ChipId));
                w.WriteString("chip_rev", JsonOutput.HexValue(i.ChipRev));
                w.WriteString("rf_id", JsonOutput.HexValue(i.RfId));
                w.WriteString("mac", Mac.Format(i.Mac));
                w.WriteNumber("bus", (int)i.Bus);
                w.WriteString("bus_name", i.Bus.ToString());
                w.WriteBoolean("firmware_loaded", i.FirmwareLoaded);
                w.WriteString("firmware_crc", JsonOutput.HexValue(i.FirmwareCrc));
                w.WriteNumber("hw_key_slots", i.HwKeySlots);
                w.WriteNumber("hw_key_slots_used", i.HwKeySlotsUsed);
                w.WriteString("summary", dev.Identity.Summary);
                w.WriteEndObject();
            });
            return ExitCode.Ok;
        }
        new OutputTable("field", "value")
            .Add("device", dev.Spec)
            .Add("name", i.Name)
            .Add("chip", $"0x{i.ChipId:x4} rev 0x{i.ChipRev:x4}{(dev.Identity.Chip.RevisionName is { } rn ? $" ({rn})" : "")}")
            .Add("rf", $"0x{i.RfId:x4}")
            .Add("mac", Mac.Format(i.Mac))
            .Add("bus", $"{(int)i.Bus} ({i.Bus})")
            .Add("firmware", i.FirmwareLoaded ? $"loaded, CRC 0x{i.FirmwareCrc:x4}" : "not loaded (rtprobe fw load)")
            .Add("key slots", $"{i.HwKeySlotsUsed} of {i.HwKeySlots} pairwise (WCID 33..221) + 32 shared")
            .Add("identity", dev.Identity.Summary)
            .Print();
        return ExitCode.Ok;
    }
}
