using System.Runtime.CompilerServices;
using System.Threading;

namespace RtDriver.Transport.Dma;

/// <summary>
/// Memory the device can reach by DMA: a CPU mapping (<see cref="Span"/>) plus the address the
/// device must be given (<see cref="DeviceAddress"/>: an IOVA under VFIO, a physical address
/// under uio). Always below 4 GiB — the RT2860 DMA engine takes 32-bit pointers (docs/hardware.md §3.1,
/// §9.1). The data path carves descriptor rings and frame buffers out of these.
/// </summary>
public sealed unsafe class DmaBuffer : IDisposable
{
    private readonly Action<DmaBuffer>? _release;
    private int _disposed;

    internal DmaBuffer(nint address, ulong deviceAddress, int length, Action<DmaBuffer>? release)
    {
        Address = address;
        DeviceAddress = deviceAddress;
        Length = length;
        _release = release;
    }

    /// <summary>CPU virtual address of the first byte.</summary>
    public nint Address { get; }

    /// <summary>What the device uses (IOVA or physical address), 32-bit.</summary>
    public ulong DeviceAddress { get; }

    public int Length { get; }

    /// <summary>The 32-bit device address of byte <paramref name="offset"/>, for TXD/RXD pointers and ring base registers.</summary>
    public uint DeviceAddress32(int offset = 0)
    {
        if ((uint)offset > (uint)Length) throw RtException.InvalidArgument($"offset {offset} is outside the {Length}-byte DMA buffer");
        return checked((uint)(DeviceAddress + (ulong)offset));
    }

    public Span<byte> Span
    {
        get
        {
            ThrowIfDisposed();
            return new Span<byte>((void*)Address, Length);
        }
    }

    /// <summary>A volatile 32-bit load: descriptor words are written by the device behind our back.</summary>
    public uint Read32(int offset)
    {
        Check(offset);
        return Volatile.Read(ref Unsafe.AsRef<uint>((void*)(Address + offset)));
    }

    /// <summary>A volatile 32-bit store, e.g. handing a descriptor to the device (ownership bit last).</summary>
    public void Write32(int offset, uint value)
    {
        Check(offset);
        Volatile.Write(ref Unsafe.AsRef<uint>((void*)(Address + offset)), value);
    }

    private void Check(int offset)
    {
        ThrowIfDisposed();
        if ((offset & 3) != 0 || (uint)offset > (uint)(Length - 4))
            throw RtException.InvalidArgument($"descriptor offset {offset} is unaligned or outside the {Length}-byte DMA buffer");
    }

    private void ThrowIfDisposed()
    {
        if (_disposed != 0) throw new ObjectDisposedException(nameof(DmaBuffer), "the DMA buffer was released");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _release?.Invoke(this);
    }
}
