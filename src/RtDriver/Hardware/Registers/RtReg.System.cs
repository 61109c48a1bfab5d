namespace RtDriver.Hardware.Registers;

/// <summary>
/// The RT2860-class register map (datasheet / Linux rt2800.h / OpenBSD rt2860reg.h names).
/// Byte offsets in the BAR0 window (PCI) or the vendor-request index space (USB). This part:
/// system, DMA and packet-buffer (PBF) registers. Facts: docs/hardware.md §3, §4, §5, §9.
/// </summary>
public static partial class RtReg
{
    /// <summary>RT3290 only: the version word lives here instead of MAC_CSR0 (OpenBSD RT2860_PCI_CFG).</summary>
    public const uint MAC_CSR0_3290 = 0x0000;
    /// <summary>PCI_CFG b16 clear means PCIe (OpenBSD).</summary>
    public const uint PCI_CFG = 0x0000;
    public const uint PCI_CFG_PCI = 1u << 16;

    // ---- serial EEPROM (93C46/93C66), docs/hardware.md §4.2 ----
    public const uint E2PROM_CSR = 0x0004;
    public const uint E2PROM_CSR_DATA_CLOCK = 1u << 0;   // C
    public const uint E2PROM_CSR_CHIP_SELECT = 1u << 1;  // S
    public const uint E2PROM_CSR_DATA_IN = 1u << 2;      // D, host -> EEPROM
    public const uint E2PROM_CSR_DATA_OUT = 1u << 3;     // Q, EEPROM -> host
    public static readonly BitField E2PROM_CSR_TYPE = new(4, 2); // 0 = 93C46, 1 = 93C66
    public const uint E2PROM_CSR_LOAD_STATUS = 1u << 6;
    public const uint E2PROM_CSR_RELOAD = 1u << 7;

    // ---- RT3290 eFuse block (different location) ----
    public const uint EFUSE_CTRL_3290 = 0x0024;
    public const uint EFUSE_DATA3_3290 = 0x0028;
    public const uint EFUSE_DATA2_3290 = 0x002C;
    public const uint EFUSE_DATA1_3290 = 0x0030;
    public const uint EFUSE_DATA0_3290 = 0x0034;

    // ---- RT3290 WLAN function control (docs/hardware.md §5.3 step 1) ----
    public const uint CMB_CTRL = 0x0020;
    public const uint CMB_CTRL_XTAL_RDY = 1u << 22;
    public const uint CMB_CTRL_PLL_LD = 1u << 23;
    public const uint WLAN_FUN_CTRL = 0x0080;
    public const uint WLAN_FUN_CTRL_WLAN_EN = 1u << 0;

    // ---- AUX_CTRL (PCIe clock control, RT3290/RT3572/RT5390/RT5392) ----
    public const uint AUX_CTRL = 0x010C;
    public const uint AUX_CTRL_WAKE_PCIE_EN = 1u << 1;
    public const uint AUX_CTRL_FORCE_PCIE_CLK = 1u << 10;

    // ---- interrupts and WPDMA, docs/hardware.md §9.1 ----
    public const uint INT_SOURCE_CSR = 0x0200;
    public const uint INT_MASK_CSR = 0x0204;
    public const uint WPDMA_GLO_CFG = 0x0208;
    public const uint WPDMA_GLO_CFG_TX_DMA_EN = 1u << 0;
    public const uint WPDMA_GLO_CFG_TX_DMA_BUSY = 1u << 1;
    public const uint WPDMA_GLO_CFG_RX_DMA_EN = 1u << 2;
    public const uint WPDMA_GLO_CFG_RX_DMA_BUSY = 1u << 3;
    public static readonly BitField WPDMA_GLO_CFG_WP_DMA_BURST_SIZE = new(4, 2);
    public const uint WPDMA_GLO_CFG_TX_WRITEBACK_DONE = 1u << 6;
    public const uint WPDMA_GLO_CFG_BIG_ENDIAN = 1u << 7;
    public const uint WPDMA_RST_IDX = 0x020C;
    public const uint DELAY_INT_CFG = 0x0210;

    public const uint TX_BASE_PTR0 = 0x0230;
    /// <summary>Distance between the register blocks of TX ring n and n+1.</summary>
    public const uint TX_RING_STRIDE = 0x10;
    public const uint RX_BASE_PTR = 0x0290;
    public const uint RX_MAX_CNT = 0x0294;
    public const uint RX_CRX_IDX = 0x0298;
    public const uint RX_DRX_IDX = 0x029C;

    // ---- USB DMA ----
    public const uint USB_DMA_CFG = 0x02A0;
    public const uint US_CYC_CNT = 0x02A4;

