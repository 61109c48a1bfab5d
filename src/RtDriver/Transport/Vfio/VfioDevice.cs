using RtDriver.Transport.Linux;
using RtDriver.Transport.Mmio;
using RtDriver.Transport.Pci;
using static RtDriver.Transport.Vfio.VfioAbi;

namespace RtDriver.Transport.Vfio;

/// <summary>A VFIO device fd: region info, BAR0 mapping, config space access and IRQ setup.</summary>
internal sealed unsafe class VfioDevice : IDisposable
{
    private readonly UnixFd _fd;

    public string Name { get; }

    public VfioDevice(UnixFd fd, string name)
    {
        _fd = fd;
        Name = name;
    }

    internal UnixFd Fd => _fd;

    public DeviceInfo Info()
    {
        var info = new DeviceInfo { Argsz = (uint)sizeof(DeviceInfo) };
        VfioCall.Ioctl(_fd, VFIO_DEVICE_GET_INFO, &info, "VFIO_DEVICE_GET_INFO", Name);
        return info;
    }

    public RegionInfo Region(uint index)
    {
        var info = new RegionInfo { Argsz = (uint)sizeof(RegionInfo), Index = index };
        VfioCall.Ioctl(_fd, VFIO_DEVICE_GET_REGION_INFO, &info, $"VFIO_DEVICE_GET_REGION_INFO({index})", Name);
        return info;
    }

    /// <summary>mmaps BAR0 (region 0); the RT2860 registers are memory-mapped and mmap-able.</summary>
    public MappedMmioWindow MapBar0()
    {
        var bar = Region(VFIO_PCI_BAR0_REGION_INDEX);
        if (bar.Size == 0)
            throw new RtException(RtStatus.Unsupported, $"{Name}: BAR0 is empty (region size 0); this is not an RT2860-class function");
        if ((bar.Flags & VFIO_REGION_INFO_FLAG_MMAP) == 0)
            throw new RtException(RtStatus.Unsupported, $"{Name}: VFIO does not allow mmap of BAR0 (flags 0x{bar.Flags:x})");
        return MappedMmioWindow.Map(_fd, checked((long)bar.Offset), bar.Size, $"BAR0 of {Name}");
    }

    /// <summary>Config space is region 7, read and written with pread/pwrite at its offset.</summary>
    public FilePciConfigSpace Config()
    {
        var cfg = Region(VFIO_PCI_CONFIG_REGION_INDEX);
        if ((cfg.Flags & (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE)) != (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE))
            throw new RtException(RtStatus.Unsupported, $"{Name}: the VFIO config region is not read/write (flags 0x{cfg.Flags:x})");
        return new FilePciConfigSpace(_fd, checked((long)cfg.Offset), $"vfio {Name}");
    }

    public IrqInfo Irq(uint index)
    {
        var info = new IrqInfo { Argsz = (uint)sizeof(IrqInfo), Index = index };
        VfioCall.Ioctl(_fd, VFIO_DEVICE_GET_IRQ_INFO, &info, $"VFIO_DEVICE_GET_IRQ_INFO({index})", Name);
        return info;
    }

    /// <summary>VFIO_DEVICE_SET_IRQS with DATA_EVENTFD|ACTION_TRIGGER: the kernel signals <paramref name="eventFd"/> per interrupt.</summary>
    public void SetIrqEventFd(uint index, int eventFd)
    {
        var set = new IrqSetEventFd
        {
            Argsz = (uint)sizeof(IrqSetEventFd),
            Flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
            Index = index,
            Start = 0,
            Count = 1,
            EventFd = eventFd,
        };
        VfioCall.Ioctl(_fd, VFIO_DEVICE_SET_IRQS, &set, $"VFIO_DEVICE_SET_IRQS(index {index}, eventfd)", Name);
    }

    /// <summary>Turns the trigger off (DATA_NONE|ACTION_TRIGGER with count 0).</summary>
    public void DisableIrq(uint index)
    {
        var set = new IrqSet { Argsz = (uint)sizeof(IrqSet), Flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, Index = index, Count = 0 };
        VfioCall.Ioctl(_fd, VFIO_DEVICE_SET_IRQS, &set, $"VFIO_DEVICE_SET_IRQS(index {index}, disable)", Name);
    }

    /// <summary>Unmasks an automasked INTx line (DATA_NONE|ACTION_UNMASK).</summary>
    public void UnmaskIrq(uint index)
    {
        var set = new IrqSet { Argsz = (uint)sizeof(IrqSet), Flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK, Index = index, Start = 0, Count = 1 };
        VfioCall.Ioctl(_fd, VFIO_DEVICE_SET_IRQS, &set, $"VFIO_DEVICE_SET_IRQS(index {index}, unmask)", Name);
    }

    public void Dispose() => _fd.Dispose();
}
