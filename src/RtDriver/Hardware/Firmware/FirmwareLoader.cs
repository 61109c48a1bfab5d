using RtDriver.Hardware.Chip;
using RtDriver.Hardware.Mcu;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Firmware;

/// <summary>
/// The complete firmware load sequences of docs/hardware.md §5.3 (PCI/PCIe, Linux rt2800_load_firmware +
/// rt2800pci_write_firmware) and docs/hardware.md §5.4 (USB, rt2800usb_write_firmware), one small method per
/// step, every wait bounded and named. The image is validated for the chip's family before any
/// register is touched.
/// </summary>
public sealed class FirmwareLoader
{
    private readonly IRegisterBus _bus;
    private readonly ChipIdentity _chip;

    public FirmwareLoader(IRegisterBus bus, ChipIdentity chip)
    {
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
    }

    public FirmwareFamily Family => FirmwareFamilies.ForChip(_chip.ChipId, _chip.IsUsb);

    /// <summary>Validates <paramref name="data"/> for this chip and loads it.</summary>
    public FirmwareLoadResult Load(ReadOnlySpan<byte> data, string source)
    {
        var image = FirmwareImage.Inspect(data, Family, source);
        if (!image.IsValid)
            throw new RtException(RtStatus.BadFirmware,
                $"firmware {source} ({data.Length} bytes) rejected for {_chip.Name} ({Family.Describe()}): {string.Join("; ", image.Problems)}");
        return Load(image);
    }

    /// <summary>
    /// Loads the chip's image from the search path (<see cref="FirmwareSearchPath"/>); for an
    /// emulated device the project's open image is the last candidate.
    /// </summary>
    public FirmwareLoadResult LoadFromSearchPath(bool emulated, IReadOnlyList<string>? directories = null)
    {
        var file = FirmwareSearchPath.Find(Family, emulated, directories);
        return Load(file.Data, file.Origin);
    }

    public FirmwareLoadResult Load(FirmwareImage image)
    {
        if (image.Family != Family)
            throw new RtException(RtStatus.BadFirmware, $"firmware {image.Source} was checked as {image.Family.Describe()} but {_chip.Name} needs {Family.Describe()}");
        if (!image.IsValid)
            throw new RtException(RtStatus.BadFirmware, $"firmware {image.Source} rejected for {_chip.Name}: {string.Join("; ", image.Problems)}");
        var payload = image.PayloadFor(_chip.ChipId);
        int window = (int)(RtReg.FIRMWARE_WINDOW_END - (_chip.IsUsb ? RtReg.FIRMWARE_IMAGE_BASE_USB : RtReg.FIRMWARE_IMAGE_BASE));
        if (payload.Length > window)
            throw new RtException(RtStatus.BadFirmware, $"firmware {image.Source}: {payload.Length} bytes do not fit the {window}-byte firmware window of {_chip.Name}");
        int offset = image.Family == FirmwareFamily.Usb && !FirmwareFamilies.UsesLowerUsbHalf(_chip.ChipId) ? 4096 : 0;
        bool skipped = _chip.IsUsb ? LoadUsb(payload.Span) : LoadPci(payload.Span);
        return new FirmwareLoadResult(image, offset, payload.Length, FirmwareCrc.Stored(payload.Span), skipped);
    }

    // ------------------------------------------------------------ PCI / PCIe (docs/hardware.md §5.3)

    private bool LoadPci(ReadOnlySpan<byte> payload)
    {
        if (_chip.ChipId == 0x3290) EnableWlanFunction();
        WakeFirmware();
        ChipIdentification.WaitCsrReady(_bus, _chip.ChipId == 0x3290 ? ChipIdentification.Rt3290PciDeviceId : null);
        if (_chip.ChipId is 0x3290 or 0x3572 or 0x5390 or 0x5392) ForcePcieClock();
        _bus.Write32(RtReg.PWR_PIN_CFG, RtReg.PWR_PIN_CFG_IO_RA_PE);
        DisableWpdma();
        OpenFirmwareRam();
        WriteImage(RtReg.FIRMWARE_IMAGE_BASE, payload);
        StartMcuPci();
        ClearMailbox();
        WaitMcuReady();
        DisableWpdma();
        ClearMailbox();
        _bus.Delay(1000);
        return false;
    }

    /// <summary>RT3290 step 1: enable the WLAN function and wait for PLL lock and crystal ready.</summary>
    public void EnableWlanFunction()
    {
        _bus.SetBits(RtReg.WLAN_FUN_CTRL, RtReg.WLAN_FUN_CTRL_WLAN_EN);
        _bus.WaitForSet(RtReg.CMB_CTRL, RtReg.CMB_CTRL_PLL_LD | RtReg.CMB_CTRL_XTAL_RDY,
            PollLimits.REGISTER_BUSY_COUNT, PollLimits.REGISTER_BUSY_DELAY_US, "RT3290 WLAN function: PLL lock / crystal ready");
    }

