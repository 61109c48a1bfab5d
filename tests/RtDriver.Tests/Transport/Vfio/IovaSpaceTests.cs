using Xunit;

namespace RtDriver.Tests.Transport.Vfio;

public class IovaSpaceTests
{
    [Fact]
    public void ReservationsArePageAlignedDisjointAndBelow4GiB()
    {
        var space = new RtDriver.Transport.Vfio.IovaSpace(4096);
        var a = space.Reserve(1);
        var b = space.Reserve(4097);
        var c = space.Reserve(64 * 1024);
        Assert.Equal((0x0010_0000UL, 4096UL), a);
        Assert.Equal((0x0010_1000UL, 8192UL), b);
        Assert.Equal(0x0010_3000UL, c.Iova);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => space.Reserve(0)).Status);
        // Fill to just under 4 GiB, then the next reservation is refused, naming the 32-bit limit.
        ulong used = c.Iova + c.Size;
        while (used + (1UL << 30) <= 1UL << 32) used = space.Reserve(1 << 30).Iova + (1UL << 30);
        var e = Assert.Throws<RtException>(() => space.Reserve(1 << 30));
        Assert.Equal(RtStatus.NoMemory, e.Status);
        Assert.Contains("32-bit", e.Message);
        Assert.True(used <= 1UL << 32);
    }
}
