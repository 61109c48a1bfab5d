using System.Buffers.Binary;
using RtDriver.Transport.Linux;
using RtDriver.Transport.Mmio;

namespace RtDriver.Transport.Pci;

/// <summary>
/// Config space as a file range read with pread/pwrite: the sysfs "config" file (offset 0) or
/// the VFIO device fd at the config region's offset. Also the PCI presence check: a function
/// that is gone reads vendor id 0xFFFF.
/// </summary>
internal sealed unsafe class FilePciConfigSpace : IPciConfigSpace, IDevicePresence
{
    private readonly UnixFd _fd;
    private readonly long _base;
    private readonly string _what;

    public FilePciConfigSpace(UnixFd fd, long baseOffset, string what)
    {
        _fd = fd;
        _base = baseOffset;
        _what = what;
    }

    public ushort Read16(int offset)
    {
        ushort value;
        nint n = Libc.Pread(_fd.Fd, &value, 2, _base + offset);
        if (n != 2) throw Failed("read", offset, n);
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);  // config space is little-endian
    }

    public void Write16(int offset, ushort value)
    {
        ushort le = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        nint n = Libc.Pwrite(_fd.Fd, &le, 2, _base + offset);
        if (n != 2) throw Failed("write", offset, n);
    }

    public string Evidence => "config-space vendor id";

    public bool IsPresent()
    {
        try
        {
            return Read16(PciConfigRegisters.PCI_VENDOR_ID) != 0xFFFF;
        }
        catch (RtException)
        {
            // A config read that fails outright (ENODEV after hot removal) means gone too.
            return false;
        }
    }

    private RtException Failed(string op, int offset, nint n)
    {
        if (n < 0)
        {
            var (errno, text) = Libc.LastError();
            return new RtException(errno == Libc.ENODEV ? RtStatus.DeviceGone : RtStatus.Io,
                $"cannot {op} PCI config space of {_what} at 0x{offset:x}: {text}");
        }
        return new RtException(RtStatus.Io, $"short {op} of PCI config space of {_what} at 0x{offset:x}: {n} of 2 bytes");
    }
}
