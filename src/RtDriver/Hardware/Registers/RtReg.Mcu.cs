namespace RtDriver.Hardware.Registers;

/// <summary>Host-to-MCU mailbox registers and command codes, docs/hardware.md §6.</summary>
public static partial class RtReg
{
    /// <summary>b7–0 ARG0, b15–8 ARG1, b23–16 CMD_TOKEN, b31–24 OWNER (non-zero: the MCU has not taken the command yet).</summary>
    public const uint H2M_MAILBOX_CSR = 0x7010;
    public static readonly BitField H2M_MAILBOX_CSR_ARG0 = new(0, 8);
    public static readonly BitField H2M_MAILBOX_CSR_ARG1 = new(8, 8);
    public static readonly BitField H2M_MAILBOX_CSR_CMD_TOKEN = new(16, 8);
    public static readonly BitField H2M_MAILBOX_CSR_OWNER = new(24, 8);

    /// <summary>Four byte slots holding the tokens of finished commands; 0xFF = free.</summary>
    public const uint H2M_MAILBOX_CID = 0x7014;
    /// <summary>Status bytes, same slot positions as the tokens in CID.</summary>
    public const uint H2M_MAILBOX_STATUS = 0x701C;
    /// <summary>The value that frees all four CID/STATUS slots.</summary>
    public const uint H2M_MAILBOX_SLOTS_FREE = 0xFFFFFFFF;
    public const int H2M_MAILBOX_SLOT_COUNT = 4;
    public const byte H2M_MAILBOX_SLOT_FREE = 0xFF;

    public const uint H2M_INT_SRC = 0x7024;
    /// <summary>BBP access through the MCU (same layout as BBP_CSR_CFG).</summary>
    public const uint H2M_BBP_AGENT = 0x7028;

    /// <summary>Token meaning "no status report wanted".</summary>
    public const byte MCU_TOKEN_NO_STATUS = 0xFF;
    /// <summary>OpenBSD: a status byte of 1 is success.</summary>
    public const byte MCU_STATUS_SUCCESS = 1;

    public const byte MCU_SLEEP = 0x30;
    public const byte MCU_WAKEUP = 0x31;
    public const byte MCU_RADIO_OFF = 0x35;
    public const byte MCU_CURRENT = 0x36;
    public const byte MCU_LED = 0x50;
    public const byte MCU_LED_STRENGTH = 0x51;
    public const byte MCU_LED_AG_CONF = 0x52;
    public const byte MCU_LED_ACT_CONF = 0x53;
    public const byte MCU_LED_LED_POLARITY = 0x54;
    public const byte MCU_RADAR = 0x60;
    public const byte MCU_BOOT_SIGNAL = 0x72;
    public const byte MCU_ANT_SELECT = 0x73;
    public const byte MCU_FREQ_OFFSET = 0x74;
    public const byte MCU_BBP_SIGNAL = 0x80;
    public const byte MCU_POWER_SAVE = 0x83;
    public const byte MCU_BAND_SELECT = 0x91;

    public const byte TOKEN_SLEEP = 1;
    public const byte TOKEN_RADIO_OFF = 2;
    public const byte TOKEN_WAKEUP = 3;
}
