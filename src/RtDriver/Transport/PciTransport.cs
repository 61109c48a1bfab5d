using RtDriver.Transport.Mmio;
using RtDriver.Transport.Uio;
using RtDriver.Transport.Vfio;

namespace RtDriver.Transport;

/// <summary>
/// Opens a PCI function ("0000:03:00.0") as an <see cref="IRegisterBus"/>: through VFIO when
/// it is bound to vfio-pci, through uio when bound to uio_pci_generic, otherwise an
/// RtException naming the commands that rebind it. The returned bus is a
/// <see cref="MmioRegisterBus"/> whose <see cref="MmioRegisterBus.Function"/> is the
/// <see cref="Pci.PciFunction"/> (DMA memory, interrupts) for the data path.
/// </summary>
public static class PciTransport
{
    /// <param name="pciAddress">"DDDD:BB:DD.F", with or without a "pci:" prefix.</param>
    /// <param name="sysfsRoot">Where sysfs is mounted ("/sys").</param>
    public static IRegisterBus Open(string pciAddress, string sysfsRoot = "/sys") =>
        Open(pciAddress, Pci.PciHost.Real(sysfsRoot));

    internal static IRegisterBus Open(string pciAddress, Pci.PciHost host)
    {
        var function = OpenFunction(pciAddress, host);
        string how = function.Kind == BusKind.PciVfio ? "vfio" : "uio";
        return new MmioRegisterBus(function.Bar0, function.Presence, $"{how} {function.Address}", function.Kind, function);
    }

    /// <summary>The PCI function itself (BAR0, config, DMA, interrupts), without the register-bus wrapper.</summary>
    internal static Pci.PciFunction OpenFunction(string pciAddress, Pci.PciHost host)
    {
        if (pciAddress is null) throw RtException.InvalidArgument("PCI address is null");
        string text = pciAddress.StartsWith("pci:", StringComparison.OrdinalIgnoreCase) ? pciAddress[4..] : pciAddress;
        var address = Pci.PciAddress.Parse(text);
        var fn = Pci.SysfsPciFunction.Read(address, host.SysfsRoot);
        if (fn.Vendor is ushort v && fn.Device is ushort d && Discovery.SupportedIds.PciName(v, d) is null)
            throw new RtException(RtStatus.Unsupported,
                $"{address} is {v:x4}:{d:x4}, not an RT2860-class device (its vendor:device pair is not in the supported PCI id table)");
        return fn.Driver switch
        {
            Pci.PciSetupAdvice.VfioDriver => VfioPciFunction.Open(fn, host),
            Pci.PciSetupAdvice.UioDriver => UioPciFunction.Open(fn, host),
            _ => throw NotBound(fn),
        };
    }

    private static RtException NotBound(Pci.SysfsPciFunction fn)
    {
        string state = fn.Driver is null ? "is bound to no driver" : $"is bound to the kernel driver {fn.Driver}";
        var commands = Pci.PciSetupAdvice.BindCommands(fn.Address, fn.Driver, Pci.PciSetupAdvice.VfioDriver);
        string noIommu = fn.IommuGroup is null
            ? $" Note: it has no IOMMU group, so VFIO will not work until the IOMMU is enabled; {Pci.PciSetupAdvice.NoIommuAdvice(fn.Address)}"
            : "";
        return new RtException(RtStatus.State,
            $"{fn.Address} {state}; hand it to vfio-pci first: {Pci.PciSetupAdvice.Joined(commands)}.{noIommu}");
    }
}
