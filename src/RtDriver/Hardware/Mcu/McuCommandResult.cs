namespace RtDriver.Hardware.Mcu;

/// <summary>
/// The outcome of one mailbox command. <see cref="Status"/> is the MCU's status byte (1 = success
/// per OpenBSD) when completion was awaited, null when it was not (USB, token 0xFF).
/// <see cref="RoundTrip"/> is wall-clock time from the mailbox write to the token appearing;
/// <see cref="Polls"/> counts H2M_MAILBOX_CID reads (× 100 µs is the time the chip took as
/// the driver saw it — the emulator's virtual time).
/// </summary>
public readonly record struct McuCommandResult(byte Command, byte Token, byte Arg0, byte Arg1, bool Awaited, byte? Status, int Slot, int Polls, TimeSpan RoundTrip)
{
    public bool Succeeded => !Awaited || Status == Registers.RtReg.MCU_STATUS_SUCCESS;
}
