using RtDriver.Transport;

namespace RtDriver.Hardware.Registers;

/// <summary>
/// The one owner of the chip's liveness rule: MAC_CSR0 never reads all-ones on a live chip
/// (docs/hardware.md §2.1 "CSR ready"), so a MAC_CSR0 that does means the device is gone (removed, powered off,
/// a dead USB stick). The checked register helpers (<see cref="RegisterAccess"/>) and the device
/// façade ask <see cref="Answers"/>; a transport that must tell a gone device from an all-ones
/// value on its own is handed an instance as its <see cref="IDevicePresence"/>, reading its raw
/// words, so the transport itself names no register.
/// </summary>
public sealed class ChipPresence : IDevicePresence
{
    private readonly Func<uint, uint> _read;

    /// <param name="read32">A raw 32-bit register read that does not itself check for presence (e.g. an MMIO window's).</param>
    public ChipPresence(Func<uint, uint> read32) => _read = read32 ?? throw new ArgumentNullException(nameof(read32));

    public bool IsPresent() => _read(RtReg.MAC_CSR0) != RegisterBusExtensions.AllOnes;

    public string Evidence => "MAC_CSR0 re-read";

    /// <summary>True while the chip behind <paramref name="bus"/> answers (MAC_CSR0 is not all-ones).</summary>
    public static bool Answers(IRegisterBus bus) => bus.Read32(RtReg.MAC_CSR0) != RegisterBusExtensions.AllOnes;
}
