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

    BusKind Kind { get; }

    uint Read32(uint offset);

    void Write32(uint offset, uint value);

    /// <summary>Writes bytes starting at <paramref name="offset"/> (USB: multi-write requests, PCI: 32-bit stores).</summary>
    void WriteRegion(uint offset, ReadOnlySpan<byte> data);

    /// <summary>Reads bytes starting at <paramref name="offset"/>.</summary>
    void ReadRegion(uint offset, Span<byte> data);
}
