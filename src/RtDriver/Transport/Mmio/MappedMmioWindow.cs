using System.Runtime.CompilerServices;
using System.Threading;
using RtDriver.Transport.Linux;

namespace RtDriver.Transport.Mmio;

/// <summary>
/// A register window over mapped memory (an mmap of BAR0 through VFIO or sysfs resource0).
/// Every access is a single aligned 32-bit volatile load or store: Volatile.Read/Write keep the
/// JIT/AOT compiler from tearing, merging, reordering or eliding them, which device registers
/// need (a read may have side effects, two writes to a kick register are two events).
/// </summary>
public sealed unsafe class MappedMmioWindow : IMmioWindow, IDisposable
{
    private readonly nint _base;
    private readonly ulong _length;
    private readonly bool _ownsMapping;
    private int _disposed;

    /// <summary>Wraps memory mapped elsewhere. With <paramref name="ownsMapping"/> Dispose munmaps it.</summary>
    public MappedMmioWindow(nint address, ulong length, bool ownsMapping)
    {
        if (address == 0) throw RtException.InvalidArgument("MMIO window address is NULL");
        if (length < 4) throw RtException.InvalidArgument($"MMIO window length {length} is smaller than one register");
        _base = address;
        _length = length;
        _ownsMapping = ownsMapping;
    }

    public ulong Length => _length;

    /// <summary>
    /// mmap(MAP_SHARED) of <paramref name="length"/> bytes of <paramref name="fd"/> at
    /// <paramref name="fileOffset"/> (a VFIO region offset, or 0 for sysfs resource0).
    /// </summary>
    internal static MappedMmioWindow Map(UnixFd fd, long fileOffset, ulong length, string what)
    {
        nint p = Libc.Mmap(0, (nuint)length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd.Fd, fileOffset);
        if (p == Libc.MapFailed)
        {
            var (errno, text) = Libc.LastError();
            throw new RtException(errno is Libc.EACCES or Libc.EPERM ? RtStatus.Permission : RtStatus.Io,
                $"cannot mmap {what} ({length} bytes at file offset 0x{fileOffset:x}): {text}");
        }
        return new MappedMmioWindow(p, length, ownsMapping: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read32(uint offset)
    {
        Check(offset);
        return Volatile.Read(ref Unsafe.AsRef<uint>((void*)(_base + (nint)offset)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write32(uint offset, uint value)
    {
        Check(offset);
        Volatile.Write(ref Unsafe.AsRef<uint>((void*)(_base + (nint)offset)), value);
    }

    private void Check(uint offset)
    {
        if (_disposed != 0) throw new ObjectDisposedException(nameof(MappedMmioWindow), "the MMIO window was unmapped");
        // Unaligned or out-of-window accesses would fault the process (SIGBUS) instead of
        // failing the call, so they are refused here.
        if ((offset & 3) != 0 || offset > _length - 4)
            throw RtException.InvalidArgument($"register offset 0x{offset:x} is unaligned or outside the {_length}-byte window");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_ownsMapping) Libc.Munmap(_base, (nuint)_length);
    }
}
