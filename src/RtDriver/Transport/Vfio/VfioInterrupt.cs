using RtDriver.Transport.Linux;
using RtDriver.Transport.Pci;
using static RtDriver.Transport.Vfio.VfioAbi;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// A VFIO interrupt delivered through an eventfd. MSI when the function offers it (edge, no
/// re-arm); otherwise INTx, which VFIO masks automatically when it fires, so Rearm unmasks it.
/// </summary>
internal sealed unsafe class VfioInterrupt : IInterruptSource
{
    private readonly VfioDevice _device;
    private readonly UnixFd _eventFd;
    private readonly uint _index;
    private bool _disposed;

    private VfioInterrupt(VfioDevice device, UnixFd eventFd, uint index)
    {
        _device = device;
        _eventFd = eventFd;
        _index = index;
    }

    public string Description => _index == VFIO_PCI_MSI_IRQ_INDEX ? "MSI via eventfd" : "INTx via eventfd";

    public static VfioInterrupt Enable(VfioDevice device)
    {
        var msi = device.Irq(VFIO_PCI_MSI_IRQ_INDEX);
        uint index = msi.Count > 0 && (msi.Flags & VFIO_IRQ_INFO_EVENTFD) != 0 ? VFIO_PCI_MSI_IRQ_INDEX : VFIO_PCI_INTX_IRQ_INDEX;
        if (index == VFIO_PCI_INTX_IRQ_INDEX)
        {
            var intx = device.Irq(VFIO_PCI_INTX_IRQ_INDEX);
            if (intx.Count == 0)
                throw new RtException(RtStatus.Unsupported, $"{device.Name} offers neither MSI nor INTx interrupts through VFIO");
        }
        int efd = Libc.EventFd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (efd < 0) throw new RtException(RtStatus.Io, $"eventfd() failed: {Libc.LastError().Text}");
        var eventFd = new UnixFd(efd);
        try
        {
            device.SetIrqEventFd(index, efd);
        }
        catch
        {
            eventFd.Dispose();
            throw;
        }
        return new VfioInterrupt(device, eventFd, index);
    }

    public long Wait(int timeoutMs)
    {
        if (timeoutMs < 0) throw RtException.InvalidArgument($"interrupt wait timeout {timeoutMs} ms must not be negative (waits are bounded)");
        var pfd = new Libc.PollFd { Fd = _eventFd.Fd, Events = Libc.POLLIN };
        int r = Libc.Poll(&pfd, 1, timeoutMs);
        if (r < 0)
        {
            var (errno, text) = Libc.LastError();
            if (errno == Libc.EINTR) return 0;
            throw new RtException(RtStatus.Io, $"poll on the interrupt eventfd failed: {text}");
        }
        if (r == 0) return 0;
        ulong count;
        nint n = Libc.Read(_eventFd.Fd, &count, 8);
        if (n == 8) return (long)count;
        if (n < 0 && Libc.LastError().Errno == Libc.EAGAIN) return 0;
        throw new RtException(RtStatus.Io, $"reading the interrupt eventfd returned {n}");
    }

    public void Rearm()
    {
        if (_index == VFIO_PCI_INTX_IRQ_INDEX) _device.UnmaskIrq(_index);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { _device.DisableIrq(_index); } catch (RtException) { /* the device may already be gone */ }
        _eventFd.Dispose();
    }
}
