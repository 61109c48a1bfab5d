using RtDriver.Transport.Dma;
using RtDriver.Transport.Linux;
using RtDriver.Transport.Mmio;
using RtDriver.Transport.Pci;

namespace RtDriver.Transport.Uio;

/// <summary>
/// A PCI function bound to uio_pci_generic: BAR0 mmapped from sysfs resource0, config space
/// through sysfs "config", interrupts through /dev/uioN, DMA memory from hugepages addressed
/// physically. There is no IOMMU in this path: the device can DMA anywhere in RAM, which is
/// why VFIO is preferred and why uio needs root.
/// </summary>
internal sealed class UioPciFunction : PciFunction
{
    private readonly UnixFd _configFd;
    private readonly UnixFd _resource0Fd;
    private readonly UnixFd _uioFd;
    private readonly MappedMmioWindow _bar0;
    private readonly FilePciConfigSpace _config;
    private readonly HugePageDmaAllocator _dma;
    private readonly string _uioPath;
    private UioInterrupt? _interrupt;
    private bool _disposed;

    private UioPciFunction(PciAddress address, UnixFd configFd, UnixFd resource0Fd, UnixFd uioFd, MappedMmioWindow bar0,
        FilePciConfigSpace config, HugePageDmaAllocator dma, string uioPath)
    {
        Address = address;
        _configFd = configFd;
        _resource0Fd = resource0Fd;
        _uioFd = uioFd;
        _bar0 = bar0;
        _config = config;
        _dma = dma;
        _uioPath = uioPath;
    }

    public override PciAddress Address { get; }
    public override BusKind Kind => BusKind.PciUio;
    public override IMmioWindow Bar0 => _bar0;
    public override IPciConfigSpace Config => _config;
    public override IDevicePresence Presence => _config;
    public override IDmaAllocator Dma => _dma;

    public static UioPciFunction Open(SysfsPciFunction fn, PciHost host)
    {
        var address = fn.Address;
        if (!host.IsRoot())
            throw new RtException(RtStatus.Permission,
                $"uio access to {address} needs root (config space writes, BAR0 mmap and physical addresses from /proc/self/pagemap): " +
                "run as root, or bind the card to vfio-pci instead, which also works for an ordinary user who owns /dev/vfio/N");
        if (fn.UioIndex is not int uioIndex)
            throw new RtException(RtStatus.State,
                $"{address} is bound to uio_pci_generic but {fn.Directory}/uio/ names no uioN device; rebind it: " +
                PciSetupAdvice.Joined(PciSetupAdvice.BindCommands(address, PciSetupAdvice.UioDriver, PciSetupAdvice.UioDriver)));
        if (fn.Bar0Length is not ulong barLength)
            throw new RtException(RtStatus.Unsupported, $"{address}: sysfs reports no BAR0 ({fn.Directory}/resource and resource0 missing or empty)");

        return OpenOrUnwind(fn.Vendor, $"uio {address}", cleanup =>
        {
            var configFd = UnixFd.Open(fn.ConfigPath, Libc.O_RDWR, UnixFd.DefaultExplain(fn.ConfigPath, "PCI config space"));
            cleanup.Push(configFd);
            var config = new FilePciConfigSpace(configFd, 0, $"uio {address}");
            var resourceFd = UnixFd.Open(fn.Resource0Path, Libc.O_RDWR, UnixFd.DefaultExplain(fn.Resource0Path, "BAR0"));
            cleanup.Push(resourceFd);
            var bar0 = MappedMmioWindow.Map(resourceFd, 0, barLength, $"BAR0 of {address} ({fn.Resource0Path})");
            cleanup.Push(bar0);
            string uioPath = host.UioPath(uioIndex);
            var uioFd = UnixFd.Open(uioPath, Libc.O_RDWR, (errno, text) => errno == Libc.ENOENT
                ? new RtException(RtStatus.NoDevice, $"the uio node {uioPath} for {address} does not exist ({text}); is devtmpfs mounted on {host.DevRoot}?")
                : UnixFd.DefaultExplain(uioPath, "the uio node")(errno, text));
            cleanup.Push(uioFd);
            return new UioPciFunction(address, configFd, resourceFd, uioFd, bar0, config, new HugePageDmaAllocator(host.PagemapPath), uioPath) { DeviceId = fn.Device };
        });
    }

    public override IInterruptSource EnableInterrupts()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _interrupt ??= new UioInterrupt(_uioFd, _config, _uioPath);
    }

    public override void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { DisableBusMastering(); } catch (RtException) { /* gone devices cannot be quiesced */ }
        _bar0.Dispose();
        _uioFd.Dispose();
        _resource0Fd.Dispose();
        _configFd.Dispose();
    }
}
