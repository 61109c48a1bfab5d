using RtDriver.Transport.Dma;
using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// DMA memory under VFIO: ordinary anonymous pages, mapped into the device's IOMMU address
/// space at an IOVA we choose. The IOMMU confines the device to exactly these mappings, and
/// choosing IOVAs below 4 GiB (<see cref="IovaSpace"/>) satisfies the chip's 32-bit descriptor
/// pointers regardless of where the pages physically are.
/// </summary>
internal sealed class VfioDmaAllocator : IDmaAllocator
{
    private readonly VfioContainer _container;
    private readonly IovaSpace _iova = new((ulong)Environment.SystemPageSize);

    public VfioDmaAllocator(VfioContainer container) => _container = container;

    public int MaxLength => 64 * 1024 * 1024;

    public DmaBuffer Allocate(int length)
    {
        if (length <= 0 || length > MaxLength)
            throw RtException.InvalidArgument($"VFIO DMA buffer length {length} must be 1..{MaxLength}");
        var (iova, size) = _iova.Reserve(length);
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
