using System.Runtime.InteropServices;
using RtDriver.Transport.Linux;
using RtDriver.Transport.Pci;
using static RtDriver.Transport.Vfio.VfioAbi;

namespace RtDriver.Transport.Vfio;

/// <summary>
/// A VFIO group (/dev/vfio/N): the unit of isolation the IOMMU gives. It is only usable
/// ("viable") when every function in the group is bound to vfio-pci (or no driver).
/// </summary>
internal sealed unsafe class VfioGroup : IDisposable
{
    private readonly UnixFd _fd;

    public int Number { get; }
    public string Path { get; }

    private VfioGroup(UnixFd fd, int number, string path)
    {
        _fd = fd;
        Number = number;
        Path = path;
    }

    public static VfioGroup Open(int number, string path, PciAddress address)
    {
        var fd = UnixFd.Open(path, Libc.O_RDWR, (errno, text) => OpenError(errno, text, number, path, address));
        return new VfioGroup(fd, number, path);
    }

    /// <summary>Why /dev/vfio/N could not be opened, with the fix (separate so tests can check every errno's sentence).</summary>
    internal static RtException OpenError(int errno, string text, int number, string path, PciAddress address) => errno switch
    {
        Libc.ENOENT => new RtException(RtStatus.NoDevice,
            $"the VFIO group node {path} does not exist ({text}), although {address} is in IOMMU group {number}: " +
            $"is it bound to vfio-pci? ({PciSetupAdvice.Joined(PciSetupAdvice.BindCommands(address, null, PciSetupAdvice.VfioDriver))})"),
        Libc.EACCES or Libc.EPERM => new RtException(RtStatus.Permission,
            $"permission denied on {path} ({text}): run as root, or give your user the group node: sudo chown $USER {path}"),
        Libc.EBUSY => new RtException(RtStatus.State,
            $"{path} is busy ({text}): IOMMU group {number} is already open in another process (another rtdriver, QEMU?)"),
        _ => new RtException(RtStatus.Io, $"cannot open the VFIO group {path}: {text}"),
    };

    public uint Status()
    {
        var status = new GroupStatus { Argsz = (uint)sizeof(GroupStatus) };
        VfioCall.Ioctl(_fd, VFIO_GROUP_GET_STATUS, &status, "VFIO_GROUP_GET_STATUS", Path);
        return status.Flags;
    }

    /// <summary>Refuses a group that is not viable, naming the other members that must be rebound.</summary>
    public void RequireViable(IReadOnlyList<string> members)
    {
        if ((Status() & VFIO_GROUP_FLAGS_VIABLE) != 0) return;
        throw new RtException(RtStatus.State,
            $"IOMMU group {Number} is not viable: every device in it must be bound to vfio-pci (or to no driver). " +
            $"Members: {(members.Count == 0 ? "(unknown)" : string.Join(", ", members))} — bind the others to vfio-pci too, or move the card to another slot");
    }

    public void SetContainer(VfioContainer container)
    {
        int containerFd = container.Fd.Fd;
        VfioCall.Ioctl(_fd, VFIO_GROUP_SET_CONTAINER, &containerFd, "VFIO_GROUP_SET_CONTAINER", Path);
    }

    /// <summary>VFIO_GROUP_GET_DEVICE_FD: the argument is the device's name as a C string ("0000:03:00.0").</summary>
    public UnixFd GetDeviceFd(PciAddress address)
    {
        nint name = Marshal.StringToCoTaskMemUTF8(address.ToString());
        try
        {
            int fd = VfioCall.Ioctl(_fd, VFIO_GROUP_GET_DEVICE_FD, name, $"VFIO_GROUP_GET_DEVICE_FD({address})", Path);
            return new UnixFd(fd);
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }

    public void Dispose() => _fd.Dispose();
}
