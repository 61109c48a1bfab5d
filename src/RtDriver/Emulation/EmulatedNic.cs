using System.Buffers.Binary;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;

namespace RtDriver.Emulation;

/// <summary>
/// A register-level model of the RT2860/RT3090 (PCI) and RT2870/RT3070 (USB) MAC as the public
/// drivers use it (docs/hardware.md). One instance is one chip. The host side
/// (<see cref="HostRead32"/>, <see cref="HostWrite32"/>) is what a transport sees; the MCU side
/// (<see cref="McuRead8"/>, <see cref="McuWrite8"/>) is what the on-chip 8051 sees. The model is
/// unforgiving where the chip is: read-only registers ignore writes, a mailbox command written
/// while the owner byte is set is lost, the PCI firmware RAM only takes writes while
/// PBF_SYS_CTRL.HOST_RAM_WRITE is set, busy bits stay set for a poll before they clear.
///
/// Time is virtual: every host word access advances it by <see cref="MicrosecondsPerAccess"/>
/// (the USB flavour adds <see cref="EmulatedUsbControl.MicrosecondsPerTransfer"/> per control
/// transfer) and <see cref="Delay"/> advances it without sleeping; the MCU runs
/// <see cref="McuInstructionsPerMicrosecond"/> instructions per microsecond that passes, so the
/// host really has to poll while the firmware gets to its answer. Single-threaded by design (one device, one thread,
/// as the C ABI requires of an rt_device).
/// </summary>
public sealed partial class EmulatedNic
{
    public const int RegisterSpaceBytes = 0x10000;
    public const int MicrosecondsPerAccess = 1;
    /// <summary>MCU speed in instructions per virtual microsecond (an 8051 at ~30 MHz / 12 clocks ≈ 2.5 MIPS).</summary>
    public const int McuInstructionsPerMicrosecond = 2;
    /// <summary>How many reads a busy/kick bit stays set after the host starts an operation.</summary>
    public const int BusyReads = 1;

    private readonly uint[] _regs = new uint[RegisterSpaceBytes / 4];

    public EmulatorOptions Options { get; }
    public EmulatedChipInfo Info { get; }
    public RegisterTrace Trace { get; } = new();

    /// <summary>Host register accesses so far (32-bit words; a region counts one per word touched).</summary>
    public long AccessCount { get; private set; }

    public long NowMicroseconds { get; private set; }

    /// <summary>True once fault=gone-after=N has triggered: reads return all-ones, writes vanish.</summary>
    public bool IsGone => Options.Has(EmulatorFaults.GoneAfter) && AccessCount > Options.GoneAfter;

    public EmulatedNic(EmulatorOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Info = EmulatedChipInfo.For(options.Chip);
        _eeprom = BuildEepromImage(Info, options.Mac);
        ResetRegisters();
    }

    public EmulatedNic(string spec) : this(EmulatorOptions.Parse(spec)) { }

    public string Description => $"emulated {Info.Name} ({(Info.IsUsb ? "USB" : "PCI")})";

    private void ResetRegisters()
    {
        // The key memory "keeps garbage values after boot" (Linux): start with a pattern so a driver
        // that forgets to clear it is caught by the tests.
        for (uint a = RtReg.MAC_WCID_BASE; a < RtReg.MAC_WCID_BASE + RtReg.MAC_WCID_COUNT * RtReg.MAC_WCID_ENTRY_SIZE; a += 4) Raw(a) = 0xA5A5A5A5;
        for (uint a = RtReg.PAIRWISE_KEY_TABLE_BASE; a < RtReg.H2M_MAILBOX_CSR; a += 4) Raw(a) = 0xA5A5A5A5;
        Raw(RtReg.H2M_MAILBOX_CID) = RtReg.H2M_MAILBOX_SLOTS_FREE;
        Raw(RtReg.H2M_MAILBOX_STATUS) = RtReg.H2M_MAILBOX_SLOTS_FREE;
        Raw(RtReg.PBF_SYS_CTRL) = RtReg.PBF_SYS_CTRL_CLOCKS_ONLY;
        Raw(RtReg.EFUSE_CTRL) = Info.UsesEfuse ? RtReg.EFUSE_CTRL_PRESENT : 0;
        InitBbp();
    }

    private ref uint Raw(uint offset) => ref _regs[(offset & (RegisterSpaceBytes - 1)) >> 2];

    /// <summary>Direct look at the register file (no side effects, not counted, not traced) — for tests.</summary>
    public uint Peek(uint offset) => Raw(offset);

    /// <summary>Direct store into the register file (no side effects) — for tests that stage chip state.</summary>
    public void Poke(uint offset, uint value) => Raw(offset) = value;

    // ------------------------------------------------------------------ time

