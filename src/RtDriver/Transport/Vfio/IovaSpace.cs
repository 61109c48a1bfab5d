namespace RtDriver.Transport.Vfio;

/// <summary>
/// Hands out device addresses (IOVAs) for VFIO DMA mappings: page-aligned, never overlapping,
/// all below 4 GiB because the RT2860 DMA engine takes 32-bit pointers (docs/hardware.md §3.1). A bump
/// pointer — the driver maps its rings and buffers once per open — starting above page 0 so a
/// NULL descriptor pointer faults in the IOMMU instead of reaching real memory.
/// </summary>
internal sealed class IovaSpace
{
    public const ulong Base = 0x0010_0000;
    public const ulong Limit = 0x1_0000_0000;

    private readonly ulong _pageSize;
    private readonly object _lock = new();
    private ulong _next = Base;

    public IovaSpace(ulong pageSize) => _pageSize = pageSize;

    /// <summary>Reserves <paramref name="length"/> bytes rounded up to whole pages; returns (iova, mapped size).</summary>
    public (ulong Iova, ulong Size) Reserve(int length)
    {
        if (length <= 0) throw RtException.InvalidArgument($"IOVA reservation length {length} must be positive");
        ulong size = ((ulong)length + _pageSize - 1) & ~(_pageSize - 1);
        lock (_lock)
        {
            if (_next + size > Limit)
                throw new RtException(RtStatus.NoMemory,
                    $"the 32-bit IOVA space is exhausted: {size} bytes wanted at 0x{_next:x}, limit 0x{Limit:x} (the RT2860 DMA engine takes 32-bit addresses)");
            ulong iova = _next;
            _next += size;
            return (iova, size);
        }
    }
}