    /// <summary>AUTOWAKEUP_CFG = 0: "wake the firmware, otherwise the next load hangs".</summary>
    public void WakeFirmware() => _bus.Write32(RtReg.AUTOWAKEUP_CFG, 0);

    /// <summary>AUX_CTRL: force the PCIe clock and enable PCIe wake (RT3290/RT3572/RT5390/RT5392).</summary>
    public void ForcePcieClock() => _bus.SetBits(RtReg.AUX_CTRL, RtReg.AUX_CTRL_FORCE_PCIE_CLK | RtReg.AUX_CTRL_WAKE_PCIE_EN);

    /// <summary>WPDMA off: clear TX/RX DMA enable and busy, set TX_WRITEBACK_DONE.</summary>
    public void DisableWpdma() => _bus.Modify(RtReg.WPDMA_GLO_CFG,
        RtReg.WPDMA_GLO_CFG_TX_DMA_EN | RtReg.WPDMA_GLO_CFG_TX_DMA_BUSY | RtReg.WPDMA_GLO_CFG_RX_DMA_EN | RtReg.WPDMA_GLO_CFG_RX_DMA_BUSY,
        RtReg.WPDMA_GLO_CFG_TX_WRITEBACK_DONE);

    /// <summary>PBF_SYS_CTRL = HOST_RAM_WRITE only: the host owns the program RAM.</summary>
    public void OpenFirmwareRam() => _bus.Write32(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE);

    public void WriteImage(uint baseOffset, ReadOnlySpan<byte> payload) => _bus.WriteRegion(baseOffset, payload);

    /// <summary>PBF_SYS_CTRL = 0 (RAM back to the MCU), then = 1 (release the 8051).</summary>
    public void StartMcuPci()
    {
        _bus.Write32(RtReg.PBF_SYS_CTRL, 0);
        _bus.Write32(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_MCU_RESET);
    }

    /// <summary>H2M_BBP_AGENT = 0, H2M_MAILBOX_CSR = 0.</summary>
    public void ClearMailbox()
    {
        _bus.Write32(RtReg.H2M_BBP_AGENT, 0);
        _bus.Write32(RtReg.H2M_MAILBOX_CSR, 0);
    }

    /// <summary>PBF_SYS_CTRL READY, 100 × 1 ms ("PBF system register not ready").</summary>
    public void WaitMcuReady() =>
        _bus.WaitForSet(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_READY, PollLimits.MCU_READY_COUNT, PollLimits.MCU_READY_DELAY_US,
            $"MCU ready after firmware load on {_chip.Name} (PBF system register not ready: the MCU did not report READY — image not running)");

    // ------------------------------------------------------------ USB (docs/hardware.md §5.4)

    private bool LoadUsb(ReadOnlySpan<byte> payload)
    {
        var usb = _bus as IUsbDeviceRequests ?? throw new RtException(RtStatus.Unsupported, $"{_chip.Name} is a USB chip but {_bus.Description} has no USB device requests");
        WakeFirmware();
        ChipIdentification.WaitCsrReady(_bus);
        DisableWpdma();
        bool autorun = FirmwareRunsFromRom(usb);
        if (!autorun)
        {
            WriteImage(RtReg.FIRMWARE_IMAGE_BASE_USB, payload);
            FreeMailboxSlots();
            usb.DeviceMode(UsbVendorRequest.USB_MODE_FIRMWARE);
            _bus.Delay(10_000);
            _bus.Write32(RtReg.H2M_MAILBOX_CSR, 0);
        }
        WaitMcuReady();
        DisableWpdma();
        ClearMailbox();
        _bus.Write32(RtReg.H2M_INT_SRC, 0);
        SendBootSignal();
        _bus.Delay(1000);
        return autorun;
    }

    /// <summary>Autorun query: (value &amp; 3) == 2 means the firmware already runs from ROM and must not be written.</summary>
    public static bool FirmwareRunsFromRom(IUsbDeviceRequests usb) =>
        (usb.QueryAutorun() & UsbVendorRequest.USB_AUTORUN_MASK) == UsbVendorRequest.USB_AUTORUN_FROM_ROM;

    /// <summary>H2M_MAILBOX_CID = H2M_MAILBOX_STATUS = 0xFFFFFFFF.</summary>
    public void FreeMailboxSlots()
    {
        _bus.Write32(RtReg.H2M_MAILBOX_CID, RtReg.H2M_MAILBOX_SLOTS_FREE);
        _bus.Write32(RtReg.H2M_MAILBOX_STATUS, RtReg.H2M_MAILBOX_SLOTS_FREE);
    }

    /// <summary>MCU_BOOT_SIGNAL, token 0, args 0/0, not awaited (USB).</summary>
    public void SendBootSignal() => new McuMailbox(_bus).Send(RtReg.MCU_BOOT_SIGNAL, 0, 0, 0, waitForCompletion: false);
}
