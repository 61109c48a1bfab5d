using RtDriver.Transport.Dma;
using RtDriver.Transport.Mmio;

namespace RtDriver.Transport.Pci;

/// <summary>
/// An opened PCI function as the transports own it: BAR0, config space, DMA memory and the
/// interrupt line. The register bus (<see cref="MmioRegisterBus"/>) carries it in
/// <see cref="MmioRegisterBus.Function"/> so the data path can reach DMA and interrupts.
/// </summary>
public abstract class PciFunction : IDisposable
{
    public abstract PciAddress Address { get; }

    public abstract BusKind Kind { get; }

    /// <summary>The PCI device id from sysfs (e.g. 0x3290 selects the RT3290 register layout, docs/hardware.md §2.1); null if sysfs did not say.</summary>
    public ushort? DeviceId { get; protected init; }

    public abstract IMmioWindow Bar0 { get; }

    public abstract IPciConfigSpace Config { get; }

    /// <summary>The presence check for all-ones register reads (config-space vendor id).</summary>
    public abstract IDevicePresence Presence { get; }

    public abstract IDmaAllocator Dma { get; }

    /// <summary>Sets up the interrupt line (once); later calls return the same source.</summary>
    public abstract IInterruptSource EnableInterrupts();

    /// <summary>Sets memory-space decoding and bus mastering in the command register (the device may DMA from now on).</summary>
    public void EnableBusMastering()
    {
        ushort cmd = Config.Read16(PciConfigRegisters.PCI_COMMAND);
        ushort want = (ushort)(cmd | PciConfigRegisters.PCI_COMMAND_MEMORY | PciConfigRegisters.PCI_COMMAND_MASTER);
        if (want != cmd) Config.Write16(PciConfigRegisters.PCI_COMMAND, want);
    }

    /// <summary>Clears bus mastering (on close, so a half-configured ring cannot keep DMA-ing).</summary>
    public void DisableBusMastering()
    {
        ushort cmd = Config.Read16(PciConfigRegisters.PCI_COMMAND);
        if ((cmd & PciConfigRegisters.PCI_COMMAND_MASTER) != 0)
            Config.Write16(PciConfigRegisters.PCI_COMMAND, (ushort)(cmd & ~PciConfigRegisters.PCI_COMMAND_MASTER));
    }

    /// <summary>Refuses a function whose config space says it is not the chip sysfs promised (or is gone).</summary>
    protected void CheckConfigIds(ushort? sysfsVendor, string what)
    {
        ushort vendor = Config.Read16(PciConfigRegisters.PCI_VENDOR_ID);
        if (vendor == 0xFFFF)
            throw new RtException(RtStatus.DeviceGone, $"{what}: config space reads vendor id 0xFFFF — the device is not answering (removed or powered down?)");
        if (sysfsVendor is { } v && v != vendor)
            throw new RtException(RtStatus.Io, $"{what}: config space vendor id 0x{vendor:x4} differs from sysfs 0x{v:x4}");
    }

    /// <summary>
    /// The frame of every Open (uio, vfio): <paramref name="acquire"/> opens fds and mappings one by
    /// one, pushing each on the stack it is given, and builds the function; then the config-space
    /// ids are checked against sysfs and bus mastering enabled. If any step throws, what was acquired
    /// is disposed newest first, so a failed open leaks no fd or mapping.
    /// </summary>
    protected static T OpenOrUnwind<T>(ushort? sysfsVendor, string what, Func<Stack<IDisposable>, T> acquire) where T : PciFunction
    {
        var acquired = new Stack<IDisposable>();
        try
        {
            var function = acquire(acquired);
            function.CheckConfigIds(sysfsVendor, what);
            function.EnableBusMastering();
            return function;
        }
        catch
        {
            while (acquired.Count > 0) acquired.Pop().Dispose();
            throw;
        }
    }

    public abstract void Dispose();
}
