using RtDriver.Device;
using RtDriver.Emulation;
using Xunit;

namespace RtDriver.Tests.Device;

/// <summary>
/// The device spec grammar (issue 11, 3e; DeviceSpec's summary and rtdriver.h at rt_device_open):
/// every spec the repo documents parses; anything else is RT_ERR_INVALID_ARGUMENT with one sentence
/// that names the bad part.
/// </summary>
public class DeviceSpecTests
{
    [Theory]
    [InlineData("auto", DeviceSpecKind.Auto)]
    [InlineData("emu:rt2860", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt3090", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2870", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt3070", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2860,fault=mcu-silent", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt3090,fault=fw-never-ready", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2870,fault=keytable-stuck", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt3070,fault=gone-after=100000", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2860,fault=gone-after=0", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2860,fault=mcu-silent,fault=keytable-stuck", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2860,fault=mcu-silent,fault=keytable-stuck,fault=gone-after=42,mac=00:11:22:33:44:55", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt2860,mac=00:11:22:33:44:55", DeviceSpecKind.Emulator)]
    [InlineData("emu:rt3070,mac=02:11:22:33:44:55", DeviceSpecKind.Emulator)] // locally administered unicast is a station address
    [InlineData("emu:rt2860,mac=00:AA:bb:CC:dd:EE", DeviceSpecKind.Emulator)] // hex digits in either case
    [InlineData("emu:rt2860,mac=00:11:22:33:44:55,fault=mcu-silent", DeviceSpecKind.Emulator)] // options in any order
    [InlineData("pci:0000:03:00.0", DeviceSpecKind.Pci)]
    [InlineData("pci:0000:7f:1f.7", DeviceSpecKind.Pci)]
    [InlineData("pci:0010:AF:1F.7", DeviceSpecKind.Pci)]
    [InlineData("usb:148f:3070", DeviceSpecKind.Usb)]
    [InlineData("usb:148F:2870#2", DeviceSpecKind.Usb)]
    [InlineData("usb:148f:3070#255", DeviceSpecKind.Usb)]
    [InlineData("usb:1.4", DeviceSpecKind.Usb)]
    [InlineData("usb:001.004", DeviceSpecKind.Usb)] // lsusb's zero-padded spelling
    [InlineData("usb:255.127", DeviceSpecKind.Usb)]
    public void AcceptedSpecs(string spec, DeviceSpecKind kind)
    {
        var parsed = DeviceSpec.Parse(spec);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(spec, parsed.Text);
    }

    [Theory]
    // lexical: no whitespace or control characters anywhere, nothing trimmed
    [InlineData("emu: rt2860", "unexpected space at position 4")]
    [InlineData(" emu:rt2860", "unexpected space at position 0")]
    [InlineData("emu:rt2860 ", "unexpected space at position 10")]
    [InlineData("emu:rt2860\n", "unexpected newline at position 10")]
    [InlineData("emu:rt2860\r\n", "unexpected carriage return at position 10")]
    [InlineData("emu:rt2860,\tmac=00:11:22:33:44:55", "unexpected tab at position 11")]
    [InlineData("emu:rt2860\u0001", "control character U+0001 at position 10")]
    [InlineData("emu:rt2860\u00a0", "U+00A0 at position 10")]
    [InlineData("emu:rt2860,mac=00:11:22:33:44:5é", "non-ASCII character 'é'")]
    [InlineData("emu:rt2860\U0001F600", "non-ASCII character U+1F600 at position 10")]
    [InlineData("auto:", "auto takes no ':' part")]
    // case: keywords are lower case exactly
    [InlineData("EMU:rt2860", "scheme 'EMU' must be written in lower case")]
    [InlineData("Emu:rt2860", "scheme 'Emu' must be written in lower case")]
    [InlineData("emu:RT2860", "chip 'RT2860' must be written in lower case")]
    [InlineData("AUTO", "'AUTO' must be written in lower case")]
    [InlineData("PCI:0000:03:00.0", "scheme 'PCI' must be written in lower case")]
    [InlineData("USB:148f:3070", "scheme 'USB' must be written in lower case")]
    [InlineData("emu:rt2860,FAULT=mcu-silent", "option 'FAULT' must be written in lower case")]
    [InlineData("emu:rt2860,fault=MCU-SILENT", "fault 'MCU-SILENT' must be written in lower case")]
    // options: known names, each at most once, well-formed
    [InlineData("emu:rt2860,mac=00:11:22:33:44:55,mac=00:11:22:33:44:56", "option 'mac' given twice")]
    [InlineData("emu:rt2860,fault=mcu-silent,fault=mcu-silent", "fault 'mcu-silent' given twice")]
    [InlineData("emu:rt2860,fault=gone-after=5,fault=gone-after=6", "fault 'gone-after' given twice")]
    [InlineData("emu:rt2860,speed=fast", "unknown option 'speed'")]
    [InlineData("emu:rt2860,mcu-silent", "option 'mcu-silent' has no value")]
    [InlineData("emu:rt2860,", "nothing after the last ','")]
    [InlineData("emu:rt2860,,fault=mcu-silent", "empty option")]
    [InlineData("emu:rt2860,fault=melt", "unknown fault 'melt'")]
    [InlineData("emu:rt2860,fault=gone-after=-3", "got '-3'")]
    [InlineData("emu:rt2860,fault=gone-after=+3", "got '+3'")]
    [InlineData("emu:rt2860,fault=gone-after=", "got ''")]
    [InlineData("emu:rt2860,fault=gone-after=99999999999999999999", "got '99999999999999999999'")]
    [InlineData("emu:rt9999", "emulated chip 'rt9999' is not one of")]
    [InlineData("emu:", "emulated chip '' is not one of")]
    [InlineData("emu", "'emu' needs a ':'")]
    // mac: a usable station address
    [InlineData("emu:rt2860,mac=00:00:00:00:00:00", "mac=00:00:00:00:00:00 is the all-zero address")]
    [InlineData("emu:rt2860,mac=ff:ff:ff:ff:ff:ff", "mac=ff:ff:ff:ff:ff:ff is the broadcast address, not a station address")]
    [InlineData("emu:rt2860,mac=FF:FF:FF:FF:FF:FF", "mac=FF:FF:FF:FF:FF:FF is the broadcast address")]
    [InlineData("emu:rt2860,mac=01:00:5e:00:00:01", "mac=01:00:5e:00:00:01 is a group address (I/G bit")]
    [InlineData("emu:rt2860,mac=33:33:00:00:00:01", "mac=33:33:00:00:00:01 is a group address")]
    [InlineData("emu:rt2860,mac=00:11:22:33:44", "mac=00:11:22:33:44 is not a MAC address")]
    [InlineData("emu:rt2860,mac=00-11-22-33-44-55", "mac=00-11-22-33-44-55 is not a MAC address")]
    [InlineData("emu:rt2860,mac=zz:11:22:33:44:55", "mac=zz:11:22:33:44:55 is not a MAC address")]
    [InlineData("emu:rt2860,mac=0:11:22:33:44:55", "mac=0:11:22:33:44:55 is not a MAC address")]
    // pci and usb
    [InlineData("pci:nonsense", "'nonsense' is not a PCI address")]
    [InlineData("pci:03:00.0", "'03:00.0' is not a PCI address")]
    [InlineData("pci:0000:03:00.8", "function 8 at most 7")]
    [InlineData("pci:0000:03:20.0", "device 20 must be at most 1f")]
    [InlineData("pci:", "no PCI address after 'pci:'")]
    [InlineData("usb:xyz", "'xyz' is neither VVVV:PPPP nor BUS.ADDR")]
    [InlineData("usb:148g:3070", "'148g:3070' is not a vendor:product pair")]
    [InlineData("usb:148f:30700", "'148f:30700' is not a vendor:product pair")]
    [InlineData("usb:148f:3070#x", "'#x' is not a device index")]
    [InlineData("usb:148f:3070#256", "'#256' is not a device index")]
    [InlineData("usb:1.0", "address 0 1..255")]
    [InlineData("usb:1.2.3", "'1.2.3' is neither")]
    [InlineData("usb:", "nothing after 'usb:'")]
    // everything else
    [InlineData("bogus:1", "unknown scheme 'bogus'")]
    [InlineData("rt2860", "unknown scheme 'rt2860'")]
    public void RefusedSpecsNameTheBadPart(string spec, string named)
    {
        var e = Assert.Throws<RtException>(() => DeviceSpec.Parse(spec));
        Assert.Equal(RtStatus.InvalidArgument, e.Status);
        Assert.Contains(named, e.Message);
        Assert.StartsWith("device spec \"", e.Message);
        Assert.DoesNotContain('\n', e.Message); // one line: control characters are escaped in the quoted spec
        // RtDevice.Open goes through the same grammar: nothing is opened.
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => RtDevice.Open(spec)).Status);
    }

