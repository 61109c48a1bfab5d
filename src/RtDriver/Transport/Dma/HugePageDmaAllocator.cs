using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Dma;

/// <summary>
/// DMA memory for uio: without an IOMMU the device sees physical addresses, so a buffer must be
/// physically contiguous and must not move. A locked 2 MiB hugepage is both; its physical
/// address comes from /proc/self/pagemap (root only). Each allocation takes one hugepage —
/// the data path allocates its rings and buffers in a few large blocks and slices them.
/// </summary>
internal sealed class HugePageDmaAllocator : IDmaAllocator
{
    public const int HugePageSize = 2 * 1024 * 1024;
    private const ulong DeviceAddressLimit = 1UL << 32;

    private readonly string _pagemapPath;

    public HugePageDmaAllocator(string pagemapPath = "/proc/self/pagemap") => _pagemapPath = pagemapPath;

    public int MaxLength => HugePageSize;

    public DmaBuffer Allocate(int length)
    {
        if (length <= 0 || length > HugePageSize)
            throw RtException.InvalidArgument($"uio DMA buffer length {length} must be 1..{HugePageSize} (one 2 MiB hugepage)");
        nint p = Libc.Mmap(0, HugePageSize, Libc.PROT_READ | Libc.PROT_WRITE,
            Libc.MAP_SHARED | Libc.MAP_ANONYMOUS | Libc.MAP_HUGETLB | Libc.MAP_LOCKED | Libc.MAP_POPULATE, -1, 0);
        if (p == Libc.MapFailed)
        {
            var (errno, text) = Libc.LastError();
            throw new RtException(RtStatus.NoMemory, errno == Libc.ENOMEM
                ? $"no free 2 MiB hugepage for uio DMA memory ({text}): reserve some with 'echo 16 | sudo tee /proc/sys/vm/nr_hugepages'"
                : $"cannot map a 2 MiB hugepage for uio DMA memory: {text}");
        }
        try
        {
            // MAP_POPULATE already faulted it in; the explicit touch makes residency certain
            // before the pagemap lookup.
            unsafe { *(byte*)p = 0; }
            ulong physical = Pagemap.PhysicalAddress(p, _pagemapPath);
            if (physical + (ulong)length > DeviceAddressLimit)
                throw new RtException(RtStatus.NoMemory,
                    $"the hugepage landed at physical 0x{physical:x}, above 4 GiB; the RT2860 DMA engine takes 32-bit addresses — use VFIO (it maps an IOVA below 4 GiB) or reserve hugepages early at boot (hugepages=16)");
            return new DmaBuffer(p, physical, length, _ => Libc.Munmap(p, HugePageSize));
        }
        catch
        {
            Libc.Munmap(p, HugePageSize);
            throw;
        }
    }
}
