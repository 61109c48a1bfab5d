namespace RtDriver.Hardware.Registers;

/// <summary>MAC block registers (0x1000–0x17FF): identity, BBP/RF indirect access, power, status.</summary>
public static partial class RtReg
{
    /// <summary>ASIC_VER_ID: b31–16 chip id (0x2860, 0x3070 …), b15–0 revision. docs/hardware.md §2.1</summary>
    public const uint MAC_CSR0 = 0x1000;
    public static readonly BitField MAC_CSR0_CHIPSET = new(16, 16);
    public static readonly BitField MAC_CSR0_REVISION = new(0, 16);

    /// <summary>MAC_SYS_CTRL: b0 reset CSR, b1 reset BBP, b2 TX enable, b3 RX enable.</summary>
    public const uint MAC_SYS_CTRL = 0x1004;
    public const uint MAC_SYS_CTRL_RESET_CSR = 1u << 0;
    public const uint MAC_SYS_CTRL_RESET_BBP = 1u << 1;
    public const uint MAC_SYS_CTRL_ENABLE_TX = 1u << 2;
    public const uint MAC_SYS_CTRL_ENABLE_RX = 1u << 3;

    public const uint MAC_ADDR_DW0 = 0x1008;
    public const uint MAC_ADDR_DW1 = 0x100C;

    /// <summary>BBP indirect access, docs/hardware.md §7: b7–0 value, b15–8 register, b16 READ, b17 BUSY, b18 PAR_DUR, b19 RW_MODE.</summary>
    public const uint BBP_CSR_CFG = 0x101C;
    public static readonly BitField BBP_CSR_CFG_VALUE = new(0, 8);
    public static readonly BitField BBP_CSR_CFG_REGNUM = new(8, 8);
    public const uint BBP_CSR_CFG_READ_CONTROL = 1u << 16;
    public const uint BBP_CSR_CFG_BUSY = 1u << 17;
    public const uint BBP_CSR_CFG_BBP_PAR_DUR = 1u << 18;
    public const uint BBP_CSR_CFG_BBP_RW_MODE = 1u << 19;

    /// <summary>Serial RF (RF2820/2850/2720/2750) programming word, docs/hardware.md §7: b31 BUSY.</summary>
    public const uint RF_CSR_CFG0 = 0x1020;
    public static readonly BitField RF_CSR_CFG0_REG_VALUE_BW = new(0, 29);
    public const uint RF_CSR_CFG0_STANDBYMODE = 1u << 29;
    public const uint RF_CSR_CFG0_SEL = 1u << 30;
    public const uint RF_CSR_CFG0_BUSY = 1u << 31;
    public const uint RF_CSR_CFG1 = 0x1024;
    public const uint RF_CSR_CFG2 = 0x1028;

    public const uint LED_CFG = 0x102C;

    /// <summary>b0 TX busy, b1 RX busy: both clear before BBP/RF init. Read-only.</summary>
    public const uint MAC_STATUS_CFG = 0x1200;
    public const uint MAC_STATUS_CFG_BBP_RF_BUSY_TX = 1u << 0;
    public const uint MAC_STATUS_CFG_BBP_RF_BUSY_RX = 1u << 1;

    /// <summary>b0 IO_RF_PE, b1 IO_RA_PE, b2 IO_PLL_PD, b3 IO_ADDA_PD.</summary>
    public const uint PWR_PIN_CFG = 0x1204;
    public const uint PWR_PIN_CFG_IO_RF_PE = 1u << 0;
    public const uint PWR_PIN_CFG_IO_RA_PE = 1u << 1;

    /// <summary>Written 0 before a firmware load ("wake the firmware, otherwise the next load hangs").</summary>
    public const uint AUTOWAKEUP_CFG = 0x1208;

    /// <summary>TX status FIFO (read pops an entry; read-only).</summary>
    public const uint TX_STA_FIFO = 0x1718;
}
