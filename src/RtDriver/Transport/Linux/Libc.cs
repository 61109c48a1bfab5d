using System.Runtime.InteropServices;

namespace RtDriver.Transport.Linux;

/// <summary>
/// The few libc calls the PCI transports need (open/ioctl/mmap/pread/poll/eventfd). Bound with
/// source-generated [LibraryImport] so NativeAOT needs no runtime marshalling stubs. Every call
/// sets errno (SetLastError) so failures can name the OS reason.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    // Values verified against this machine's <fcntl.h>/<sys/mman.h>/<sys/eventfd.h> (x86-64 and
    // arm64 Linux agree on all of these).
    public const int O_RDONLY = 0x0;
    public const int O_RDWR = 0x2;
    public const int O_CLOEXEC = 0x80000;
    public const int O_NONBLOCK = 0x800;
    public const int O_NOCTTY = 0x100;
    public const int PROT_READ = 0x1;
    public const int PROT_WRITE = 0x2;
    public const int MAP_SHARED = 0x1;
    public const int MAP_PRIVATE = 0x2;
    public const int MAP_ANONYMOUS = 0x20;
    public const int MAP_LOCKED = 0x2000;
    public const int MAP_POPULATE = 0x8000;
    public const int MAP_HUGETLB = 0x40000;
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const short POLLIN = 0x1;

    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, ENXIO = 6, EAGAIN = 11, ENOMEM = 12,
        EACCES = 13, EBUSY = 16, ENODEV = 19, ENOTDIR = 20, EINVAL = 22, ENOTTY = 25, ELOOP = 40;

    public static readonly nint MapFailed = -1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    // ioctl is variadic in C; on x86-64 and AArch64 Linux a pointer/integer third argument is
    // passed exactly as for a fixed-argument function, so a plain binding is correct there.
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* arg);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint arg);

    [LibraryImport(Lib, EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Lib, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint addr, nuint length);

    [LibraryImport(Lib, EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, void* buf, nuint count, long offset);

    [LibraryImport(Lib, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint Pwrite(int fd, void* buf, nuint count, long offset);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buf, nuint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buf, nuint count);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint nfds, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initval, int flags);

    // statx(2): its struct has one layout on every architecture (unlike struct stat), so a fixed
    // 256-byte buffer and two offsets describe it (linux/stat.h: stx_mode at 28, stx_size at 40).
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_TYPE = 0x1, STATX_SIZE = 0x200;
    public const int StatxBufferSize = 256, StatxModeOffset = 28, StatxSizeOffset = 40;
    public const int S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFBLK = 0x6000,
        S_IFIFO = 0x1000, S_IFSOCK = 0xC000;

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirfd, string path, int flags, uint mask, void* buffer);

    public const int R_OK = 4, W_OK = 2;

    [LibraryImport(Lib, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Access(string path, int mode);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    /// <summary>errno of the last call, with its text: "EACCES (13): Permission denied".</summary>
    public static (int Errno, string Text) LastError()
    {
        int errno = Marshal.GetLastPInvokeError();
        return (errno, $"{ErrnoName(errno)}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    public static string ErrnoName(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        EINTR => "EINTR",
        EIO => "EIO",
        ENXIO => "ENXIO",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        EBUSY => "EBUSY",
        ENODEV => "ENODEV",
        ENOTDIR => "ENOTDIR",
        ELOOP => "ELOOP",
        EINVAL => "EINVAL",
        ENOTTY => "ENOTTY",
        _ => $"errno {errno}",
    };
}
