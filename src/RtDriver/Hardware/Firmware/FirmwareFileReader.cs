using System.Diagnostics;
using RtDriver.Transport.Linux;

namespace RtDriver.Hardware.Firmware;

/// <summary>
/// The one way a firmware image is read from a path (rt_device_load_firmware, the search path,
/// rtprobe's fw commands). An image is at most <see cref="FirmwareFamilies.LargestImageSize"/>
/// bytes, so nothing larger is ever read whole: a regular file that says it is larger is refused
/// from its size alone, without reading a byte; anything else (character or block device, FIFO,
/// a /proc file whose size reads 0, a file growing while it is read) is read at most one byte past
/// the bound and refused if that byte arrives. The file is opened O_NONBLOCK so a FIFO without a
/// writer reads as empty instead of hanging in open(2), and a stream that has not ended within
/// <see cref="StreamTimeout"/> (silent or trickling) is given up. Every refusal is RT_ERR_BAD_FIRMWARE naming the path and
/// the size (RT_ERR_PERMISSION when the OS refuses access). Memory used: one bound-sized buffer.
/// </summary>
public static unsafe class FirmwareFileReader
{
    /// <summary>
    /// How long reading a FIFO or device may take in all (an overall bound, not per silence: a writer
    /// trickling a byte every few seconds cannot stretch it to 8193 × that).
    /// </summary>
    public static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the image at <paramref name="path"/>; throws RtException as described above.</summary>
    public static byte[] Read(string path) => Read(path, FirmwareFamilies.LargestImageSize, StreamTimeout);

    /// <summary>The same with an explicit bound and silence timeout (tests).</summary>
    internal static byte[] Read(string path, int limit, TimeSpan streamTimeout)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw RtException.InvalidArgument("firmware path is empty");
        if (path.Contains('\0')) throw RtException.InvalidArgument($"firmware path \"{path.Replace("\0", "\\0")}\" contains a NUL byte");
        using var fd = UnixFd.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY, (errno, text) => errno switch
        {
            Libc.EACCES or Libc.EPERM => new RtException(RtStatus.Permission, $"cannot read firmware {path}: {text}"),
            // open(2) of a Unix socket fails with ENXIO: say what it is rather than "no such device".
            Libc.ENXIO when IsSocket(path) => new RtException(RtStatus.BadFirmware, $"firmware {path} is a socket, not a firmware image"),
            _ => new RtException(RtStatus.BadFirmware, $"cannot read firmware {path}: {text}"),
        });
        var (type, size) = Stat(fd.Fd, path);
        if (type == Libc.S_IFDIR)
            throw new RtException(RtStatus.BadFirmware, $"firmware {path} is a directory, not a firmware image");
        if (type == Libc.S_IFREG && size > (ulong)limit)
            throw new RtException(RtStatus.BadFirmware,
                $"firmware {path} is {size} bytes, larger than the largest RT2860-class firmware image ({limit} bytes); not read");
        return ReadBounded(fd.Fd, path, limit, type == Libc.S_IFREG ? size : null, streamTimeout);
    }

    // Reads until end of file, at most limit + 1 bytes: the extra byte proves "larger than the bound"
    // for sources whose size is unknown in advance (devices, FIFOs) or changed since fstat (growing files).
    private static byte[] ReadBounded(int fd, string path, int limit, ulong? regularSize, TimeSpan streamTimeout)
    {
        var buffer = new byte[limit + 1];
        int have = 0;
        long deadline = Stopwatch.GetTimestamp() + (long)(streamTimeout.TotalSeconds * Stopwatch.Frequency);
        while (have < buffer.Length)
        {
            nint n;
            fixed (byte* p = &buffer[have]) n = Libc.Read(fd, p, (nuint)(buffer.Length - have));
            if (n > 0) { have += (int)n; continue; }
            if (n == 0) break; // end of file (a FIFO with no writer left ends here too)
            var (errno, text) = Libc.LastError();
            if (errno == Libc.EINTR) continue;
            if (errno != Libc.EAGAIN)
                throw new RtException(RtStatus.BadFirmware, $"cannot read firmware {path} after {have} bytes: {text}");
            WaitReadable(fd, path, have, deadline, streamTimeout);
        }
        if (have > limit)
            throw new RtException(RtStatus.BadFirmware, regularSize is ulong said
                ? $"firmware {path} holds more than {limit} bytes although its size read {said} (it grew while being read, or is a /proc-style file): larger than the largest RT2860-class firmware image; read stopped there"
                : $"firmware {path} delivers more than {limit} bytes (a device or FIFO, not an image file): larger than the largest RT2860-class firmware image; read stopped there");
        return buffer.AsSpan(0, have).ToArray();
    }

    // A non-blocking source with nothing to read yet: poll, bounded by the overall deadline.
    private static void WaitReadable(int fd, string path, int have, long deadline, TimeSpan streamTimeout)
    {
        while (true)
        {
            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
                throw new RtException(RtStatus.BadFirmware,
                    $"firmware {path} delivered {have} bytes and did not end within {streamTimeout.TotalSeconds:0.#} s; an image must be readable to its end");
            int ms = (int)Math.Clamp(left * 1000 / Stopwatch.Frequency + 1, 1, int.MaxValue);
            var pfd = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
            int r = Libc.Poll(&pfd, 1, ms);
            if (r > 0) return; // readable, end of file or hang-up: the next read says which
            if (r < 0)
            {
                var (errno, text) = Libc.LastError();
                if (errno == Libc.EINTR) continue;
                throw new RtException(RtStatus.BadFirmware, $"cannot read firmware {path}: poll failed: {text}");
            }
        }
    }

    private static (int Type, ulong Size) Stat(int fd, string path)
    {
        byte* buffer = stackalloc byte[Libc.StatxBufferSize];
        new Span<byte>(buffer, Libc.StatxBufferSize).Clear();
        if (Libc.Statx(fd, "", Libc.AT_EMPTY_PATH, Libc.STATX_TYPE | Libc.STATX_SIZE, buffer) != 0)
        {
            var (_, text) = Libc.LastError();
            throw new RtException(RtStatus.BadFirmware, $"cannot read firmware {path}: statx failed: {text}");
        }
        int mode = *(ushort*)(buffer + Libc.StatxModeOffset);
        ulong size = *(ulong*)(buffer + Libc.StatxSizeOffset);
        return (mode & Libc.S_IFMT, size);
    }

    // Only asked after open(2) failed with ENXIO, to name the cause.
    private static bool IsSocket(string path)
    {
        const int AT_FDCWD = -100;
        byte* buffer = stackalloc byte[Libc.StatxBufferSize];
        new Span<byte>(buffer, Libc.StatxBufferSize).Clear();
        if (Libc.Statx(AT_FDCWD, path, 0, Libc.STATX_TYPE, buffer) != 0) return false;
        return (*(ushort*)(buffer + Libc.StatxModeOffset) & Libc.S_IFMT) == Libc.S_IFSOCK;
    }
}
