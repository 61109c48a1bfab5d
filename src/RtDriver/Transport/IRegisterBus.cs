namespace RtDriver.Transport;

/// <summary>
/// The one thing every transport provides: 32-bit little-endian register access and byte
/// regions (key tables, firmware). Everything above this interface — chip identification,
/// firmware load, MCU mailbox, key tables — is identical for PCI (VFIO/uio), USB and the
/// emulator. Implementations throw <see cref="RtException"/> with RT_ERR_IO, RT_ERR_TIMEOUT or
/// RT_ERR_DEVICE_GONE; they never hang (every transfer has a bounded timeout).
/// </summary>
public interface IRegisterBus : IDisposable
{
    /// <summary>Human-readable: "emulated RT2860 (PCI)", "vfio 0000:03:00.0", "usb 148f:3070 bus 1 addr 4".</summary>
    string Description { get; }

    /// <summary>How the device is reached (rt_device_info.bus); both emulated flavours report <see cref="BusKind.Emulator"/>.</summary>
    BusKind Kind { get; }

    /// <summary>
    /// True when the registers travel over USB vendor requests (a real USB NIC or the emulator's USB
    /// flavour): the hardware sequences and the key placement policy differ on USB. Ask this, never the
    /// bus's concrete type.
    /// </summary>
    bool IsUsb => Kind == BusKind.Usb;

    /// <summary>The PCI device id of the function behind the bus (ChipIdentification's RT3290 case), null when there is none or it is unknown.</summary>
    uint? PciDeviceId => null;

    uint Read32(uint offset);

    void Write32(uint offset, uint value);

    /// <summary>Writes bytes starting at <paramref name="offset"/> (USB: multi-write requests, PCI: 32-bit stores).</summary>
    void WriteRegion(uint offset, ReadOnlySpan<byte> data);

    /// <summary>Reads bytes starting at <paramref name="offset"/>.</summary>
    void ReadRegion(uint offset, Span<byte> data);
}
