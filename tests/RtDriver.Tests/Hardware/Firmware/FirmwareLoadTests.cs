using System.Diagnostics;
using RtDriver.Emulation;
using RtDriver.Hardware.Chip;
using RtDriver.Hardware.Firmware;
using RtDriver.Hardware.Registers;
using RtDriver.Tests.Emulation;
using RtDriver.Transport;
using RtDriver.Transport.Usb;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware;

/// <summary>The load sequences of docs/hardware.md §5.3/§5.4 against the emulator, one suite over the PCI and USB flavours.</summary>
public class FirmwareLoadTests
{
    private static readonly string[] NoDirs = [Path.Combine(Path.GetTempPath(), "rtdriver-no-firmware-here")];

    internal static (IRegisterBus bus, EmulatedNic nic, ChipIdentity chip, FirmwareLoadResult result) LoadOpen(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var chip = ChipIdentification.Identify(bus);
        var result = new FirmwareLoader(bus, chip).LoadFromSearchPath(emulated: true, NoDirs);
        return (bus, nic, chip, result);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void OpenImageLoadsAndRunsOnThe8051(string spec)
    {
        var (bus, nic, chip, r) = LoadOpen(spec);
        Assert.True(r.Image.IsOpenImage);
        Assert.Equal("1.0", r.Version);
        Assert.False(r.SkippedAutorun);
        Assert.Equal(nic.Info.IsUsb ? 4096 : 8192, r.PayloadLength);
        Assert.Equal(McuProgramKind.Executed8051, nic.McuProgram);
        Assert.True(nic.McuReady);
        Assert.Equal(r.PayloadCrc, nic.RunningFirmwareCrc);
        Assert.True(nic.McuCore!.Instructions > 0);
        Assert.False(nic.McuCore.Halted, nic.McuCore.HaltReason);
        Assert.NotEqual(0u, bus.Read32(RtReg.PBF_SYS_CTRL) & RtReg.PBF_SYS_CTRL_READY);
        if (nic.Info.IsUsb)
            Assert.Contains(nic.McuCommands, c => c.Command == RtReg.MCU_BOOT_SIGNAL && c.Token == 0); // docs/hardware.md §5.4 step 7
    }

    [Theory]
    [InlineData("emu:rt2860", "linux-firmware-2019/rt2860.bin", "0.40")]
    [InlineData("emu:rt3090", "linux-firmware-2011/rt2860.bin", "0.34")]
    [InlineData("emu:rt2870", "linux-firmware-2019/rt2870.bin", "0.36")]
    [InlineData("emu:rt3070", "linux-firmware-2011/rt3070.bin", "0.29")]
    public void RealImagesLoadWithTheBehaviouralMcu(string spec, string file, string version)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var chip = ChipIdentification.Identify(bus);
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RequireShared("testdata", "firmware"), file));
        var r = new FirmwareLoader(bus, chip).Load(bytes, file);
        Assert.Equal(version, r.Version);
        Assert.NotNull(r.Image.Known);
        Assert.Equal(McuProgramKind.Behavioural, nic.McuProgram);
        Assert.True(nic.McuReady);
        if (nic.Info.IsUsb) Assert.Equal(0, r.PayloadOffset); // RT2872/RT3070 run the lower half
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void ReloadingReplacesTheRunningImage(string spec)
    {
        var (bus, nic, chip, first) = LoadOpen(spec);
        var loader = new FirmwareLoader(bus, chip);
        var file = nic.Info.IsUsb ? "linux-firmware-2019/rt2870.bin" : "linux-firmware-2019/rt2860.bin";
        var real = loader.Load(File.ReadAllBytes(Path.Combine(TestPaths.RequireShared("testdata", "firmware"), file)), file);
        Assert.Equal(McuProgramKind.Behavioural, nic.McuProgram);
        Assert.Equal(real.PayloadCrc, nic.RunningFirmwareCrc);
        Assert.True(nic.McuReady);
        var again = loader.LoadFromSearchPath(true, NoDirs);
        Assert.Equal(McuProgramKind.Executed8051, nic.McuProgram);
        Assert.Equal(first.PayloadCrc, again.PayloadCrc);
        Assert.Equal(RtReg.MCU_STATUS_SUCCESS, new RtDriver.Hardware.Mcu.McuMailbox(bus).Send(RtReg.MCU_WAKEUP, 3, 0, 0, waitForCompletion: true).Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void WrongFamilyImageIsRejectedBeforeAnyRegisterIsTouched(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var chip = ChipIdentification.Identify(bus);
        var other = OpenFirmware.Get(nic.Info.IsUsb ? FirmwareFamily.Pci : FirmwareFamily.Usb);
        nic.Trace.Enabled = true;
        var e = Assert.Throws<RtException>(() => new FirmwareLoader(bus, chip).Load(other, "other-family.bin"));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains("CRC mismatch", e.Message);
        Assert.Contains(chip.Name, e.Message);
        Assert.Contains("(8192 bytes)", e.Message);
        Assert.Empty(nic.Trace.Entries);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void FwNeverReadyIsABoundedNamedTimeout(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec + ",fault=fw-never-ready");
        var chip = ChipIdentification.Identify(bus);
        long t0 = nic.NowMicroseconds;
        var e = Assert.Throws<RtException>(() => new FirmwareLoader(bus, chip).LoadFromSearchPath(true, NoDirs));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.Contains("MCU ready", e.Message);
        Assert.Contains("100 x 1 ms", e.Message);
        Assert.Contains(chip.Name, e.Message);
        Assert.InRange(nic.NowMicroseconds - t0, 100_000, 200_000); // the 100 x 1 ms budget in device time
        Assert.True(nic.McuRunning);
        Assert.False(nic.McuReady);
        Assert.Equal(nic.Info.MacCsr0, bus.Read32(RtReg.MAC_CSR0)); // device still usable
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void CorruptedImageInTheWindowKeepsTheMcuInReset(string spec)
    {
        // Bypass the host-side check: write a bad image by hand and start the MCU as the loader would.
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var image = OpenFirmware.Get(nic.Info.IsUsb ? FirmwareFamily.Usb : FirmwareFamily.Pci);
        image[100] ^= 0x10;
        if (nic.Info.IsUsb)
        {
            bus.WriteRegion(RtReg.FIRMWARE_IMAGE_BASE_USB, image.AsSpan(0, 4096));
            ((RtDriver.Transport.Usb.IUsbDeviceRequests)bus).DeviceMode(UsbVendorRequest.USB_MODE_FIRMWARE);
        }
        else
        {
            bus.Write32(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE);
            bus.WriteRegion(RtReg.FIRMWARE_IMAGE_BASE, image);
            bus.Write32(RtReg.PBF_SYS_CTRL, 0);
            bus.Write32(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_MCU_RESET);
        }
        Assert.False(nic.McuRunning);
        Assert.Contains("CRC", nic.LastFirmwareStart);
        Assert.Throws<RtException>(() => bus.WaitForSet(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_READY, 100, 1000, "ready"));
    }

    [Fact]
    public void PciFirmwareRamIgnoresWritesWithoutHostRamWrite()
    {
        var (bus, nic) = EmulatorFlavours.Open("emu:rt2860");
        bus.Write32(RtReg.FIRMWARE_IMAGE_BASE, 0x12345678);
        Assert.Equal(0u, bus.Read32(RtReg.FIRMWARE_IMAGE_BASE));
        bus.Write32(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE);
        bus.Write32(RtReg.FIRMWARE_IMAGE_BASE, 0x12345678);
        Assert.Equal(0x12345678u, bus.Read32(RtReg.FIRMWARE_IMAGE_BASE));
        bus.Write32(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_READY); // READY is not the host's to set
        Assert.Equal(0u, bus.Read32(RtReg.PBF_SYS_CTRL) & RtReg.PBF_SYS_CTRL_READY);
    }

    /// <summary>The longest load in device time: the 100 x 1 ms ready wait plus the image transfer
    /// (the emulated loads here take at most 112.5 ms).</summary>
    private const long LONGEST_LOAD_US = 250_000;

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void GoneAtAnyPointOfTheLoadIsDeviceGoneNeverAHang(string spec)
    {
        // Never a hang: each load, whenever the device goes, ends within the load's own budgets in
        // device time (the emulator's clock, the same on every machine, however slow or loaded).
        long longest = 0;
        int gone = 0, ok = 0;
        for (int n = 0; n < 2600; n += 53)
        {
            var (bus, nic) = EmulatorFlavours.Open($"{spec},fault=gone-after={n}");
            long t0 = nic.NowMicroseconds;
            try
            {
                var chip = ChipIdentification.Identify(bus);
                new FirmwareLoader(bus, chip).LoadFromSearchPath(true, NoDirs);
                ok++;
            }
            catch (RtException e)
            {
                Assert.True(e.Status == RtStatus.DeviceGone, $"gone-after={n}: {e.Status.Name()}: {e.Message}");
                gone++;
            }
            longest = Math.Max(longest, nic.NowMicroseconds - t0);
        }
        Assert.True(gone > 10);
        Assert.True(longest <= LONGEST_LOAD_US, $"a load took {longest} µs of device time");
    }

    // ---- register-trace: the exact order of the load writes (docs/hardware.md §5.3 / §5.4) ----

    private static List<string> Compress(IEnumerable<TraceEntry> entries, uint windowBase)
    {
        var list = new List<string>();
        int imageWords = 0;
        foreach (var e in entries)
        {
            bool image = e.Kind == TraceKind.Write && e.Offset >= windowBase && e.Offset < RtReg.FIRMWARE_WINDOW_END;
            if (image) { imageWords++; continue; }
            if (e.Kind == TraceKind.UsbRequest && e.Request != UsbVendorRequest.USB_DEVICE_MODE) continue; // the transfers carrying the writes
            if (imageWords > 0) { list.Add($"image 0x{windowBase:X4} x{imageWords}"); imageWords = 0; }
            if (e.Kind == TraceKind.Write) list.Add($"0x{e.Offset:X4}=0x{e.Value:X8}");
            else if (e.Kind == TraceKind.UsbRequest && e.Request == UsbVendorRequest.USB_DEVICE_MODE) list.Add($"mode 0x{e.Value:X2}");
        }
        if (imageWords > 0) list.Add($"image 0x{windowBase:X4} x{imageWords}");
        return list;
    }

    /// <summary>A fresh emulator of <paramref name="spec"/>, its register trace on from the load's first access, after a load from the search path.</summary>
    private static EmulatedNic TracedLoad(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var chip = ChipIdentification.Identify(bus);
        nic.Trace.Enabled = true;
        new FirmwareLoader(bus, chip).LoadFromSearchPath(true, NoDirs);
        return nic;
    }

    /// <summary>The trace line of "disable WPDMA, keep TX_WRITEBACK_DONE" (both loaders write it twice).</summary>
    private static readonly string WpdmaDisabled = $"0x{RtReg.WPDMA_GLO_CFG:X4}=0x{RtReg.WPDMA_GLO_CFG_TX_WRITEBACK_DONE:X8}";

    [Theory]
    [MemberData(nameof(EmulatorFlavours.Pci), MemberType = typeof(EmulatorFlavours))]
    public void PciLoadWritesFollowSection33(string spec)
    {
        var nic = TracedLoad(spec);
        string wpdma = WpdmaDisabled;
        string[] expected =
        [
            "0x1208=0x00000000",              // 2. AUTOWAKEUP_CFG = 0
            "0x1204=0x00000002",              // 4. PWR_PIN_CFG = 0x2
            wpdma,                            // 5. disable WPDMA, TX_WRITEBACK_DONE
            "0x0400=0x00010000",              // 6. PBF_SYS_CTRL = HOST_RAM_WRITE
            "image 0x2000 x2048",             // 7. 8 KiB at FIRMWARE_IMAGE_BASE
            "0x0400=0x00000000",              // 8. PBF_SYS_CTRL = 0
            "0x0400=0x00000001",              //    PBF_SYS_CTRL = 1
            "0x7028=0x00000000",              // 9. H2M_BBP_AGENT = 0
            "0x7010=0x00000000",              //    H2M_MAILBOX_CSR = 0
            wpdma,                            // 11. disable WPDMA again
            "0x7028=0x00000000",
            "0x7010=0x00000000",
        ];
        Assert.Equal(expected, Compress(nic.Trace.Entries, RtReg.FIRMWARE_IMAGE_BASE));
        // 10. READY was polled between step 9 and 11.
        var e = nic.Trace.Entries.ToList();
        int lastMailboxClear = e.FindIndex(x => x.Kind == TraceKind.Write && x.Offset == RtReg.H2M_MAILBOX_CSR);
        Assert.Contains(e.Skip(lastMailboxClear), x => x.Kind == TraceKind.Read && x.Offset == RtReg.PBF_SYS_CTRL && (x.Value & RtReg.PBF_SYS_CTRL_READY) != 0);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.Usb), MemberType = typeof(EmulatorFlavours))]
    public void UsbLoadWritesFollowSection34(string spec)
    {
        var nic = TracedLoad(spec);
        string wpdma = WpdmaDisabled;
        string[] expected =
        [
            "0x1208=0x00000000",              // AUTOWAKEUP_CFG = 0
            wpdma,                            // disable WPDMA
            "mode 0x11",                      // 2. autorun query (IN)
            "image 0x3000 x1024",             // 3. the selected 4 KiB half at 0x3000
            "0x7014=0xFFFFFFFF",              // 4. H2M_MAILBOX_CID
            "0x701C=0xFFFFFFFF",              //    H2M_MAILBOX_STATUS
            "mode 0x08",                      // 5. DEVICE_MODE FIRMWARE
            "0x7010=0x00000000",              // 6. H2M_MAILBOX_CSR = 0
            wpdma,                            // 7. disable WPDMA
            "0x7028=0x00000000",              //    H2M_BBP_AGENT = 0
            "0x7010=0x00000000",              //    H2M_MAILBOX_CSR = 0
            "0x7024=0x00000000",              //    H2M_INT_SRC = 0
            "0x7010=0x01000000",              //    MCU_BOOT_SIGNAL: owner 1, token 0, args 0/0
            "0x0404=0x00000072",              //    HOST_CMD_CSR = 0x72
        ];
        Assert.Equal(expected, Compress(nic.Trace.Entries, RtReg.FIRMWARE_IMAGE_BASE_USB));
        // The autorun query precedes the image; the image went as 64-byte multi-writes at offset + n·64.
        var usb = nic.Trace.Entries.Where(x => x.Kind == TraceKind.UsbRequest).ToList();
        int autorun = usb.FindIndex(x => x.Request == UsbVendorRequest.USB_DEVICE_MODE && x.Value == UsbVendorRequest.USB_MODE_AUTORUN);
        var chunks = usb.Where(x => x.Request == UsbVendorRequest.USB_MULTI_WRITE && x.Offset >= RtReg.FIRMWARE_IMAGE_BASE_USB && x.Offset < RtReg.FIRMWARE_WINDOW_END).ToList();
        Assert.True(autorun >= 0 && autorun < usb.IndexOf(chunks[0]));
        Assert.Equal(64, chunks.Count);
        Assert.All(chunks.Select((c, i) => (c, i)), t => { Assert.Equal(64, t.c.Length); Assert.Equal(RtReg.FIRMWARE_IMAGE_BASE_USB + 64u * (uint)t.i, t.c.Offset); });
    }
}
