using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xunit;
using RtDriver.Transport.Usb;
using static RtDriver.Transport.Vfio.VfioAbi;

namespace RtDriver.Tests.Transport.Vfio;

/// <summary>
/// The VFIO ioctl numbers and struct layouts, pinned to the values of &lt;linux/vfio.h&gt;
/// (printed on this machine by a C program with sizeof/offsetof; the kernel ABI is stable).
/// </summary>
public class VfioAbiTests
{
    [Fact]
    public void IoctlNumbersAreIoSemicolonHundredPlusN()
    {
        Assert.Equal((nuint)0x3B64, VFIO_GET_API_VERSION);
        Assert.Equal((nuint)0x3B65, VFIO_CHECK_EXTENSION);
        Assert.Equal((nuint)0x3B66, VFIO_SET_IOMMU);
        Assert.Equal((nuint)0x3B67, VFIO_GROUP_GET_STATUS);
        Assert.Equal((nuint)0x3B68, VFIO_GROUP_SET_CONTAINER);
        Assert.Equal((nuint)0x3B69, VFIO_GROUP_UNSET_CONTAINER);
        Assert.Equal((nuint)0x3B6A, VFIO_GROUP_GET_DEVICE_FD);
        Assert.Equal((nuint)0x3B6B, VFIO_DEVICE_GET_INFO);
        Assert.Equal((nuint)0x3B6C, VFIO_DEVICE_GET_REGION_INFO);
        Assert.Equal((nuint)0x3B6D, VFIO_DEVICE_GET_IRQ_INFO);
        Assert.Equal((nuint)0x3B6E, VFIO_DEVICE_SET_IRQS);
        Assert.Equal((nuint)0x3B6F, VFIO_DEVICE_RESET);
        Assert.Equal((nuint)0x3B71, VFIO_IOMMU_MAP_DMA);
        Assert.Equal((nuint)0x3B72, VFIO_IOMMU_UNMAP_DMA);
        // _IO has no direction or size bits.
        Assert.Equal((nuint)0, IO(';', 100) & unchecked((nuint)0xFFFF0000));
    }

    [Fact]
    public void ConstantsMatchTheHeader()
    {
        Assert.Equal(0, VFIO_API_VERSION);
        Assert.Equal(1, VFIO_TYPE1_IOMMU);
        Assert.Equal(3, VFIO_TYPE1v2_IOMMU);
        Assert.Equal(7u, VFIO_PCI_CONFIG_REGION_INDEX);
        Assert.Equal(0u, VFIO_PCI_BAR0_REGION_INDEX);
        Assert.Equal((0u, 1u), (VFIO_PCI_INTX_IRQ_INDEX, VFIO_PCI_MSI_IRQ_INDEX));
        Assert.Equal((1u, 2u), (VFIO_GROUP_FLAGS_VIABLE, VFIO_GROUP_FLAGS_CONTAINER_SET));
        Assert.Equal((1u, 2u, 4u), (VFIO_REGION_INFO_FLAG_READ, VFIO_REGION_INFO_FLAG_WRITE, VFIO_REGION_INFO_FLAG_MMAP));
        Assert.Equal((1u, 4u, 16u, 32u), (VFIO_IRQ_SET_DATA_NONE, VFIO_IRQ_SET_DATA_EVENTFD, VFIO_IRQ_SET_ACTION_UNMASK, VFIO_IRQ_SET_ACTION_TRIGGER));
        Assert.Equal((1u, 2u), (VFIO_DMA_MAP_FLAG_READ, VFIO_DMA_MAP_FLAG_WRITE));
    }

    [Fact]
    public void StructLayoutsMatchTheHeader()
    {
        Assert.Equal(8, Unsafe.SizeOf<GroupStatus>());
        Assert.Equal(20, Unsafe.SizeOf<DeviceInfo>());
        Assert.Equal(32, Unsafe.SizeOf<RegionInfo>());
        Assert.Equal(16, (int)Marshal.OffsetOf<RegionInfo>(nameof(RegionInfo.Size)));
        Assert.Equal(24, (int)Marshal.OffsetOf<RegionInfo>(nameof(RegionInfo.Offset)));
        Assert.Equal(16, Unsafe.SizeOf<IrqInfo>());
        Assert.Equal(20, Unsafe.SizeOf<IrqSet>());                      // sizeof(struct vfio_irq_set), data[] at 20
        Assert.Equal(24, Unsafe.SizeOf<IrqSetEventFd>());
        Assert.Equal(20, (int)Marshal.OffsetOf<IrqSetEventFd>(nameof(IrqSetEventFd.EventFd)));
        Assert.Equal(32, Unsafe.SizeOf<DmaMap>());
        Assert.Equal(8, (int)Marshal.OffsetOf<DmaMap>(nameof(DmaMap.Vaddr)));
        Assert.Equal(16, (int)Marshal.OffsetOf<DmaMap>(nameof(DmaMap.Iova)));
        Assert.Equal(24, (int)Marshal.OffsetOf<DmaMap>(nameof(DmaMap.Size)));
        Assert.Equal(24, Unsafe.SizeOf<DmaUnmap>());
        Assert.Equal(8, (int)Marshal.OffsetOf<DmaUnmap>(nameof(DmaUnmap.Iova)));
        Assert.Equal(16, (int)Marshal.OffsetOf<DmaUnmap>(nameof(DmaUnmap.Size)));
    }

    [Fact]
    public void LibUsbDeviceDescriptorIs18BytesWithIdsAtEightAndTen()
    {
        Assert.Equal(18, Unsafe.SizeOf<LibUsbNative.DeviceDescriptor>());
        Assert.Equal(8, (int)Marshal.OffsetOf<LibUsbNative.DeviceDescriptor>(nameof(LibUsbNative.DeviceDescriptor.idVendor)));
        Assert.Equal(10, (int)Marshal.OffsetOf<LibUsbNative.DeviceDescriptor>(nameof(LibUsbNative.DeviceDescriptor.idProduct)));
        Assert.Equal(17, (int)Marshal.OffsetOf<LibUsbNative.DeviceDescriptor>(nameof(LibUsbNative.DeviceDescriptor.bNumConfigurations)));
    }
}
