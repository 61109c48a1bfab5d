using RtDriver.Emulation;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;

namespace RtDriver.Device;

/// <summary>Who the chip is: MAC_CSR0 id/revision, RF id and MAC address from the EEPROM, display name.</summary>
public sealed record DeviceIdentity(uint ChipId, uint ChipRev, uint RfId, byte[] Mac, string Name)
{
    /// <summary>
    /// Reads the identity. TODO-merge(hwcore): chip identification and the EEPROM/eFuse reader
    /// belong to hwcore; until they land the MAC and RF id come from the emulated chip's model
    /// (and read as zero on real hardware).
    /// </summary>
    internal static DeviceIdentity Read(IRegisterBus bus, EmulatedNic? model)
    {
        uint csr0 = bus.WaitUntil(RtReg.MAC_CSR0, v => v != 0 && v != RegisterBusExtensions.AllOnes,
            PollLimits.CSR_READY_COUNT, PollLimits.CSR_READY_DELAY_US, "CSR ready (MAC_CSR0)");
        uint id = csr0 >> 16, rev = csr0 & 0xFFFF;
        if (model is not null)
            return new DeviceIdentity(id, rev, (uint)(model.Info.NicConf0 >> 8) & 0xF, model.Options.Mac.ToArray(), $"{model.Info.Name} (emulated)");
        return new DeviceIdentity(id, rev, 0, new byte[6], $"RT{id:X4} ({bus.Kind})");
    }
}
