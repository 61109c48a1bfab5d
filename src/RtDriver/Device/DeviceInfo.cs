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

/// <summary>The outcome of one MCU mailbox command: the status byte the MCU posted and how long the round trip took.</summary>
/// <param name="Status">Status byte from H2M_MAILBOX_STATUS (1 = success per OpenBSD); 0xFF when no status was asked for.</param>
/// <param name="RoundTripMicroseconds">Owner-bit wait + command + completion, in µs (virtual time on the emulator).</param>
public readonly record struct McuResult(byte Status, long RoundTripMicroseconds);
