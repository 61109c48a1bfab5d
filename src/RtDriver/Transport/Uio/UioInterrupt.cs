using RtDriver.Transport.Linux;
using RtDriver.Transport.Pci;

namespace RtDriver.Transport.Uio;

/// <summary>
/// The INTx line through /dev/uioN (uio_pci_generic). A read returns the 32-bit running count of
/// interrupts. uio_pci_generic's kernel handler masks the line by setting the command register's
/// INTx-disable bit when our device asserted it; re-arming is clearing that bit again
/// (Documentation/driver-api/uio-howto.rst, "Generic PCI UIO driver").
/// </summary>
internal sealed unsafe class UioInterrupt : IInterruptSource
{
    private readonly UnixFd _fd;
    private readonly IPciConfigSpace _config;
    private readonly string _path;
    private uint _lastCount;
    private bool _haveCount;

    public UioInterrupt(UnixFd fd, IPciConfigSpace config, string path)
    {
        _fd = fd;
        _config = config;
        _path = path;
        Rearm();
    }

    public string Description => $"INTx via {_path}";

    public long Wait(int timeoutMs)
    {
        if (timeoutMs < 0) throw RtException.InvalidArgument($"interrupt wait timeout {timeoutMs} ms must not be negative (waits are bounded)");
        var pfd = new Libc.PollFd { Fd = _fd.Fd, Events = Libc.POLLIN };
        int r = Libc.Poll(&pfd, 1, timeoutMs);
        if (r < 0)
        {
            var (errno, text) = Libc.LastError();
            if (errno == Libc.EINTR) return 0;
            throw new RtException(RtStatus.Io, $"poll on {_path} failed: {text}");
        }
        if (r == 0) return 0;
        uint count;
        nint n = Libc.Read(_fd.Fd, &count, 4);
        if (n < 0)
        {
            var (errno, text) = Libc.LastError();
            throw new RtException(errno == Libc.EIO ? RtStatus.DeviceGone : RtStatus.Io, $"reading the interrupt count from {_path} failed: {text}");
        }
        if (n != 4)
            throw new RtException(RtStatus.Io,
                $"reading the interrupt count from {_path} returned {n} bytes instead of 4: {_path} is not a uio device node");
        long delta = _haveCount ? (long)(uint)(count - _lastCount) : 1;
        _lastCount = count;
        _haveCount = true;
        return delta;
    }

    public void Rearm()
    {
        ushort cmd = _config.Read16(PciConfigRegisters.PCI_COMMAND);
        if ((cmd & PciConfigRegisters.PCI_COMMAND_INTX_DISABLE) != 0)
            _config.Write16(PciConfigRegisters.PCI_COMMAND, (ushort)(cmd & ~PciConfigRegisters.PCI_COMMAND_INTX_DISABLE));
    }

    public void Dispose() { /* the fd belongs to the UioPciFunction */ }
}
