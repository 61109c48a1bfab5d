using System.Buffers.Binary;
using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Dma;

/// <summary>
/// Virtual-to-physical translation through /proc/self/pagemap (Linux
/// Documentation/admin-guide/mm/pagemap.rst): one 64-bit entry per virtual page, bit 63
/// "present", bits 0–54 the page frame number. Since Linux 4.0 the PFN reads as 0 without
/// CAP_SYS_ADMIN, which is why uio DMA needs root.
/// </summary>
internal static unsafe class Pagemap
{
    private const ulong PresentBit = 1UL << 63;
    private const ulong PfnMask = (1UL << 55) - 1;

    public static ulong PhysicalAddress(nint virtualAddress, string pagemapPath)
    {
        long pageSize = Environment.SystemPageSize;
        ulong va = (ulong)virtualAddress;
        long entryOffset = (long)(va / (ulong)pageSize) * 8;
        using var fd = UnixFd.Open(pagemapPath, Libc.O_RDONLY, UnixFd.DefaultExplain(pagemapPath, "the pagemap"));
        ulong entry;
        nint n = Libc.Pread(fd.Fd, &entry, 8, entryOffset);
        if (n != 8)
        {
            string why = n < 0 ? Libc.LastError().Text : $"{n} of 8 bytes";
            throw new RtException(RtStatus.Io, $"cannot read the pagemap entry for 0x{va:x} from {pagemapPath}: {why}");
        }
        entry = BitConverter.IsLittleEndian ? entry : BinaryPrimitives.ReverseEndianness(entry);
        return Translate(entry, va, pageSize, pagemapPath);
    }

    /// <summary>Decodes one entry (separate so tests can feed any bit pattern).</summary>
    public static ulong Translate(ulong entry, ulong virtualAddress, long pageSize, string pagemapPath)
    {
        if ((entry & PresentBit) == 0)
            throw new RtException(RtStatus.Io,
                $"page 0x{virtualAddress:x} is not resident (pagemap entry 0x{entry:x16}); DMA memory must be locked and touched before translation");
        ulong pfn = entry & PfnMask;
        if (pfn == 0)
            throw new RtException(RtStatus.Permission,
                $"{pagemapPath} hides physical addresses (PFN reads as 0): uio DMA needs root (CAP_SYS_ADMIN) — run as root, or use VFIO, which needs no physical addresses");
        return pfn * (ulong)pageSize + virtualAddress % (ulong)pageSize;
    }
}
