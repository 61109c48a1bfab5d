using System.CommandLine;
using RtDriver;
using RtDriver.Device;

namespace RtProbe;

/// <summary>`rtprobe info`: who the NIC is — chip id/revision, RF, MAC, bus, firmware, key slots.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var command = new Command("info", "identify a NIC: chip id/revision, RF, MAC, bus, firmware state, hardware key slots") { device, json };
        command.SetAction(r => Run(r.GetValue(device)!, r.GetValue(json)));
        return command;
    }

    private static int Run(string spec, bool json)
    {
        using var dev = RtDevice.Open(spec);
        var i = dev.GetInfo();
        if (json)
        {
            JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("device", dev.Spec);
                w.WriteString("name", i.Name);
                w.WriteString("chip_id", JsonOutput.Hex(i.ChipId, 4));
                w.WriteString("chip_rev", JsonOutput.Hex(i.ChipRev, 4));
                w.WriteString("rf_id", JsonOutput.Hex(i.RfId, 4));
                w.WriteString("mac", MacAddress.Format(i.Mac));
                w.WriteString("bus", JsonOutput.Snake(i.Bus.ToString()));
                w.WriteNumber("bus_code", (int)i.Bus);
                w.WriteBoolean("firmware_loaded", i.FirmwareLoaded);
                // null, not 0x0000, while no firmware is loaded: there is no CRC to report.
                w.WriteString("firmware_crc", i.FirmwareLoaded ? JsonOutput.Hex(i.FirmwareCrc, 4) : null);
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
            .Add("mac", MacAddress.Format(i.Mac))
            .Add("bus", $"{(int)i.Bus} ({i.Bus})")
            .Add("firmware", i.FirmwareLoaded ? $"loaded, CRC 0x{i.FirmwareCrc:x4}" : "not loaded (rtprobe fw load)")
            .Add("key slots", $"{i.HwKeySlotsUsed} of {i.HwKeySlots} pairwise (WCID 33..221) + 32 shared")
            .Add("identity", dev.Identity.Summary)
            .Print();
        return ExitCode.Ok;
    }
}
