namespace RtDriver.Emulation;

/// <summary>
/// Runs the loaded image on <see cref="I8051"/>. Code space = the firmware window as loaded (PCI:
/// the 8 KiB at 0x2000, USB: the 4 KiB at 0x3000), starting at code address 0. XDATA is the
/// chip's 64 KiB register space, byte-addressed and little-endian (<see cref="EmulatedNic.McuRead8"/>),
/// so the firmware reaches HOST_CMD_CSR at 0x0404, the mailbox at 0x7010–0x701F, PBF_SYS_CTRL
/// at 0x0400 (it sets READY itself) and BBP_CSR_CFG at 0x101C.
/// </summary>
internal sealed class Mcu8051Program : IMcuProgram
{
    public I8051 Core { get; }

    public Mcu8051Program(EmulatedNic nic, byte[] code) =>
        Core = new I8051(code, nic.McuRead8, nic.McuWrite8);

    public void Run(long instructions) => Core.Run(instructions);
}