    /// <summary>Lets virtual time pass (the host's delay); the MCU runs meanwhile.</summary>
    public void Delay(int microseconds)
    {
        if (microseconds <= 0) return;
        NowMicroseconds += microseconds;
        RunMcu((long)microseconds * McuInstructionsPerMicrosecond);
    }

    private void Tick()
    {
        NowMicroseconds += MicrosecondsPerAccess;
        RunMcu(MicrosecondsPerAccess * McuInstructionsPerMicrosecond);
    }

    // ------------------------------------------------------------------ host side

    private bool CountAccess()
    {
        AccessCount++;
        return IsGone;
    }

    public uint HostRead32(uint offset)
    {
        CheckOffset(offset);
        if (CountAccess())
        {
            Trace.Add(new TraceEntry(TraceKind.Read, offset, 0xFFFFFFFF, "gone"));
            return 0xFFFFFFFF;
        }
        Tick();
        uint v = ReadRegister(offset);
        Trace.Add(new TraceEntry(TraceKind.Read, offset, v));
        return v;
    }

    public void HostWrite32(uint offset, uint value)
    {
        CheckOffset(offset);
        if (CountAccess())
        {
            Trace.Add(new TraceEntry(TraceKind.Ignored, offset, value, "gone"));
            return;
        }
        Tick();
        string? dropped = WriteRegister(offset, value);
        Trace.Add(new TraceEntry(dropped is null ? TraceKind.Write : TraceKind.Ignored, offset, value, dropped));
    }

    /// <summary>Byte-stream write (key tables, firmware): decomposed into 32-bit little-endian stores.</summary>
    public void HostWriteRegion(uint offset, ReadOnlySpan<byte> data)
    {
        CheckRange(offset, data.Length);
        int i = 0;
        while (i < data.Length)
        {
            var (word, first, n) = RegisterLanes.At(offset + (uint)i, data.Length - i);
            HostWrite32(word, RegisterLanes.Insert(Raw(word), first, data.Slice(i, n)));
            i += n;
        }
    }

    public void HostReadRegion(uint offset, Span<byte> data)
    {
        CheckRange(offset, data.Length);
        int i = 0;
        while (i < data.Length)
        {
            var (word, first, n) = RegisterLanes.At(offset + (uint)i, data.Length - i);
            RegisterLanes.Extract(HostRead32(word), first, data.Slice(i, n));
            i += n;
        }
    }

    private static void CheckOffset(uint offset)
    {
        if ((offset & 3) != 0 || offset >= RegisterSpaceBytes)
            throw RtException.InvalidArgument($"register offset 0x{offset:X} is not a 4-byte aligned offset below 0x{RegisterSpaceBytes:X}");
    }

    private static void CheckRange(uint offset, int length)
    {
        if (length < 0 || offset + (ulong)length > RegisterSpaceBytes)
            throw RtException.InvalidArgument($"register range 0x{offset:X}+{length} leaves the 64 KiB register space");
    }

    private uint ReadRegister(uint offset)
    {
        switch (offset)
        {
            case RtReg.MAC_CSR0: return Info.MacCsr0;
            case RtReg.E2PROM_CSR: return EepromCsrRead();
            case RtReg.EFUSE_CTRL: return EfuseCtrlRead();
            case RtReg.BBP_CSR_CFG: return BusyRead(ref _bbpBusyReads, RtReg.BBP_CSR_CFG, RtReg.BBP_CSR_CFG_BUSY);
            case RtReg.RF_CSR_CFG: return BusyRead(ref _rfBusyReads, RtReg.RF_CSR_CFG, RtReg.RF_CSR_CFG_BUSY);
            case RtReg.RF_CSR_CFG0: return BusyRead(ref _rf0BusyReads, RtReg.RF_CSR_CFG0, RtReg.RF_CSR_CFG0_BUSY);
            case RtReg.PBF_SYS_CTRL: return (Raw(offset) & ~RtReg.PBF_SYS_CTRL_READY) | (_mcuReady ? RtReg.PBF_SYS_CTRL_READY : 0);
            case RtReg.MAC_STATUS_CFG: return 0; // TX/RX idle
            case RtReg.WPDMA_GLO_CFG: return Raw(offset) & ~(RtReg.WPDMA_GLO_CFG_TX_DMA_BUSY | RtReg.WPDMA_GLO_CFG_RX_DMA_BUSY);
            default: return Raw(offset);
        }
    }

    private uint BusyRead(ref int busyReads, uint offset, uint busyBit)
    {
        if (busyReads > 0)
        {
            busyReads--;
            return Raw(offset) | busyBit;
        }
        return Raw(offset) & ~busyBit;
    }

