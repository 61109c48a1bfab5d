using System.Runtime.InteropServices;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// The VFIO user API (Linux include/uapi/linux/vfio.h): ioctl numbers and struct layouts.
/// Every VFIO ioctl is _IO(VFIO_TYPE, VFIO_BASE + n) — no size or direction bits, because the
/// structs carry their own argsz — so the number is simply (';' &lt;&lt; 8) | (100 + n).
/// Values checked against this machine's &lt;linux/vfio.h&gt; (tests pin them).
/// </summary>
internal static class VfioAbi
{
    public const uint VFIO_TYPE = ';';   // 0x3B
    public const uint VFIO_BASE = 100;

    /// <summary>_IO(type, nr) from &lt;asm-generic/ioctl.h&gt;: dir 0 (bits 30-31), size 0 (bits 16-29), type bits 8-15, nr bits 0-7.</summary>
    public static nuint IO(uint type, uint nr) => (nuint)((type << 8) | nr);

    public static readonly nuint VFIO_GET_API_VERSION = IO(VFIO_TYPE, VFIO_BASE + 0);
    public static readonly nuint VFIO_CHECK_EXTENSION = IO(VFIO_TYPE, VFIO_BASE + 1);
    public static readonly nuint VFIO_SET_IOMMU = IO(VFIO_TYPE, VFIO_BASE + 2);
    public static readonly nuint VFIO_GROUP_GET_STATUS = IO(VFIO_TYPE, VFIO_BASE + 3);
    public static readonly nuint VFIO_GROUP_SET_CONTAINER = IO(VFIO_TYPE, VFIO_BASE + 4);
    public static readonly nuint VFIO_GROUP_UNSET_CONTAINER = IO(VFIO_TYPE, VFIO_BASE + 5);
    public static readonly nuint VFIO_GROUP_GET_DEVICE_FD = IO(VFIO_TYPE, VFIO_BASE + 6);
    public static readonly nuint VFIO_DEVICE_GET_INFO = IO(VFIO_TYPE, VFIO_BASE + 7);
    public static readonly nuint VFIO_DEVICE_GET_REGION_INFO = IO(VFIO_TYPE, VFIO_BASE + 8);
    public static readonly nuint VFIO_DEVICE_GET_IRQ_INFO = IO(VFIO_TYPE, VFIO_BASE + 9);
    public static readonly nuint VFIO_DEVICE_SET_IRQS = IO(VFIO_TYPE, VFIO_BASE + 10);
    public static readonly nuint VFIO_DEVICE_RESET = IO(VFIO_TYPE, VFIO_BASE + 11);
    public static readonly nuint VFIO_IOMMU_MAP_DMA = IO(VFIO_TYPE, VFIO_BASE + 13);
    public static readonly nuint VFIO_IOMMU_UNMAP_DMA = IO(VFIO_TYPE, VFIO_BASE + 14);

    public const int VFIO_API_VERSION = 0;
    public const int VFIO_TYPE1_IOMMU = 1;
    public const int VFIO_TYPE1v2_IOMMU = 3;

    public const uint VFIO_GROUP_FLAGS_VIABLE = 1 << 0;
    public const uint VFIO_GROUP_FLAGS_CONTAINER_SET = 1 << 1;

    public const uint VFIO_DEVICE_FLAGS_PCI = 1 << 1;

    public const uint VFIO_REGION_INFO_FLAG_READ = 1 << 0;
    public const uint VFIO_REGION_INFO_FLAG_WRITE = 1 << 1;
    public const uint VFIO_REGION_INFO_FLAG_MMAP = 1 << 2;

    public const uint VFIO_PCI_BAR0_REGION_INDEX = 0;
    public const uint VFIO_PCI_CONFIG_REGION_INDEX = 7;

    public const uint VFIO_PCI_INTX_IRQ_INDEX = 0;
    public const uint VFIO_PCI_MSI_IRQ_INDEX = 1;

    public const uint VFIO_IRQ_INFO_EVENTFD = 1 << 0;
    public const uint VFIO_IRQ_INFO_MASKABLE = 1 << 1;
    public const uint VFIO_IRQ_INFO_AUTOMASKED = 1 << 2;

    public const uint VFIO_IRQ_SET_DATA_NONE = 1 << 0;
    public const uint VFIO_IRQ_SET_DATA_BOOL = 1 << 1;
    public const uint VFIO_IRQ_SET_DATA_EVENTFD = 1 << 2;
    public const uint VFIO_IRQ_SET_ACTION_MASK = 1 << 3;
    public const uint VFIO_IRQ_SET_ACTION_UNMASK = 1 << 4;
    public const uint VFIO_IRQ_SET_ACTION_TRIGGER = 1 << 5;

    public const uint VFIO_DMA_MAP_FLAG_READ = 1 << 0;
    public const uint VFIO_DMA_MAP_FLAG_WRITE = 1 << 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct GroupStatus
    {
        public uint Argsz;
        public uint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DeviceInfo
    {
        public uint Argsz;
        public uint Flags;
        public uint NumRegions;
        public uint NumIrqs;
        public uint CapOffset;   // newer kernels; older ones ignore the bytes beyond argsz 16
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RegionInfo
    {
        public uint Argsz;
        public uint Flags;
        public uint Index;
        public uint CapOffset;
        public ulong Size;
        public ulong Offset;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IrqInfo
    {
        public uint Argsz;
        public uint Flags;
        public uint Index;
        public uint Count;
    }

    /// <summary>struct vfio_irq_set with exactly one s32 of data (one eventfd), 24 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IrqSetEventFd
    {
        public uint Argsz;
        public uint Flags;
        public uint Index;
        public uint Start;
        public uint Count;
        public int EventFd;
    }

    /// <summary>struct vfio_irq_set without data (header only), 20 bytes: used for UNMASK with DATA_NONE.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IrqSet
    {
        public uint Argsz;
        public uint Flags;
        public uint Index;
        public uint Start;
        public uint Count;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DmaMap
    {
        public uint Argsz;
        public uint Flags;
        public ulong Vaddr;
        public ulong Iova;
        public ulong Size;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DmaUnmap
    {
        public uint Argsz;
        public uint Flags;
        public ulong Iova;
        public ulong Size;
    }
}
