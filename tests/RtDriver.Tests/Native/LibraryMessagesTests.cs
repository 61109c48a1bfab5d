using System.Text.RegularExpressions;
using RtDriver.Device;
using Xunit;

namespace RtDriver.Tests.Native;

/// <summary>
/// Issue 11, item 7: the library's messages reach C callers (rt_last_error) and rtprobe users
/// alike, so they speak about the call, the argument or the spec — never about rtprobe or its
/// options (a C caller has no --device to pass). CLI advice belongs to the CLI.
/// </summary>
public class LibraryMessagesTests
{
    // rtprobe's options and its name. System tools' options (udevadm --reload-rules) are fine: both audiences can run them.
    private static readonly Regex CliAdvice = new(
        @"--(device|json|firmware|no-firmware|disasm|addr|group|key-id|hw|probe|cipher|key|role|psk|pmk|ssid|seq|tx|mfp|sysfs|verbose|pcapng|ethernet|force-hw|force-sw)\b|\brtprobe\b");

    // C functions: the core library (src/RtDriver) speaks to both audiences, so it names operations
    // (set_key, del_key, load_firmware); only the export layer (src/RtDriver.Native) names rt_* calls.
    private static readonly Regex CFunction = new(@"\brt_(device|key|frame|last_error)\w*");

    private static readonly Regex StringLiteral = new(@"\$?@?""(?:[^""\\]|\\.)*""");

    [Fact]
    public void NoLibraryStringLiteralGivesCliAdvice()
    {
        var offenders = new List<string>();
        int scanned = 0;
        foreach (string dir in new[] { "src/RtDriver", "src/RtDriver.Native" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, dir), "*.cs", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
                // Build output, and the capture code another change owns (its messages are checked there).
                if (rel.Contains("/obj/") || rel.Contains("/bin/") || rel.StartsWith("src/RtDriver/Capture/")) continue;
                scanned++;
                int n = 0;
                foreach (string line in File.ReadLines(file))
                {
                    n++;
                    string code = line.TrimStart();
                    if (code.StartsWith("//") || code.StartsWith("*") || code.StartsWith("/*") || code.StartsWith("[assembly")) continue;
                    foreach (Match m in StringLiteral.Matches(line))
                        if (CliAdvice.IsMatch(m.Value) || (dir == "src/RtDriver" && CFunction.IsMatch(m.Value)))
                            offenders.Add($"{rel}:{n}: {m.Value}");
                }
            }
        }
        Assert.True(scanned > 50, $"only {scanned} files scanned: the scan is broken");
        Assert.True(offenders.Count == 0, "library messages that give CLI advice or name C functions:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheNoDeviceHintNamesASpecNotAnOptionOrACall()
    {
        Assert.Contains("device spec emu:rt2860", DeviceFactory.EmulatorHint);
        Assert.DoesNotContain("--", DeviceFactory.EmulatorHint);
        Assert.DoesNotContain("rt_device_", DeviceFactory.EmulatorHint);
        var auto = Assert.Throws<RtException>(() => RtDevice.Open("auto"));
        if (auto.Status == RtStatus.NoDevice)
        {
            Assert.Contains("emu:rt2860", auto.Message);
            Assert.DoesNotContain("--device", auto.Message);
        }
    }

    [Fact]
    public void McuTimeoutWithoutFirmwareSaysLoadFirmwareNotACFunction()
    {
        using var dev = RtDevice.Open("emu:rt2860,fault=mcu-silent");
        var e = Assert.Throws<RtException>(() => dev.McuCommand(0x31, 0, 0));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.Contains("load firmware first", e.Message);
        Assert.DoesNotContain("rt_device_", e.Message);
    }
}
