using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Radio;

/// <summary>
/// BBP registers through BBP_CSR_CFG (docs/hardware.md §7): wait BUSY clear, write value | reg&lt;&lt;8 | BUSY |
/// RW_MODE (reads also set READ), wait BUSY clear, the value is in b7–0. Busy waits are 100 ×
/// 100 µs on PCI and 20 × 100 µs on USB; a wait that never ends is RT_ERR_TIMEOUT (Linux would
/// silently return 0xFF).
/// </summary>
public static class Bbp
{
    private static int Polls(IRegisterBus bus) => bus is IUsbDeviceRequests ? PollLimits.REGISTER_USB_BUSY_COUNT : PollLimits.REGISTER_BUSY_COUNT;

    private static uint WaitIdle(IRegisterBus bus, string what) =>
        bus.WaitForClear(RtReg.BBP_CSR_CFG, RtReg.BBP_CSR_CFG_BUSY, Polls(bus), PollLimits.REGISTER_BUSY_DELAY_US, what);

    public static byte Read(IRegisterBus bus, byte register)
    {
        WaitIdle(bus, $"BBP R{register} read: BBP_CSR_CFG busy");
        bus.Write32(RtReg.BBP_CSR_CFG, RtReg.BBP_CSR_CFG_REGNUM.Make(register) | RtReg.BBP_CSR_CFG_READ_CONTROL
            | RtReg.BBP_CSR_CFG_BUSY | RtReg.BBP_CSR_CFG_BBP_RW_MODE);
        uint v = WaitIdle(bus, $"BBP R{register} read: no answer");
        return (byte)RtReg.BBP_CSR_CFG_VALUE.Get(v);
    }

    public static void Write(IRegisterBus bus, byte register, byte value)
    {
        WaitIdle(bus, $"BBP R{register} write: BBP_CSR_CFG busy");
        bus.Write32(RtReg.BBP_CSR_CFG, RtReg.BBP_CSR_CFG_VALUE.Make(value) | RtReg.BBP_CSR_CFG_REGNUM.Make(register)
            | RtReg.BBP_CSR_CFG_BUSY | RtReg.BBP_CSR_CFG_BBP_RW_MODE);
    }

    /// <summary>BBP alive (docs/hardware.md §5.5 step 5): R0 reads neither 0x00 nor 0xFF, 100 × 100 µs. Returns the BBP version.</summary>
    public static byte WaitReady(IRegisterBus bus)
    {
        byte v = 0;
        for (int i = 0; i < PollLimits.REGISTER_BUSY_COUNT; i++)
        {
            v = Read(bus, 0);
            if (v is not (0x00 or 0xFF)) return v;
            bus.Delay(PollLimits.REGISTER_BUSY_DELAY_US);
        }
        throw new RtException(RtStatus.Timeout, $"BBP not ready: R0 still reads 0x{v:X2} after {PollLimits.REGISTER_BUSY_COUNT} x 100 µs on {bus.Description}");
    }
}
