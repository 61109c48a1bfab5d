using RtDriver.Hardware.Registers;

namespace RtDriver.Device;

/// <summary>
/// The MCU mailbox codes a front end needs for <see cref="RtDevice.McuCommand"/> and its answer,
/// beside the façade so that the C ABI and rtprobe need nothing below the device (the register
/// map keeps the full list).
/// </summary>
public static class McuCommands
{
    /// <summary>MCU_WAKEUP.</summary>
    public const byte Wakeup = RtReg.MCU_WAKEUP;

    /// <summary>MCU_BOOT_SIGNAL.</summary>
    public const byte BootSignal = RtReg.MCU_BOOT_SIGNAL;

    /// <summary>MCU_LED (arg1 0x20: radio on).</summary>
    public const byte Led = RtReg.MCU_LED;

    /// <summary>The status byte of a command that succeeded (OpenBSD's rule: anything else failed).</summary>
    public const byte StatusSuccess = RtReg.MCU_STATUS_SUCCESS;

    /// <summary>The status reported when the MCU posts none (USB, which never awaits completion).</summary>
    public const byte NoStatus = RtReg.MCU_TOKEN_NO_STATUS;
}
