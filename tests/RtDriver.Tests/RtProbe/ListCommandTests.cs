using System.Diagnostics;
using System.Text.Json;
using Xunit;
using RtDriver.Device;
using RtDriver.Transport.Discovery;
using RtDriver.Transport.Usb;
using RtProbe;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.ProbeCli;

public class ListCommandTests
{
    [Fact]
    public void TableIsAlignedAndCarriesTheSetupCommands()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "rt2800pci", iommuGroup: 7);
        fs.AddPci("0000:04:00.0", 0x1814, 0x3090, driver: "vfio-pci", iommuGroup: 12);
        fs.AddDevFile("vfio/12");
        var usb = new List<UsbDeviceInfo> { new(1, 4, 0x148f, 0x3070, 0x0101, false, null, "LIBUSB_ERROR_ACCESS") };
        var result = DeviceDiscovery.ScanWithNotes(fs.Host(), _ => usb);
        var lines = ListCommand.RenderText(NicDiscovery.From(result)).Split('\n');

        Assert.StartsWith("SPEC              ID         PART         DRIVER     IOMMU  USABLE      STATUS", lines[0]);
        int statusColumn = lines[0].IndexOf("STATUS", StringComparison.Ordinal);
        var rows = lines.Where(l => l.StartsWith("pci:") || l.StartsWith("usb:")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(' ', r[statusColumn - 1]));
        Assert.Contains(rows, r => r.StartsWith("pci:0000:04:00.0  1814:3090  RT3090 PCIe  vfio-pci   12     yes (vfio)  ready (VFIO, IOMMU group 12)"));
        Assert.Contains("      echo 0000:03:00.0 | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver/unbind", lines);
        Assert.Contains("      echo vfio-pci | sudo tee /sys/bus/pci/devices/0000:03:00.0/driver_override", lines);
        Assert.Contains(lines, l => l.StartsWith("      SUBSYSTEM==\"usb\", ATTR{idVendor}==\"148f\", ATTR{idProduct}==\"3070\""));
        Assert.Contains("3 supported device(s), 1 usable now (scanned 2 PCI function(s) and 1 USB device(s)).", lines);
    }

    [Fact]
    public void JsonHasOneObjectPerDevice()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:03:00.0", 0x1814, 0x0681, driver: "rt2800pci", iommuGroup: 7);
        var json = ListCommand.RenderJson(NicDiscovery.From(DeviceDiscovery.ScanWithNotes(fs.Host(), _ => [])));
        using var doc = JsonDocument.Parse(json);
        var d = Assert.Single(doc.RootElement.GetProperty("devices").EnumerateArray());
        Assert.Equal("pci:0000:03:00.0", d.GetProperty("spec").GetString());
        Assert.Equal("0x0681", d.GetProperty("device").GetString()); // ids are "0x" + 4 hex digits, as every --json writes them
        Assert.Equal("rt2800pci", d.GetProperty("driver").GetString());
        Assert.Equal(7, d.GetProperty("iommu_group").GetInt32());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("transport").ValueKind);
        Assert.False(d.GetProperty("usable").GetBoolean());
        Assert.Equal(4, d.GetProperty("setup").GetArrayLength());
        Assert.Equal(1, doc.RootElement.GetProperty("pci_functions_scanned").GetInt32());
    }

    [Fact]
    public void NothingFoundIsSaidPlainly()
    {
        using var fs = new FakeSysfs();
        fs.AddPci("0000:00:03.0", 0x1af4, 0x1041, driver: "virtio-pci");
        var text = ListCommand.RenderText(NicDiscovery.From(DeviceDiscovery.ScanWithNotes(fs.Host(), _ => [])));
        Assert.StartsWith("No supported RT2860-class device found (scanned 1 PCI function(s) and 0 USB device(s)).", text);
        Assert.Contains("emu:rt2860", text);
    }

    /// <summary>The real command on this machine's real sysfs: exit 0, and it lists what discovery
    /// finds here (CI: virtio only, no USB bus, so it says plainly that nothing was found).</summary>
    [Fact]
    public void RtprobeListOnThisMachine()
    {
        var here = DeviceDiscovery.Scan();
        var (code, stdout, stderr) = RunRtprobe("list");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        if (here.Count == 0) Assert.StartsWith("No supported RT2860-class device found (scanned ", stdout);
        else Assert.All(here, d => Assert.Contains(d.Spec, stdout));
        var (jcode, json, _) = RunRtprobe("list", "--json");
        Assert.Equal(0, jcode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(here.Count, doc.RootElement.GetProperty("devices").GetArrayLength());
        var (bad, _, err) = RunRtprobe("list", "--bogus");
        Assert.Equal(2, bad);
        Assert.Contains("--bogus", err);
    }

    private static (int Code, string Stdout, string Stderr) RunRtprobe(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "rtprobe.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "rtprobe list did not finish within 60 s");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
