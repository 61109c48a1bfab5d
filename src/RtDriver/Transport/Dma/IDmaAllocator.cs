namespace RtDriver.Transport.Dma;

/// <summary>Allocates zeroed, page-aligned memory the device can DMA to and from.</summary>
public interface IDmaAllocator
{
    /// <summary>The largest buffer one call can return (uio: one 2 MiB hugepage).</summary>
    int MaxLength { get; }

    DmaBuffer Allocate(int length);
}
