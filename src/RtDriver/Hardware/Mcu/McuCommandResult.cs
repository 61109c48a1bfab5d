namespace RtDriver.Hardware.Mcu;

/// <summary>
/// The outcome of one mailbox command. <see cref="Status"/> is the MCU's status byte (1 = success
/// per OpenBSD) when completion was awaited, null when it was not (USB, token 0xFF).
/// <see cref="RoundTrip"/> is wall-clock time from the mailbox write to the token appearing;
/// <see cref="Polls"/> counts H2M_MAILBOX_CID reads (× 100 µs is the time the chip took as
/// the driver saw it). <see cref="DeviceTime"/> is the same interval on the device's own clock
/// when the bus has one (<see cref="Transport.IHardwareClock"/>: the emulator's virtual time), else null.
/// <see cref="RoundTripMicroseconds"/> is what the device façade (RtDevice.McuCommand, rt_device_mcu_*)
/// reports: owner-bit wait + command + completion on the device's clock. This is the one MCU result type.
/// </summary>
public readonly record struct McuCommandResult(byte Command, byte Token, byte Arg0, byte Arg1, bool Awaited, byte? Status, int Slot, int Polls, TimeSpan RoundTrip, TimeSpan? DeviceTime = null)
{
    public bool Succeeded => !Awaited || Status == Registers.RtReg.MCU_STATUS_SUCCESS;

    /// <summary>The status byte, or 0xFF (no status: USB, or token 0xFF) when none was awaited — rt_device_mcu_probe's mcu_status.</summary>
    public byte StatusByte => Status ?? Registers.RtReg.MCU_TOKEN_NO_STATUS;

    /// <summary>Set by RtDevice.McuCommand: owner-bit wait + command + completion, in µs on the device's clock (virtual time on the emulator); 0 from the mailbox itself.</summary>
    public long RoundTripMicroseconds { get; init; }
}