    [Fact]
    public void NullEmptyAndOverlongSpecs()
    {
        Assert.Contains("NULL", Assert.Throws<RtException>(() => DeviceSpec.Parse(null)).Message);
        Assert.Contains("empty", Assert.Throws<RtException>(() => DeviceSpec.Parse("")).Message);
        var e = Assert.Throws<RtException>(() => DeviceSpec.Parse("emu:rt2860," + string.Join(",", Enumerable.Repeat("fault=mcu-silent", 40))));
        Assert.Contains($"a device spec is at most {DeviceSpec.MaxLength}", e.Message);
    }

    [Fact]
    public void QuotedSpecEscapesControlCharacters()
    {
        var e = Assert.Throws<RtException>(() => DeviceSpec.Parse("emu:rt2860\n"));
        Assert.Equal("device spec \"emu:rt2860\\n\": unexpected newline at position 10 (a device spec has no whitespace or control characters)", e.Message);
    }

    [Fact]
    public void EveryEmulatorSpecRoundTripsThroughToSpec()
    {
        foreach (var chip in Enum.GetValues<EmulatedChip>())
        {
            var o = new EmulatorOptions(chip, EmulatorFaults.McuSilent | EmulatorFaults.GoneAfter, 7, [0x02, 0, 0, 0, 0, 1]);
            Assert.Equal(DeviceSpecKind.Emulator, DeviceSpec.Parse(o.ToSpec()).Kind);
            Assert.Equal(o.ToSpec(), EmulatorOptions.Parse(o.ToSpec()).ToSpec());
        }
    }

