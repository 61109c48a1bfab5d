using RtDriver.Transport;

namespace RtDriver.Device;

/// <summary>What rt_device_get_info reports (the C struct rt_device_info, field for field).</summary>
public sealed record DeviceInfo(
    uint ChipId,
    uint ChipRev,
    uint RfId,
    byte[] Mac,
    BusKind Bus,
    bool FirmwareLoaded,
    uint FirmwareCrc,
    uint HwKeySlots,
    uint HwKeySlotsUsed,
    string Name);
