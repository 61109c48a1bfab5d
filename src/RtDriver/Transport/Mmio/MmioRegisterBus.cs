using System.Buffers.Binary;

namespace RtDriver.Transport.Mmio;

/// <summary>
/// <see cref="IRegisterBus"/> over a memory-mapped register window: registers are single 32-bit
/// little-endian accesses, byte regions (firmware, key tables) are streams of 32-bit stores and
/// loads. An all-ones read is checked against the device having gone away: first through
/// <see cref="IDevicePresence"/> (PCI config vendor id), else by re-reading MAC_CSR0, which a
/// live chip never reports as 0xFFFFFFFF.
/// </summary>
public sealed class MmioRegisterBus : IRegisterBus
{
    /// <summary>MAC_CSR0 (ASIC version id), facts §1.1: the presence check when there is no config space.</summary>
    private const uint MAC_CSR0 = 0x1000;

    private readonly IMmioWindow _window;
    private readonly IDevicePresence? _presence;
    private readonly IDisposable? _owner;
    private bool _disposed;

    /// <param name="window">The register window.</param>
    /// <param name="presence">How to tell a gone device from an all-ones value; null: re-read MAC_CSR0.</param>
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

    /// <summary>The owning PCI function (DMA, interrupts, config space) when opened through a PCI transport.</summary>
    public object? Owner => _owner;

    public uint Read32(uint offset)
    {
        ThrowIfDisposed();
        uint value = _window.Read32(offset);
        if (value == 0xFFFF_FFFF) CheckPresent(offset);
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
        int whole = data.Length & ~3;
        for (int i = 0; i < whole; i += 4)
            _window.Write32(offset + (uint)i, BinaryPrimitives.ReadUInt32LittleEndian(data[i..]));
        int tail = data.Length - whole;
        if (tail != 0)
        {
            // The window only takes 32-bit stores, so a 1-3 byte tail is merged into the
            // register's current contents (read-modify-write of the last word).
            uint at = offset + (uint)whole;
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(word, _window.Read32(at));
            data[whole..].CopyTo(word);
            _window.Write32(at, BinaryPrimitives.ReadUInt32LittleEndian(word));
        }
    }

    public void ReadRegion(uint offset, Span<byte> data)
    {
        ThrowIfDisposed();
        CheckRegion(offset, data.Length);
        bool sawAllOnes = false;
        Span<byte> word = stackalloc byte[4];
        for (int i = 0; i < data.Length; i += 4)
        {
            uint value = _window.Read32(offset + (uint)i);
            sawAllOnes |= value == 0xFFFF_FFFF;
            BinaryPrimitives.WriteUInt32LittleEndian(word, value);
            int n = Math.Min(4, data.Length - i);
            word[..n].CopyTo(data[i..]);
        }
        // One presence check per region, not per word: erased EEPROM/key memory legitimately
        // reads as all-ones.
        if (sawAllOnes) CheckPresent(offset);
    }

    private static void CheckRegion(uint offset, int length)
    {
        if ((offset & 3) != 0)
            throw RtException.InvalidArgument($"MMIO region offset 0x{offset:x} is not 4-byte aligned");
        if ((ulong)offset + (ulong)length > uint.MaxValue)
            throw RtException.InvalidArgument($"MMIO region 0x{offset:x}+{length} wraps the 32-bit offset space");
    }

    private void CheckPresent(uint offset)
    {
        bool present = _presence is not null
            ? _presence.IsPresent()
            : offset != MAC_CSR0 && _window.Read32(MAC_CSR0) != 0xFFFF_FFFF;
        if (!present)
            throw new RtException(RtStatus.DeviceGone,
                $"{Description}: the device stopped answering (register 0x{offset:x} and the presence check read all-ones; was it removed or powered off?)");
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
