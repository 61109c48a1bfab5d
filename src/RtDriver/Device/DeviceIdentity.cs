using RtDriver.Hardware.Chip;
using RtDriver.Transport;

namespace RtDriver.Device;

/// <summary>Who the chip is: MAC_CSR0 id/revision, RF id and MAC address from the EEPROM/eFuse, display name.</summary>
public sealed record DeviceIdentity(ChipIdentity Chip, uint RfId, byte[] Mac, string Name, string Summary)
{
    public uint ChipId => Chip.ChipId;
    public uint ChipRev => Chip.Revision;

    /// <summary>CSR ready → MAC_CSR0 → EEPROM/eFuse (Hardware/Chip's <see cref="ChipInfo.Probe"/>).</summary>
    /// <param name="emulatedName">The emulated part's name (from <see cref="DeviceFactory"/>), null for real hardware.</param>
    internal static DeviceIdentity Read(IRegisterBus bus, string? emulatedName, uint? pciDeviceId = null)
    {
        var info = ChipInfo.Probe(bus, pciDeviceId);
        // The emulated part's marketing name (RT2870 reads 0x2872 in MAC_CSR0, like real RT2870-generation sticks).
        string name = emulatedName is not null
            ? $"{emulatedName} (emulated)"
            : $"{info.Identity.Name} ({(bus.Kind == BusKind.Usb ? "USB" : "PCI")})";
        return new DeviceIdentity(info.Identity, info.RfId, info.Mac, name, info.ToString());
    }
}
