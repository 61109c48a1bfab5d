using RtDriver.Hardware.Eeprom;
using RtDriver.Transport;

namespace RtDriver.Hardware.Chip;

/// <summary>Everything identification yields: MAC_CSR0 identity plus the decoded configuration image.</summary>
public sealed record ChipInfo(ChipIdentity Identity, EepromContents Eeprom)
{
    public byte[] Mac => Eeprom.Mac;
    public uint RfId => Eeprom.RfId;

    /// <summary>CSR ready → MAC_CSR0 → EEPROM/eFuse. <paramref name="pciDeviceId"/> selects the RT3290 layout.</summary>
    public static ChipInfo Probe(IRegisterBus bus, uint? pciDeviceId = null)
    {
        var id = ChipIdentification.Identify(bus, pciDeviceId);
        return new ChipInfo(id, EepromReader.Read(bus, id));
    }

    public override string ToString() =>
        $"{Identity}; MAC {Eeprom.MacString}; {Eeprom.RfName} {Eeprom.TxPaths}T{Eeprom.RxPaths}R; config from {Eeprom.Source}";
}
