using RtDriver.Transport.Dma;
using RtDriver.Transport.Mmio;
using RtDriver.Transport.Pci;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// A PCI function opened through VFIO: container → group → device, the type-1 IOMMU, BAR0
/// mmap, config space (region 7), IOMMU-mapped DMA memory and eventfd interrupts.
/// The order of the steps is the one the kernel requires (vfio.rst): the group must be viable
/// and attached to the container before the IOMMU model is set, and the IOMMU must be set
/// before a device fd can be had.
/// </summary>
internal sealed class VfioPciFunction : PciFunction
{
    private readonly VfioContainer _container;
    private readonly VfioGroup _group;
    private readonly VfioDevice _device;
    private readonly MappedMmioWindow _bar0;
    private readonly FilePciConfigSpace _config;
    private readonly VfioDmaAllocator _dma;
    private VfioInterrupt? _interrupt;
    private bool _disposed;

    private VfioPciFunction(PciAddress address, VfioContainer container, VfioGroup group, VfioDevice device, MappedMmioWindow bar0, FilePciConfigSpace config)
    {
        Address = address;
        _container = container;
        _group = group;
        _device = device;
        _bar0 = bar0;
        _config = config;
        _dma = new VfioDmaAllocator(container);
    }

    public override PciAddress Address { get; }
    public override BusKind Kind => BusKind.PciVfio;
    public override IMmioWindow Bar0 => _bar0;
    public override IPciConfigSpace Config => _config;
    public override IDevicePresence Presence => _config;
    public override IDmaAllocator Dma => _dma;

    /// <summary>The group number and IOMMU model in use (for diagnostics).</summary>
    public int IommuGroup => _group.Number;
    public int IommuType => _container.IommuType;

    public static VfioPciFunction Open(SysfsPciFunction fn, PciHost host)
    {
        var address = fn.Address;
        if (fn.IommuGroup is not int groupNumber)
            throw new RtException(RtStatus.Unsupported,
                $"{address} is bound to vfio-pci but has no IOMMU group (no {fn.Directory}/iommu_group): {PciSetupAdvice.NoIommuAdvice(address)}");

        return OpenOrUnwind(fn.Vendor, $"vfio {address}", cleanup =>
        {
            var container = VfioContainer.Open(host.VfioContainerPath);
            cleanup.Push(container);
            var group = VfioGroup.Open(groupNumber, host.VfioGroupPath(groupNumber), address);
            cleanup.Push(group);
            group.RequireViable(host.IommuGroupMembers(groupNumber));
            group.SetContainer(container);
            container.SetIommu();
            var device = new VfioDevice(group.GetDeviceFd(address), address.ToString());
            cleanup.Push(device);
            var config = device.Config();
            var bar0 = device.MapBar0();
            cleanup.Push(bar0);
            return new VfioPciFunction(address, container, group, device, bar0, config) { DeviceId = fn.Device };
        });
    }

    public override IInterruptSource EnableInterrupts()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _interrupt ??= VfioInterrupt.Enable(_device);
    }

    public override void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _interrupt?.Dispose();
        try { DisableBusMastering(); } catch (RtException) { /* gone devices cannot be quiesced */ }
        _bar0.Dispose();
        _device.Dispose();
        _group.Dispose();
        _container.Dispose();
    }
}
