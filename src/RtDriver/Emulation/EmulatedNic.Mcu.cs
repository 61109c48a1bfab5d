using RtDriver.Hardware.Firmware;
using RtDriver.Hardware.Registers;

namespace RtDriver.Emulation;

/// <summary>One mailbox command as the MCU took it.</summary>
public readonly record struct McuCommandRecord(byte Command, byte Token, byte Arg0, byte Arg1, long AtMicroseconds);

/// <summary>What runs on the emulated MCU after a firmware start.</summary>
public enum McuProgramKind
{
    /// <summary>Nothing: never started, or the image was rejected.</summary>
    None,
    /// <summary>The project's open 8051 image, executed instruction by instruction on <see cref="I8051"/>.</summary>
    Executed8051,
    /// <summary>
    /// Any other image with a valid CRC (e.g. a real Ralink rt2860.bin): its 8051 code talks to
    /// hardware this model does not have, so the MCU's mailbox behaviour is modelled in C#
    /// (<see cref="BehaviouralMcu"/>) instead of executing the image.
    /// </summary>
    Behavioural,
}

/// <summary>The program the emulated MCU runs; stepped by virtual time.</summary>
internal interface IMcuProgram
{
    void Run(long instructions);
}

/// <summary>Firmware RAM, MCU start/stop, the READY handshake and the HOST_CMD_CSR kick.</summary>
public sealed partial class EmulatedNic
{
    private bool _mcuRunning;
    private bool _mcuReady;
    private bool _commandPending;
    private IMcuProgram? _program;
    private readonly List<McuCommandRecord> _mcuCommands = new();

    public bool McuRunning => _mcuRunning;
    public bool McuReady => _mcuReady;
    public McuProgramKind McuProgram { get; private set; }
    /// <summary>Why the last start did or did not run the image (CRC, fault, program kind).</summary>
    public string LastFirmwareStart { get; private set; } = "the MCU has not been started";
    /// <summary>CRC of the image the MCU runs (0 if none).</summary>
    public ushort RunningFirmwareCrc { get; private set; }
    /// <summary>Commands the MCU took from the mailbox, in order.</summary>
    public IReadOnlyList<McuCommandRecord> McuCommands => _mcuCommands;
    /// <summary>The 8051 core when the open image runs (null otherwise) — tests look at its state.</summary>
    public I8051? McuCore => (_program as Mcu8051Program)?.Core;

    /// <summary>The code window the MCU boots from: PCI 8 KiB at 0x2000, USB 4 KiB at 0x3000 (docs/hardware.md §5.3/§5.4).</summary>
    public uint FirmwareBase => Info.IsUsb ? RtReg.FIRMWARE_IMAGE_BASE_USB : RtReg.FIRMWARE_IMAGE_BASE;
    public int FirmwareLength => (int)(RtReg.FIRMWARE_WINDOW_END - FirmwareBase);

    private string? FirmwareRamWrite(uint offset, uint value)
    {
        if (!Info.IsUsb && (Raw(RtReg.PBF_SYS_CTRL) & RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE) == 0)
            return "firmware RAM is not writable: PBF_SYS_CTRL.HOST_RAM_WRITE is clear";
        // USB has no HOST_RAM_WRITE step: writing the program window stops a running MCU (the
        // host is replacing its program); DEVICE_MODE FIRMWARE starts it again.
        if (Info.IsUsb && offset >= FirmwareBase) StopMcu();
        Raw(offset) = value;
        return null;
    }

    private void PbfSysCtrlWrite(uint value)
    {
        uint old = Raw(RtReg.PBF_SYS_CTRL);
        value &= ~RtReg.PBF_SYS_CTRL_READY; // READY belongs to the MCU
        if ((value & RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE) != 0) StopMcu(); // the host takes the program RAM
        Raw(RtReg.PBF_SYS_CTRL) = value;
        bool release = (old & RtReg.PBF_SYS_CTRL_MCU_RESET) == 0 && (value & RtReg.PBF_SYS_CTRL_MCU_RESET) != 0;
        if (!Info.IsUsb && release && (value & RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE) == 0 && !_mcuRunning)
            StartMcu();
    }

    private void StopMcu()
    {
        _mcuRunning = false;
        _mcuReady = false;
        _program = null;
        McuProgram = McuProgramKind.None;
        RunningFirmwareCrc = 0;
    }

    /// <summary>Boots the MCU from the firmware window: PCI on PBF_SYS_CTRL b0 0→1, USB on DEVICE_MODE FIRMWARE.</summary>
    internal void StartMcu()
    {
        StopMcu();
        var code = new byte[FirmwareLength];
        for (int i = 0; i < code.Length; i += 4)
        {
            uint w = Raw(FirmwareBase + (uint)i);
            code[i] = (byte)w; code[i + 1] = (byte)(w >> 8); code[i + 2] = (byte)(w >> 16); code[i + 3] = (byte)(w >> 24);
        }
        // The chip's boot check mirrors the driver's: the CRC of the code window as one chunk.
        ushort stored = FirmwareCrc.Stored(code), computed = FirmwareCrc.OfChunk(code);
        if (stored != computed)
        {
            LastFirmwareStart = $"image in the firmware window rejected: stored CRC 0x{stored:X4}, computed 0x{computed:X4}; the MCU stays in reset";
            return;
        }
        _mcuRunning = true;
        _commandPending = false;
        RunningFirmwareCrc = computed;
        if (OpenFirmwareLayout.IsOpenImage(code))
        {
            _program = new Mcu8051Program(this, code);
            McuProgram = McuProgramKind.Executed8051;
        }
        else
        {
            _program = new BehaviouralMcu(this);
            McuProgram = McuProgramKind.Behavioural;
        }
        LastFirmwareStart = $"MCU started ({McuProgram}, CRC 0x{computed:X4})"
            + (Options.Has(EmulatorFaults.FwNeverReady) ? "; fault fw-never-ready: READY will never be reported" : "");
    }

