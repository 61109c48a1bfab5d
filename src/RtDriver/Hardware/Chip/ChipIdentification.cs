using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Chip;

/// <summary>CSR-ready wait and MAC_CSR0 identification (docs/hardware.md §2.1).</summary>
public static class ChipIdentification
{
    /// <summary>PCI device id of the RT3290, whose version word is at 0x0000 instead of MAC_CSR0.</summary>
    public const uint Rt3290PciDeviceId = 0x3290;

    /// <summary>The version register for a device: MAC_CSR0, or MAC_CSR0_3290 for PCI device 0x3290.</summary>
    public static uint VersionRegister(uint? pciDeviceId) => pciDeviceId == Rt3290PciDeviceId ? RtReg.MAC_CSR0_3290 : RtReg.MAC_CSR0;

    /// <summary>
    /// Waits until the version register reads neither 0 nor all-ones (Linux: 100 × 1 ms, "Unstable
    /// hardware" otherwise). Still all-ones at the end means the device is gone (or not powered).
    /// Returns the register's value.
    /// </summary>
    public static uint WaitCsrReady(IRegisterBus bus, uint? pciDeviceId = null)
    {
        uint reg = VersionRegister(pciDeviceId);
        var timing = bus.Timing();
        uint v = 0;
        for (int i = 0; i < PollLimits.CSR_READY_COUNT; i++)
        {
            v = bus.Read32(reg);
            if (v != 0 && v != RegisterBusExtensions.AllOnes) return v;
            timing.DelayMicroseconds(PollLimits.CSR_READY_DELAY_US);
        }
        string budget = $"{PollLimits.CSR_READY_COUNT} x {RegisterBusExtensions.FormatDelay(PollLimits.CSR_READY_DELAY_US)}";
        if (v == RegisterBusExtensions.AllOnes)
            throw new RtException(RtStatus.DeviceGone, $"CSR ready: version register 0x{reg:X4} still reads 0xFFFFFFFF after {budget} on {bus.Description} — the device is gone or not powered");
        throw new RtException(RtStatus.Timeout, $"CSR ready: version register 0x{reg:X4} still reads 0 after {budget} on {bus.Description} (\"Unstable hardware\")");
    }

    /// <summary>Reads and checks the chip id. An id outside the accepted list is RT_ERR_UNSUPPORTED naming it.</summary>
    public static ChipIdentity Identify(IRegisterBus bus, uint? pciDeviceId = null)
    {
        uint v = WaitCsrReady(bus, pciDeviceId);
        var id = ChipIdentity.FromMacCsr0(v, bus is IUsbDeviceRequests);
        if (!ChipIdentity.AcceptedIds.Contains(id.ChipId))
            throw new RtException(RtStatus.Unsupported,
                $"Invalid RT chipset 0x{id.ChipId:X4} (MAC_CSR0 = 0x{v:X8}) on {bus.Description}: not an RT2860-class chip "
                + $"(accepted: {string.Join(", ", ChipIdentity.AcceptedIds.Order().Select(x => $"0x{x:X4}"))})");
        return id;
    }
}