    /// <summary>Applies a host write; returns why it was dropped, or null if it took effect.</summary>
    private string? WriteRegister(uint offset, uint value)
    {
        switch (offset)
        {
            case RtReg.MAC_CSR0:
            case RtReg.MAC_STATUS_CFG:
            case RtReg.EFUSE_DATA0:
            case RtReg.EFUSE_DATA1:
            case RtReg.EFUSE_DATA2:
            case RtReg.EFUSE_DATA3:
            case RtReg.TX_STA_FIFO:
                return "read-only register";
            case RtReg.E2PROM_CSR:
                EepromCsrWrite(value);
                return null;
            case RtReg.EFUSE_CTRL:
                EfuseCtrlWrite(value);
                return null;
            case RtReg.BBP_CSR_CFG:
                BbpCsrWrite(value);
                return null;
            case RtReg.RF_CSR_CFG:
                RfCsrWrite(value);
                return null;
            case RtReg.RF_CSR_CFG0:
                RfCsr0Write(value);
                return null;
            case RtReg.PBF_SYS_CTRL:
                PbfSysCtrlWrite(value);
                return null;
            case RtReg.HOST_CMD_CSR:
                HostCommandWrite(value);
                return null;
            case RtReg.H2M_MAILBOX_CSR:
                // The chip is unforgiving here: a command written while the MCU still owns the
                // mailbox is lost. Writes without the owner byte (the drivers' "clear the mailbox") always land.
                if (RtReg.H2M_MAILBOX_CSR_OWNER.Get(Raw(offset)) != 0 && RtReg.H2M_MAILBOX_CSR_OWNER.Get(value) != 0)
                {
                    LostMailboxCommands++;
                    return "mailbox owner set: command lost";
                }
                Raw(offset) = value;
                return null;
        }
        if (offset >= RtReg.FIRMWARE_IMAGE_BASE && offset < RtReg.FIRMWARE_WINDOW_END)
            return FirmwareRamWrite(offset, value);
        if (RtReg.IsKeyMemory(offset) && Options.Has(EmulatorFaults.KeyTableStuck))
            return "fault keytable-stuck";
        Raw(offset) = value;
        return null;
    }

    /// <summary>Mailbox commands the chip dropped because the owner byte was still set.</summary>
    public int LostMailboxCommands { get; private set; }

    // ------------------------------------------------------------------ MCU side (XDATA window)

    /// <summary>
    /// The 8051's view of the chip: XDATA address A is byte (A &amp; 3) of register (A &amp; ~3),
    /// little-endian — the whole 64 KiB register space, byte-addressed. MCU accesses are not
    /// counted, traced or subject to gone-after (they are inside the chip).
    /// </summary>
    public byte McuRead8(ushort address)
    {
        uint reg = address & ~3u;
        int shift = 8 * (address & 3);
        uint v = reg switch
        {
            RtReg.HOST_CMD_CSR => McuReadHostCommand(),
            RtReg.MAC_CSR0 => Info.MacCsr0,
            RtReg.PBF_SYS_CTRL => (Raw(reg) & ~RtReg.PBF_SYS_CTRL_READY) | (_mcuReady ? RtReg.PBF_SYS_CTRL_READY : 0),
            _ => Raw(reg),
        };
        return (byte)(v >> shift);
    }

    public void McuWrite8(ushort address, byte value)
    {
        uint reg = address & ~3u;
        int shift = 8 * (address & 3);
        uint old = reg == RtReg.PBF_SYS_CTRL ? ((Raw(reg) & ~RtReg.PBF_SYS_CTRL_READY) | (_mcuReady ? RtReg.PBF_SYS_CTRL_READY : 0)) : Raw(reg);
        uint v = (old & ~(0xFFu << shift)) | ((uint)value << shift);
        switch (reg)
        {
            case RtReg.MAC_CSR0:
                return;
            case RtReg.PBF_SYS_CTRL:
                // READY is the MCU's to set (the host cannot); fw-never-ready drops it.
                _mcuReady = (v & RtReg.PBF_SYS_CTRL_READY) != 0 && !Options.Has(EmulatorFaults.FwNeverReady);
                Raw(reg) = v & ~RtReg.PBF_SYS_CTRL_READY;
                return;
            case RtReg.HOST_CMD_CSR:
                McuWriteHostCommand(v);
                return;
            case RtReg.BBP_CSR_CFG:
                // The MCU drives the BBP serial interface like the host: setting BUSY (byte 2) kicks it.
                Raw(reg) = shift == 16 && (v & RtReg.BBP_CSR_CFG_BUSY) != 0 ? ExecuteBbp(v, ref _bbpBusyReads) : v;
                return;
        }
        Raw(reg) = v;
    }
}
