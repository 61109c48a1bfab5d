using System.Runtime.InteropServices;

namespace RtProbe;

/// <summary>
/// What a path really is, from stat(2) (symlinks followed): device and inode, so two names of one file
/// (the same path twice, a symlink, a hard link, a bind mount) are recognised as the same file before
/// one of them is opened for writing; and whether it is a regular file (only those can be replaced by
/// renaming a temporary file onto them; /dev/full, a FIFO or a terminal are written in place).
/// .NET exposes neither the inode nor the file type, hence the libc call.
/// </summary>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode, FileKind Kind)
{
    // struct stat: st_dev and st_ino are the first two 64-bit fields on both 64-bit Linux ABIs;
    // st_mode sits at byte 24 on x86-64 (after a 64-bit st_nlink) and at byte 16 on arm64.
    private const int StatBufferBytes = 256; // larger than struct stat on every Linux ABI (144 / 128)
    private const uint TypeMask = 0xF000, TypeRegular = 0x8000, TypeDirectory = 0x4000;

    public bool SameFileAs(FileIdentity other) => Device == other.Device && Inode == other.Inode;

    /// <summary>The identity of <paramref name="path"/>, or null when nothing exists there (or it cannot be examined).</summary>
    public static unsafe FileIdentity? Of(string path)
    {
        byte* buffer = stackalloc byte[StatBufferBytes];
        try
        {
            return Stat(path, buffer) == 0 ? FromBuffer(buffer) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null; // a libc without stat(): the callers then compare full paths only
        }
    }

    /// <summary>The identity of an open descriptor (0 for stdin), or null when it cannot be examined.</summary>
    public static unsafe FileIdentity? OfDescriptor(int fd)
    {
        byte* buffer = stackalloc byte[StatBufferBytes];
        try
        {
            return FStat(fd, buffer) == 0 ? FromBuffer(buffer) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    private static unsafe FileIdentity FromBuffer(byte* b)
    {
        ulong dev = *(ulong*)b, ino = *(ulong*)(b + 8);
        int modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        uint type = *(uint*)(b + modeOffset) & TypeMask;
        var kind = type switch { TypeRegular => FileKind.Regular, TypeDirectory => FileKind.Directory, _ => FileKind.Other };
        return new FileIdentity(dev, ino, kind);
    }

    // Only the two 64-bit ABIs whose layout is described above; elsewhere callers compare full paths.
    private static bool KnownLayout =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    private static unsafe int Stat(string path, byte* buffer) => KnownLayout ? Native.Stat(path, buffer) : -1;
    private static unsafe int FStat(int fd, byte* buffer) => KnownLayout ? Native.FStat(fd, buffer) : -1;

    private static unsafe partial class Native
    {
        // glibc exports stat/fstat as functions since 2.33 (Debian 12 has 2.36); older ones throw
        // EntryPointNotFoundException, handled above.
        [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Stat(string path, byte* buffer);

        [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
        public static partial int FStat(int fd, byte* buffer);
    }
}

/// <summary>The kinds of file an output path can name.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    /// <summary>A character or block device, FIFO or socket: written in place, cannot be replaced by rename.</summary>
    Other,
}
