namespace RtDriver.Transport.Mmio;

/// <summary>
/// Answers "is the device still there?" independently of the register window — for PCI the
/// vendor id in config space, which reads 0xFFFF once the function is gone (surprise removal,
/// link down). Asked only after a register read returned all-ones, which is also what a
/// vanished device returns, so a legitimate 0xFFFFFFFF value costs one extra read.
/// </summary>
public interface IDevicePresence
{
    bool IsPresent();
}
