using Xunit;
using RtDriver.Transport.Dma;
using RtDriver.Transport.Linux;

namespace RtDriver.Tests.Transport.Dma;

public class DmaTests
{
    [Fact]
    public void PagemapEntriesDecode()
    {
        const ulong present = 1UL << 63;
        Assert.Equal(0x12345UL * 4096 + 0x123, Pagemap.Translate(present | 0x12345, 0x7f00_0000_0123, 4096, "pm"));
        // Soft-dirty/exclusive bits (55, 56) are not part of the PFN.
        Assert.Equal(0x10UL * 4096, Pagemap.Translate(present | (3UL << 55) | 0x10, 0x1000, 4096, "pm"));
        var hidden = Assert.Throws<RtException>(() => Pagemap.Translate(present, 0x1000, 4096, "/proc/self/pagemap"));
        Assert.Equal(RtStatus.Permission, hidden.Status);
        Assert.Contains("needs root", hidden.Message);
        Assert.Equal(RtStatus.Io, Assert.Throws<RtException>(() => Pagemap.Translate(0x1234, 0x1000, 4096, "pm")).Status);
    }

    [Fact]
    public unsafe void PagemapTranslatesALockedPageWithCapSysAdmin()
    {
        // The kernel shows frame numbers to CAP_SYS_ADMIN, not to uid 0 as such (root in a
        // container usually lacks it): either way the answer must be the right one.
        nint p = Libc.Mmap(0, 4096, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_POPULATE | Libc.MAP_LOCKED, -1, 0);
        Assert.NotEqual(Libc.MapFailed, p);
        try
        {
            *(byte*)p = 1;
            if (MachineFacts.HasCapSysAdmin)
            {
                ulong phys = Pagemap.PhysicalAddress(p + 0x10, "/proc/self/pagemap");
                Assert.NotEqual(0UL, phys);
                Assert.Equal(0x10UL, phys % 4096);
            }
            else
            {
                Assert.Equal(RtStatus.Permission, Assert.Throws<RtException>(() => Pagemap.PhysicalAddress(p, "/proc/self/pagemap")).Status);
            }
        }
        finally
        {
            Libc.Munmap(p, 4096);
        }
    }

    [Fact]
    public void PagemapThatHidesPfnsIsPermission()
    {
        // A fabricated pagemap whose entries are "present, PFN 0" — what non-root processes see.
        string path = Path.GetTempFileName();
        try
        {
            var entries = new byte[8 * 16];
            for (int i = 0; i < 16; i++) entries[8 * i + 7] = 0x80;
            File.WriteAllBytes(path, entries);
            var e = Assert.Throws<RtException>(() => Pagemap.PhysicalAddress(3 * Environment.SystemPageSize, path));
            Assert.Equal(RtStatus.Permission, e.Status);
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HugePageLengthsOutsideOnePageAreRefused()
    {
        var allocator = new HugePageDmaAllocator();
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => allocator.Allocate(0)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => allocator.Allocate(HugePageDmaAllocator.HugePageSize + 1)).Status);
    }

    [FactWhen(Needs.NoHugePages)]
    public void WithoutHugepagesTheRefusalNamesTheSysctl()
    {
        var e = Assert.Throws<RtException>(() => new HugePageDmaAllocator().Allocate(64 * 1024));
        Assert.True(e.Status == RtStatus.NoMemory, e.Message);
        Assert.Contains("nr_hugepages", e.Message);
    }

    [FactWhen(Needs.HugePages)]
    public void AHugepageIsMappedBelow4GiBOrRefusedWithItsOwnSentence()
    {
        DmaBuffer buffer;
        try
        {
            buffer = new HugePageDmaAllocator().Allocate(64 * 1024);
        }
        catch (RtException e)
        {
            // A hugepage above 4 GiB is refused with its own sentence; without CAP_SYS_ADMIN the
            // pagemap shows no frame number, which is a permission error saying so.
            Assert.True((e.Status == RtStatus.NoMemory && e.Message.Contains("above 4 GiB")) || e.Status == RtStatus.Permission,
                $"{e.Status.Name()}: {e.Message}");
            return;
        }
        using (buffer)
        {
            Assert.True(buffer.DeviceAddress + (ulong)buffer.Length <= 1UL << 32);
            Assert.Equal(0UL, buffer.DeviceAddress % HugePageDmaAllocator.HugePageSize);
            buffer.Write32(16, 0x80000000);
            Assert.Equal(0x80000000u, buffer.Read32(16));
        }
    }

    [Fact]
    public void DmaBufferAccessorsCheckBoundsAndLifetime()
    {
        nint p = Libc.Mmap(0, 4096, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        int released = 0;
        var b = new DmaBuffer(p, 0x0010_0000, 4096, _ => { released++; Libc.Munmap(p, 4096); });
        b.Write32(4092, 7);
        Assert.Equal(7u, b.Read32(4092));
        Assert.Equal(7, b.Span[4092]);
        Assert.Equal(0x0010_0010u, b.DeviceAddress32(16));
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => b.Read32(4094)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => b.Read32(4096)).Status);
        b.Dispose();
        b.Dispose();
        Assert.Equal(1, released);
        Assert.Throws<ObjectDisposedException>(() => b.Read32(0));
    }
}