    private void RunMcu(long instructions)
    {
        if (_mcuRunning) _program?.Run(instructions);
    }

    private void HostCommandWrite(uint value)
    {
        Raw(RtReg.HOST_CMD_CSR) = value;
        _commandPending = true;
    }

    // The MCU sees a pending command code in HOST_CMD_CSR; with fault=mcu-silent the kick never reaches it.
    private uint McuReadHostCommand() =>
        _commandPending && !Options.Has(EmulatorFaults.McuSilent) ? Raw(RtReg.HOST_CMD_CSR) : 0;

    // The MCU acknowledges the kick by writing the command byte to 0: that is when it "took" the command.
    private void McuWriteHostCommand(uint value)
    {
        if (_commandPending && (value & 0xFF) == 0)
        {
            uint mb = Raw(RtReg.H2M_MAILBOX_CSR);
            _mcuCommands.Add(new McuCommandRecord((byte)Raw(RtReg.HOST_CMD_CSR),
                (byte)RtReg.H2M_MAILBOX_CSR_CMD_TOKEN.Get(mb), (byte)RtReg.H2M_MAILBOX_CSR_ARG0.Get(mb),
                (byte)RtReg.H2M_MAILBOX_CSR_ARG1.Get(mb), NowMicroseconds));
            _commandPending = false;
        }
        Raw(RtReg.HOST_CMD_CSR) = value;
    }
}

/// <summary>
/// The MCU behaviour modelled in C# for images the emulator cannot execute meaningfully (real
/// Ralink firmware): report READY shortly after start, then for each kicked command with the
/// owner byte set: run an H2M_BBP_AGENT request for MCU_BBP_SIGNAL, post the token (unless
/// 0xFF) and status 1 into the lowest free CID/STATUS slot (dropped if all four are taken),
/// release the owner byte. It uses only the MCU-side accessors, exactly like the 8051 image.
/// </summary>
internal sealed class BehaviouralMcu : IMcuProgram
{
    private const int BootInstructions = 200;
    private readonly EmulatedNic _nic;
    private long _bootLeft = BootInstructions;

    public BehaviouralMcu(EmulatedNic nic) => _nic = nic;

    public void Run(long instructions)
    {
        if (_bootLeft > 0)
        {
            _bootLeft -= instructions;
            if (_bootLeft > 0) return;
            ushort pbf = (ushort)RtReg.PBF_SYS_CTRL;
            _nic.McuWrite8(pbf, (byte)(_nic.McuRead8(pbf) | RtReg.PBF_SYS_CTRL_READY));
        }
        byte command = _nic.McuRead8((ushort)RtReg.HOST_CMD_CSR);
        if (command == 0) return;
        ushort mb = (ushort)RtReg.H2M_MAILBOX_CSR;
        byte owner = _nic.McuRead8((ushort)(mb + 3));
        byte token = _nic.McuRead8((ushort)(mb + 2));
        if (owner != 0)
        {
            if (command == RtReg.MCU_BBP_SIGNAL) RunBbpAgent();
            if (token != RtReg.MCU_TOKEN_NO_STATUS) PostStatus(token, RtReg.MCU_STATUS_SUCCESS);
        }
        _nic.McuWrite8((ushort)RtReg.HOST_CMD_CSR, 0);
        _nic.McuWrite8((ushort)(mb + 3), 0);
    }

    private void PostStatus(byte token, byte status)
    {
        for (int slot = 0; slot < RtReg.H2M_MAILBOX_SLOT_COUNT; slot++)
        {
            ushort cid = (ushort)(RtReg.H2M_MAILBOX_CID + slot);
            if (_nic.McuRead8(cid) != RtReg.H2M_MAILBOX_SLOT_FREE) continue;
            _nic.McuWrite8(cid, token);
            _nic.McuWrite8((ushort)(RtReg.H2M_MAILBOX_STATUS + slot), status);
            return;
        }
        // all four slots occupied: the status is dropped, as on the chip (docs/hardware.md §6.1)
    }

    private void RunBbpAgent()
    {
        ushort a = (ushort)RtReg.H2M_BBP_AGENT;
        uint req = (uint)(_nic.McuRead8(a) | _nic.McuRead8((ushort)(a + 1)) << 8 | _nic.McuRead8((ushort)(a + 2)) << 16 | _nic.McuRead8((ushort)(a + 3)) << 24);
        int busy = 0;
        uint done = _nic.ExecuteBbp(req, ref busy);
        for (int i = 0; i < 4; i++) _nic.McuWrite8((ushort)(a + i), (byte)(done >> (8 * i)));
    }
}
