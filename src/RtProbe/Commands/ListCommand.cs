using System.CommandLine;
using System.Text;
using System.Text.Json;
using RtDriver.Device;
using BusKind = RtDriver.Transport.BusKind;

namespace RtProbe;

/// <summary>
/// `rtprobe list`: the RT2860-class NICs on this machine and, for each, what it needs before
/// rtdriver can open it (the exact rebind commands, the udev rule). Finding nothing is a normal
/// answer (exit 0), said plainly.
/// </summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var sysfs = new Option<string>("--sysfs")
        {
            Description = "read devices from this sysfs root instead of /sys (for tests and chroots)",
            HelpName = "DIR",
            DefaultValueFactory = _ => "/sys",
        };
        var command = new Command("list", "list supported PCI/USB NICs and what each needs to be usable") { json, sysfs };
        command.SetAction(r =>
        {
            var result = NicDiscovery.Scan(r.GetValue(sysfs)!);
            Console.Out.Write(r.GetValue(json) ? RenderJson(result) : RenderText(result));
            return ExitCode.Ok;
        });
        return command;
    }

    internal static string RenderText(NicScan result)
    {
        var sb = new StringBuilder();
        string scanned = $"scanned {result.PciFunctionsScanned} PCI function(s) and {result.UsbDevicesScanned} USB device(s)";
        if (result.Devices.Count == 0)
        {
            sb.AppendLine($"No supported RT2860-class device found ({scanned}).");
            foreach (var note in result.Notes) sb.AppendLine($"note: {note}");
            sb.AppendLine("To try the driver without hardware use the emulator: rtprobe demo (device spec emu:rt2860).");
            return sb.ToString();
        }

        string[] header = ["SPEC", "ID", "PART", "DRIVER", "IOMMU", "USABLE", "STATUS"];
        var rows = result.Devices.Select(d => new[]
        {
            d.Spec,
            $"{d.Vendor:x4}:{d.Device:x4}",
            d.Name,
            d.Driver ?? "-",
            d.IommuGroup?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            d.Usable ? $"yes ({TransportName(d.Transport)})" : "no",
            d.Status,
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        AppendRow(sb, header, widths);
        foreach (var (device, row) in result.Devices.Zip(rows))
        {
            AppendRow(sb, row, widths);
            if (device.Setup.Count > 0)
            {
                sb.AppendLine("    to make it usable:");
                foreach (var line in device.Setup) sb.AppendLine($"      {line}");
            }
        }
        sb.AppendLine($"{result.Devices.Count} supported device(s), {result.Devices.Count(d => d.Usable)} usable now ({scanned}).");
        foreach (var note in result.Notes) sb.AppendLine($"note: {note}");
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths)
    {
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0) sb.Append("  ");
            sb.Append(c == cells.Length - 1 ? cells[c] : cells[c].PadRight(widths[c]));
        }
        sb.AppendLine();
    }

    private static string TransportName(BusKind? kind) => kind switch
    {
        BusKind.PciVfio => "vfio",
        BusKind.PciUio => "uio",
        BusKind.Usb => "usb",
        _ => "-",
    };

    internal static string RenderJson(NicScan result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("devices");
            foreach (var d in result.Devices)
            {
                w.WriteStartObject();
                w.WriteString("bus", d.Bus);
                w.WriteString("spec", d.Spec);
                w.WriteString("vendor", JsonOutput.Hex(d.Vendor, 4));
                w.WriteString("device", JsonOutput.Hex(d.Device, 4));
                w.WriteString("name", d.Name);
                if (d.Driver is null) w.WriteNull("driver"); else w.WriteString("driver", d.Driver);
                if (d.IommuGroup is int g) w.WriteNumber("iommu_group", g); else w.WriteNull("iommu_group");
                if (d.Transport is null) w.WriteNull("transport"); else w.WriteString("transport", TransportName(d.Transport));
                w.WriteBoolean("usable", d.Usable);
                w.WriteString("status", d.Status);
                w.WriteStartArray("setup");
                foreach (var line in d.Setup) w.WriteStringValue(line);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("pci_functions_scanned", result.PciFunctionsScanned);
            w.WriteNumber("usb_devices_scanned", result.UsbDevicesScanned);
            w.WriteStartArray("notes");
            foreach (var n in result.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }
}
