namespace RtDriver.Transport.Mmio;

/// <summary>
/// <see cref="IRegisterBus"/> over a memory-mapped register window: registers are single 32-bit
/// little-endian accesses, byte regions (firmware, key tables) are streams of 32-bit loads and
/// stores — a partial word at either end of a region is merged into the register's current
/// contents (read-modify-write), since the window takes nothing narrower than 32 bits.
/// An all-ones read is checked against the device having gone away through the
/// <see cref="IDevicePresence"/> the bus is given, never by a register this transport names: PCI's
/// config-space vendor id, or where there is no config space the chip's own rule supplied from above
/// (Hardware/Registers/ChipPresence), which re-reads
/// MAC_CSR0, which a live chip never reports as 0xFFFFFFFF (docs/hardware.md §2.1).
/// Without one an all-ones word is returned as read and the checked helpers above confirm it.
/// </summary>
public sealed class MmioRegisterBus : IRegisterBus, IHardwareTiming
{
    private const uint AllOnes = 0xFFFF_FFFF;

    private readonly IMmioWindow _window;
    private readonly IDevicePresence? _presence;
    private readonly IDisposable? _owner;
    private bool _disposed;

    /// <param name="window">The register window.</param>
    /// <param name="presence">How to tell a gone device from an all-ones value; null: no check here (the words are returned as read).</param>
    /// <param name="description">For messages: "vfio 0000:03:00.0".</param>
    /// <param name="kind">The bus kind reported to callers.</param>
    /// <param name="owner">Disposed with the bus (the VFIO/uio function that owns fds and mappings).</param>
    public MmioRegisterBus(IMmioWindow window, IDevicePresence? presence, string description, BusKind kind, IDisposable? owner = null)
    {
        _window = window ?? throw RtException.InvalidArgument("MMIO window is null");
        _presence = presence;
        Description = description;
        Kind = kind;
        _owner = owner;
    }

    public string Description { get; }

    public BusKind Kind { get; }

    /// <summary>The owning <see cref="Pci.PciFunction"/> (DMA, interrupts, config space) when opened through <see cref="PciTransport"/>.</summary>
    public Pci.PciFunction? Function => _owner as Pci.PciFunction;

    public IMmioWindow Window => _window;

    /// <summary>The PCI device id of the function behind this bus (for ChipIdentification's RT3290 case), null when unknown.</summary>
    public uint? PciDeviceId => Function?.DeviceId;

    /// <summary>Delays come from the window when it has its own clock (the emulator in tests), else real time.</summary>
    public void DelayMicroseconds(int microseconds) =>
        (_window as IHardwareTiming ?? SystemTiming.Instance).DelayMicroseconds(microseconds);

    public uint Read32(uint offset)
    {
        ThrowIfDisposed();
        uint value = _window.Read32(offset);
        if (value == AllOnes) CheckPresent(offset);
        return value;
    }

    public void Write32(uint offset, uint value)
    {
        ThrowIfDisposed();
        _window.Write32(offset, value);
    }

    public void WriteRegion(uint offset, ReadOnlySpan<byte> data)
    {
        ThrowIfDisposed();
        CheckRegion(offset, data.Length);
        int i = 0;
        while (i < data.Length)
        {
            var (word, first, n) = RegisterLanes.At(offset + (uint)i, data.Length - i);
            uint v;
            if (n == 4)
            {
                v = (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            }
            else
            {
                v = RegisterLanes.Insert(_window.Read32(word), first, data.Slice(i, n));
            }
            _window.Write32(word, v);
            i += n;
        }
    }

    public void ReadRegion(uint offset, Span<byte> data)
    {
        ThrowIfDisposed();
        CheckRegion(offset, data.Length);
        bool sawAllOnes = false;
        int i = 0;
        while (i < data.Length)
        {
            var (word, first, n) = RegisterLanes.At(offset + (uint)i, data.Length - i);
            uint v = _window.Read32(word);
            sawAllOnes |= v == AllOnes;
            RegisterLanes.Extract(v, first, data.Slice(i, n));
            i += n;
        }
        // One presence check per region, not per word: erased EEPROM copies and key memory
        // legitimately hold all-ones words.
        if (sawAllOnes) CheckPresent(offset);
    }

    private void CheckRegion(uint offset, int length)
    {
        if ((ulong)offset + (ulong)length > _window.Length)
            throw RtException.InvalidArgument($"register region 0x{offset:x}+{length} runs past the {_window.Length}-byte window of {Description}");
    }

    private void CheckPresent(uint offset)
    {
        if (_presence is null || _presence.IsPresent()) return;
        throw new RtException(RtStatus.DeviceGone,
            $"{Description}: the device stopped answering (register 0x{offset:x} read 0xFFFFFFFF and so did the " +
            $"{_presence.Evidence}; was it removed or powered off?)");
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new RtException(RtStatus.State, $"{Description}: the register bus was closed");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _owner?.Dispose();
    }
}
