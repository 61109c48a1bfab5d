using RtDriver.Transport.Linux;
using static RtDriver.Transport.Vfio.VfioAbi;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// The VFIO container (/dev/vfio/vfio): one IOMMU address space. Groups are attached to it,
/// then the type-1 IOMMU model is chosen, then DMA mappings (IOVA → our memory) are made here.
/// </summary>
internal sealed unsafe class VfioContainer : IDisposable
{
    private readonly UnixFd _fd;

    public string Path { get; }

    /// <summary>The IOMMU model set (VFIO_TYPE1v2_IOMMU preferred, else VFIO_TYPE1_IOMMU); 0 until SetIommu.</summary>
    public int IommuType { get; private set; }

    private VfioContainer(UnixFd fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    internal UnixFd Fd => _fd;

    /// <summary>Opens the container and checks the API version and that a type-1 IOMMU is available.</summary>
    public static VfioContainer Open(string path)
    {
        var fd = UnixFd.Open(path, Libc.O_RDWR, (errno, text) => errno switch
        {
            Libc.ENOENT => new RtException(RtStatus.Unsupported,
                $"the VFIO container {path} does not exist ({text}): load VFIO with 'sudo modprobe vfio-pci'"),
            Libc.EACCES or Libc.EPERM => new RtException(RtStatus.Permission,
                $"cannot open the VFIO container {path}: {text}; run as root"),
            _ => new RtException(RtStatus.Io, $"cannot open the VFIO container {path}: {text}"),
        });
        var container = new VfioContainer(fd, path);
        try
        {
            int version = VfioCall.Ioctl(fd, VFIO_GET_API_VERSION, 0, "VFIO_GET_API_VERSION", path);
            if (version != VFIO_API_VERSION)
                throw new RtException(RtStatus.Unsupported, $"{path} speaks VFIO API version {version}; this driver knows version {VFIO_API_VERSION}");
            if (!container.HasExtension(VFIO_TYPE1v2_IOMMU) && !container.HasExtension(VFIO_TYPE1_IOMMU))
                throw new RtException(RtStatus.Unsupported,
                    $"{path} offers no type-1 IOMMU (VFIO_CHECK_EXTENSION); is the IOMMU enabled (intel_iommu=on / amd_iommu=on)?");
            return container;
        }
        catch
        {
            container.Dispose();
            throw;
        }
    }

    public bool HasExtension(int extension) =>
        VfioCall.Ioctl(_fd, VFIO_CHECK_EXTENSION, extension, "VFIO_CHECK_EXTENSION", Path) > 0;

    /// <summary>VFIO_SET_IOMMU; valid only after a group has been attached (VFIO_GROUP_SET_CONTAINER).</summary>
    public void SetIommu()
    {
        int type = HasExtension(VFIO_TYPE1v2_IOMMU) ? VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;
        VfioCall.Ioctl(_fd, VFIO_SET_IOMMU, type, "VFIO_SET_IOMMU", Path);
        IommuType = type;
    }

    /// <summary>Maps [vaddr, vaddr+size) at <paramref name="iova"/> for device reads and writes.</summary>
    public void MapDma(nint vaddr, ulong iova, ulong size)
    {
        var map = new DmaMap
        {
            Argsz = (uint)sizeof(DmaMap),
            Flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
            Vaddr = (ulong)vaddr,
            Iova = iova,
            Size = size,
        };
        VfioCall.Ioctl(_fd, VFIO_IOMMU_MAP_DMA, &map, $"VFIO_IOMMU_MAP_DMA (iova 0x{iova:x}, {size} bytes)", Path);
    }

    public void UnmapDma(ulong iova, ulong size)
    {
        var unmap = new DmaUnmap { Argsz = (uint)sizeof(DmaUnmap), Iova = iova, Size = size };
        VfioCall.Ioctl(_fd, VFIO_IOMMU_UNMAP_DMA, &unmap, $"VFIO_IOMMU_UNMAP_DMA (iova 0x{iova:x})", Path);
    }

    public void Dispose() => _fd.Dispose();
}