    // ---- packet buffer / system control, docs/hardware.md §5.6 ----
    public const uint PBF_SYS_CTRL = 0x0400;
    /// <summary>b0: written 1 to release the 8051 from reset and start it (OpenBSD MCU_RESET).</summary>
    public const uint PBF_SYS_CTRL_MCU_RESET = 1u << 0;
    public const uint PBF_SYS_CTRL_DMA_RESET = 1u << 1;
    public const uint PBF_SYS_CTRL_MAC_RESET = 1u << 2;
    public const uint PBF_SYS_CTRL_PBF_RESET = 1u << 3;
    public const uint PBF_SYS_CTRL_ASY_RESET = 1u << 4;
    /// <summary>b7: the MCU is running the image and ready (read-only to the host).</summary>
    public const uint PBF_SYS_CTRL_READY = 1u << 7;
    public const uint PBF_SYS_CTRL_DMA_CLK_EN = 1u << 9;
    public const uint PBF_SYS_CTRL_MAC_CLK_EN = 1u << 10;
    public const uint PBF_SYS_CTRL_PBF_CLK_EN = 1u << 11;
    /// <summary>b13: Linux USB init clears it after the load (mask 0x2000).</summary>
    public const uint PBF_SYS_CTRL_PME_OEN = 1u << 13;
    /// <summary>b16: host may write the firmware RAM window (OpenBSD HST_PM_SEL).</summary>
    public const uint PBF_SYS_CTRL_HOST_RAM_WRITE = 1u << 16;
    /// <summary>Clocks on + all resets asserted (0xE1F) / clocks on, resets released (0xE00).</summary>
    public const uint PBF_SYS_CTRL_CLOCKS_AND_RESETS = PBF_SYS_CTRL_DMA_CLK_EN | PBF_SYS_CTRL_MAC_CLK_EN | PBF_SYS_CTRL_PBF_CLK_EN
        | PBF_SYS_CTRL_MCU_RESET | PBF_SYS_CTRL_DMA_RESET | PBF_SYS_CTRL_MAC_RESET | PBF_SYS_CTRL_PBF_RESET | PBF_SYS_CTRL_ASY_RESET;
    public const uint PBF_SYS_CTRL_CLOCKS_ONLY = PBF_SYS_CTRL_DMA_CLK_EN | PBF_SYS_CTRL_MAC_CLK_EN | PBF_SYS_CTRL_PBF_CLK_EN;

    /// <summary>Writing a command code here signals the MCU (docs/hardware.md §6.2 step 3).</summary>
    public const uint HOST_CMD_CSR = 0x0404;
    public static readonly BitField HOST_CMD_CSR_COMMAND = new(0, 8);

    // ---- RF (RT3070-class 8-bit RF registers) and eFuse, docs/hardware.md §4.3, §7 ----
    public const uint RF_CSR_CFG = 0x0500;
    public static readonly BitField RF_CSR_CFG_DATA = new(0, 8);
    public static readonly BitField RF_CSR_CFG_REGNUM = new(8, 6);
    public const uint RF_CSR_CFG_WRITE = 1u << 16;
    public const uint RF_CSR_CFG_BUSY = 1u << 17;

    public const uint EFUSE_CTRL = 0x0580;
    public static readonly BitField EFUSE_CTRL_AOUT = new(0, 6);
    public static readonly BitField EFUSE_CTRL_MODE = new(6, 2);
    /// <summary>b25–16: the byte address of the 16-byte block (aligned to 16).</summary>
    public static readonly BitField EFUSE_CTRL_ADDRESS_IN = new(16, 10);
    public const uint EFUSE_CTRL_KICK = 1u << 30;
    /// <summary>b31: eFuse present and selected as the configuration source.</summary>
    public const uint EFUSE_CTRL_PRESENT = 1u << 31;
    public const uint EFUSE_DATA0 = 0x0590;
    public const uint EFUSE_DATA1 = 0x0594;
    public const uint EFUSE_DATA2 = 0x0598;
    public const uint EFUSE_DATA3 = 0x059C;
    /// <summary>Bytes per eFuse kick (DATA3 = bytes 0–3 … DATA0 = bytes 12–15).</summary>
    public const int EFUSE_BLOCK_BYTES = 16;
    public const uint EFUSE_MODE_READ = 0;

    // ---- firmware RAM windows, docs/hardware.md §5.3/§5.4 ----
    /// <summary>PCI: the 8 KiB image goes to 0x2000–0x3FFF.</summary>
    public const uint FIRMWARE_IMAGE_BASE = 0x2000;
    /// <summary>USB: the selected 4 KiB half goes to 0x3000–0x3FFF.</summary>
    public const uint FIRMWARE_IMAGE_BASE_USB = 0x3000;
    public const uint FIRMWARE_WINDOW_END = 0x4000;
}
