namespace RtDriver.Transport.Pci;

/// <summary>A PCI function's configuration space (sysfs "config" for uio, VFIO region 7 for VFIO).</summary>
public interface IPciConfigSpace
{
    ushort Read16(int offset);

    void Write16(int offset, ushort value);
}
