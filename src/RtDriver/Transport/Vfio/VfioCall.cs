using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Vfio;

/// <summary>One VFIO ioctl with errno turned into an RtException that says which call failed on which node.</summary>
internal static unsafe class VfioCall
{
    public static int Ioctl(UnixFd fd, nuint request, void* arg, string call, string node)
    {
        int r = Libc.Ioctl(fd.Fd, request, arg);
        if (r < 0) throw Failed(call, node);
        return r;
    }

    public static int Ioctl(UnixFd fd, nuint request, nint arg, string call, string node)
    {
        int r = Libc.Ioctl(fd.Fd, request, arg);
        if (r < 0) throw Failed(call, node);
        return r;
    }

    private static RtException Failed(string call, string node)
    {
        var (errno, text) = Libc.LastError();
        return errno switch
        {
            // ENOTTY: the file exists but does not implement the VFIO ioctls — a plain file or
            // a node of another driver where a VFIO character device was expected.
            Libc.ENOTTY => new RtException(RtStatus.Io,
                $"{call} failed on {node}: {text} — {node} is not a VFIO device node (is the vfio module loaded? modprobe vfio-pci)"),
            Libc.EACCES or Libc.EPERM => new RtException(RtStatus.Permission, $"{call} failed on {node}: {text}; run as root"),
            // MAP_DMA pins our pages; the pinned total counts against RLIMIT_MEMLOCK for non-root users.
            Libc.ENOMEM => new RtException(RtStatus.NoMemory,
                $"{call} failed on {node}: {text} — DMA memory is pinned and counts against the locked-memory limit; raise it (ulimit -l, /etc/security/limits.conf memlock) or run as root"),
            Libc.ENODEV => new RtException(RtStatus.DeviceGone, $"{call} failed on {node}: {text} (device removed?)"),
            _ => new RtException(RtStatus.Io, $"{call} failed on {node}: {text}"),
        };
    }
}
