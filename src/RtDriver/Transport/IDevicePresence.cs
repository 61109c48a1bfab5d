namespace RtDriver.Transport;

/// <summary>
/// Answers "is the device still there?" — asked by a transport only after a read returned
/// all-ones, which is also what a vanished device returns, so a legitimate 0xFFFFFFFF value costs
/// one extra check. Transports move words and never decide this from register contents
/// themselves: the answer is supplied to them, either from above (the chip's rule,
/// <c>Hardware/Registers/ChipPresence</c>: MAC_CSR0 never reads all-ones on a live chip) or by
/// the bus owner (PCI: the vendor id in config space, which reads 0xFFFF once the function is gone).
/// </summary>
public interface IDevicePresence
{
    bool IsPresent();

    /// <summary>What <see cref="IsPresent"/> looked at, for the "device stopped answering" message.</summary>
    string Evidence => "presence check";
}