    /// <summary>Every literal emu:/pci:/usb: spec in the repo's docs, README, header and examples parses (or is shown as a bad example).</summary>
    [Fact]
    public void SpecsInTheDocsParse()
    {
        string[] files = ["README.md", "docs/emulator.md", "docs/real-nics.md", "docs/architecture.md", "native/include/rtdriver.h", "native/examples/supplicant_example.c"];
        var rx = new System.Text.RegularExpressions.Regex(@"(?<![\w-])(?<!device spec "")(?:emu|pci|usb):[A-Za-z0-9:.#,=_-]+"); // quoted refusals are examples of bad specs
        int seen = 0;
        foreach (string f in files)
        {
            string path = Path.Combine(TestPaths.RepoRoot, f);
            if (!File.Exists(path)) continue;
            foreach (System.Text.RegularExpressions.Match m in rx.Matches(File.ReadAllText(path)))
            {
                string spec = m.Value.TrimEnd('.', ',', ':');
                // placeholders of the grammar itself (pci:DDDD:BB:DD.F, usb:VVVV:PPPP, emu:CHIP) are not specs
                if (spec.Contains("DDDD") || spec.Contains("VVVV") || spec.Contains("BUS") || spec.Contains("CHIP") || spec.EndsWith('=')) continue;
                if (spec is "emu" or "pci" or "usb" || spec.Length <= 4) continue;
                seen++;
                var ex = Record.Exception(() => DeviceSpec.Parse(spec));
                Assert.True(ex is null, $"{f}: '{spec}' does not parse: {ex?.Message}");
            }
        }
        Assert.True(seen >= 5, $"only {seen} specs found in the docs: the scan is broken");
    }
}
