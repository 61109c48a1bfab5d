using System.Runtime.InteropServices;

namespace RtDriver.Transport.Linux;

/// <summary>
/// An owned Unix file descriptor (device node, sysfs file, eventfd). A SafeHandle so a
/// descriptor is closed exactly once even when an Open path fails half-way.
/// </summary>
internal sealed class UnixFd : SafeHandle
{
    public UnixFd() : base(-1, ownsHandle: true) { }

    public UnixFd(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    /// <summary>The raw descriptor; only valid while this object is alive and not disposed.</summary>
    public int Fd
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (int)handle;
        }
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;

    /// <summary>
    /// open(2) with O_CLOEXEC. Failures become an RtException whose message is built by
    /// <paramref name="explain"/> from errno, so each caller can name its own fix.
    /// </summary>
    public static UnixFd Open(string path, int flags, Func<int, string, RtException> explain)
    {
        int fd = Libc.Open(path, flags | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var (errno, text) = Libc.LastError();
            throw explain(errno, text);
        }
        return new UnixFd(fd);
    }

    /// <summary>The default explanation: permission problems are RT_ERR_PERMISSION, missing files RT_ERR_NO_DEVICE.</summary>
    public static Func<int, string, RtException> DefaultExplain(string path, string what) => (errno, text) => errno switch
    {
        Libc.EACCES or Libc.EPERM => new RtException(RtStatus.Permission,
            $"cannot open {what} {path}: {text}; run as root or give your user access to it"),
        Libc.ENOENT or Libc.ENODEV or Libc.ENXIO => new RtException(RtStatus.NoDevice, $"cannot open {what} {path}: {text}"),
        _ => new RtException(RtStatus.Io, $"cannot open {what} {path}: {text}"),
    };
}
