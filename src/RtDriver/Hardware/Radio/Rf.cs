using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Radio;

/// <summary>
/// RF register access (docs/hardware.md §7). RT3070-class 8-bit RF registers through RF_CSR_CFG (b7–0 data,
/// b13–8 register, b16 WRITE, b17 BUSY); RT2860-generation serial RFs (RF2820/2850/2720/2750)
/// through RF_CSR_CFG0, write-only, one 24-bit word per register R1–R4.
/// </summary>
public static class Rf
{
    public const int RegisterCount = 64;
    /// <summary>OpenBSD's 2-bit register select for serial RF registers R1..R4.</summary>
    private static readonly uint[] SerialSelect = [0, 2, 1, 3];

    private static int Polls(IRegisterBus bus) => bus is IUsbDeviceRequests ? PollLimits.REGISTER_USB_BUSY_COUNT : PollLimits.REGISTER_BUSY_COUNT;

    private static uint WaitIdle(IRegisterBus bus, uint reg, uint busy, string what) =>
        bus.WaitForClear(reg, busy, Polls(bus), PollLimits.REGISTER_BUSY_DELAY_US, what);

    private static void Check(int register)
    {
        if ((uint)register >= RegisterCount) throw RtException.InvalidArgument($"RF register {register} out of range 0..{RegisterCount - 1}");
    }

    public static byte Read(IRegisterBus bus, int register)
    {
        Check(register);
        WaitIdle(bus, RtReg.RF_CSR_CFG, RtReg.RF_CSR_CFG_BUSY, $"RF R{register} read: RF_CSR_CFG busy");
        bus.Write32(RtReg.RF_CSR_CFG, RtReg.RF_CSR_CFG_REGNUM.Make((uint)register) | RtReg.RF_CSR_CFG_BUSY);
        uint v = WaitIdle(bus, RtReg.RF_CSR_CFG, RtReg.RF_CSR_CFG_BUSY, $"RF R{register} read: no answer");
        return (byte)RtReg.RF_CSR_CFG_DATA.Get(v);
    }

    public static void Write(IRegisterBus bus, int register, byte value)
    {
        Check(register);
        WaitIdle(bus, RtReg.RF_CSR_CFG, RtReg.RF_CSR_CFG_BUSY, $"RF R{register} write: RF_CSR_CFG busy");
        bus.Write32(RtReg.RF_CSR_CFG, RtReg.RF_CSR_CFG_DATA.Make(value) | RtReg.RF_CSR_CFG_REGNUM.Make((uint)register)
            | RtReg.RF_CSR_CFG_WRITE | RtReg.RF_CSR_CFG_BUSY);
    }

    /// <summary>Serial RF register R1..R4: BUSY | 24-bit width | value&lt;&lt;2 | select (OpenBSD's encoding).</summary>
    public static void WriteSerial(IRegisterBus bus, int register, uint value)
    {
        if (register is < 1 or > 4) throw RtException.InvalidArgument($"serial RF register R{register} out of range R1..R4");
        if (value > 0x3FFFFF) throw RtException.InvalidArgument($"serial RF value 0x{value:X} does not fit 22 bits");
        WaitIdle(bus, RtReg.RF_CSR_CFG0, RtReg.RF_CSR_CFG0_BUSY, $"RF R{register} write: RF_CSR_CFG0 busy");
        bus.Write32(RtReg.RF_CSR_CFG0, RtReg.RF_CSR_CFG0_BUSY | (24u << 24) | (value << 2) | SerialSelect[register - 1]);
    }
}
