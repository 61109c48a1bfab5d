using RtDriver.Transport.Dma;
using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// DMA memory under VFIO: ordinary anonymous pages, mapped into the device's IOMMU address
/// space at an IOVA we choose. The IOMMU confines the device to exactly these mappings, and
/// choosing IOVAs below 4 GiB satisfies the chip's 32-bit descriptor pointers regardless of
/// where the pages physically are. IOVAs are handed out by a bump pointer and reused only when
/// the allocator is rebuilt — the driver allocates its rings once.
/// </summary>
internal sealed class VfioDmaAllocator : IDmaAllocator
{
    /// <summary>First IOVA handed out; page 0 stays unmapped so a NULL descriptor pointer faults in the IOMMU.</summary>
    public const ulong IovaBase = 0x0010_0000;
    public const ulong IovaLimit = 0x1_0000_0000;   // 4 GiB: the device's pointers are 32 bit

    private readonly VfioContainer _container;
    private readonly object _lock = new();
    private ulong _next = IovaBase;

    public VfioDmaAllocator(VfioContainer container) => _container = container;

    public int MaxLength => 64 * 1024 * 1024;

    public DmaBuffer Allocate(int length)
    {
        if (length <= 0 || length > MaxLength)
            throw RtException.InvalidArgument($"VFIO DMA buffer length {length} must be 1..{MaxLength}");
        ulong page = (ulong)Environment.SystemPageSize;
        ulong size = ((ulong)length + page - 1) & ~(page - 1);
        ulong iova;
        lock (_lock)
        {
            if (_next + size > IovaLimit)
                throw new RtException(RtStatus.NoMemory, $"the 32-bit IOVA space is exhausted (next 0x{_next:x}, wanted {size} bytes)");
            iova = _next;
            _next += size;
        }
        nint p = Libc.Mmap(0, (nuint)size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_POPULATE, -1, 0);
        if (p == Libc.MapFailed)
            throw new RtException(RtStatus.NoMemory, $"cannot allocate {size} bytes of DMA memory: {Libc.LastError().Text}");
        try
        {
            // VFIO pins the pages for as long as the mapping exists.
            _container.MapDma(p, iova, size);
        }
        catch
        {
            Libc.Munmap(p, (nuint)size);
            throw;
        }
        return new DmaBuffer(p, iova, length, _ =>
        {
            try { _container.UnmapDma(iova, size); } catch (RtException) { /* container already closed */ }
            Libc.Munmap(p, (nuint)size);
        });
    }
}
