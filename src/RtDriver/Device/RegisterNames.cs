using System.Numerics;
using RtDriver.Hardware.Registers;
using R = RtDriver.Hardware.Registers.RtReg;

namespace RtDriver.Device;

/// <summary>One named bit field of a register, for decoding ("CHIPSET" bits 31:16).</summary>
public readonly record struct RegisterField(string Name, int Shift, int Width)
{
    /// <summary>The bits as the datasheet writes them: "31:16", or "3" for a one-bit flag.</summary>
    public string Range => Width == 1 ? $"{Shift}" : $"{Shift + Width - 1}:{Shift}";

    /// <summary>This field's value in <paramref name="register"/> (the register map's own <c>BitField.Get</c>).</summary>
    public uint Get(uint register) => new BitField(Shift, Width).Get(register);
}

/// <summary>A named register: offset, datasheet name, what it is, its fields.</summary>
public sealed record RegisterInfo(string Name, uint Offset, string Summary, IReadOnlyList<RegisterField> Fields, bool ReadHasSideEffects = false);

/// <summary>
/// The registers a tool can name and decode beside <see cref="RtDevice.Read32"/> and
/// <see cref="RtDevice.Write32"/> (`rtprobe regs read MAC_CSR0`, `regs dump`), as data: the
/// datasheet names, offsets and bit fields of the register map (Hardware/Registers/RtReg), so a
/// front end needs nothing below the device. An explicit table rather than reflection over RtReg,
/// because NativeAOT trims away the metadata reflection would need.
/// </summary>
public static class RegisterNames
{
    private static RegisterField F(string name, BitField bits) => new(name, bits.Shift, bits.Width);

    // A one-bit flag constant (1u << n) as a field.
    private static RegisterField Bit(string name, uint mask) => new(name, BitOperations.TrailingZeroCount(mask), 1);

    /// <summary>Every named register, in register-map order.</summary>
    public static IReadOnlyList<RegisterInfo> All { get; } =
    [
        new("PCI_CFG", R.PCI_CFG, "PCI configuration (RT3290: ASIC version at this offset)", [Bit("PCI", R.PCI_CFG_PCI)]),
        new("E2PROM_CSR", R.E2PROM_CSR, "bit-banged EEPROM interface",
            [Bit("DATA_CLOCK", R.E2PROM_CSR_DATA_CLOCK), Bit("CHIP_SELECT", R.E2PROM_CSR_CHIP_SELECT), Bit("DATA_IN", R.E2PROM_CSR_DATA_IN),
             Bit("DATA_OUT", R.E2PROM_CSR_DATA_OUT), F("TYPE", R.E2PROM_CSR_TYPE), Bit("LOAD_STATUS", R.E2PROM_CSR_LOAD_STATUS), Bit("RELOAD", R.E2PROM_CSR_RELOAD)]),
        new("CMB_CTRL", R.CMB_CTRL, "RT3290 combo control: crystal and PLL state", [Bit("XTAL_RDY", R.CMB_CTRL_XTAL_RDY), Bit("PLL_LD", R.CMB_CTRL_PLL_LD)]),
        new("WLAN_FUN_CTRL", R.WLAN_FUN_CTRL, "RT3290 WLAN function enable", [Bit("WLAN_EN", R.WLAN_FUN_CTRL_WLAN_EN)]),
        new("AUX_CTRL", R.AUX_CTRL, "PCIe auxiliary control", [Bit("WAKE_PCIE_EN", R.AUX_CTRL_WAKE_PCIE_EN), Bit("FORCE_PCIE_CLK", R.AUX_CTRL_FORCE_PCIE_CLK)]),
        new("INT_SOURCE_CSR", R.INT_SOURCE_CSR, "pending interrupts (write 1 to clear)", []),
        new("INT_MASK_CSR", R.INT_MASK_CSR, "enabled interrupts", []),
        new("WPDMA_GLO_CFG", R.WPDMA_GLO_CFG, "PCI DMA engine",
            [Bit("TX_DMA_EN", R.WPDMA_GLO_CFG_TX_DMA_EN), Bit("TX_DMA_BUSY", R.WPDMA_GLO_CFG_TX_DMA_BUSY), Bit("RX_DMA_EN", R.WPDMA_GLO_CFG_RX_DMA_EN),
             Bit("RX_DMA_BUSY", R.WPDMA_GLO_CFG_RX_DMA_BUSY), F("WP_DMA_BURST_SIZE", R.WPDMA_GLO_CFG_WP_DMA_BURST_SIZE),
             Bit("TX_WRITEBACK_DONE", R.WPDMA_GLO_CFG_TX_WRITEBACK_DONE), Bit("BIG_ENDIAN", R.WPDMA_GLO_CFG_BIG_ENDIAN)]),
        new("WPDMA_RST_IDX", R.WPDMA_RST_IDX, "DMA ring index reset", []),
        new("DELAY_INT_CFG", R.DELAY_INT_CFG, "interrupt moderation", []),
        new("TX_BASE_PTR0", R.TX_BASE_PTR0, "TX ring 0 base address", []),
        new("RX_BASE_PTR", R.RX_BASE_PTR, "RX ring base address", []),
        new("RX_MAX_CNT", R.RX_MAX_CNT, "RX ring size", []),
        new("RX_CRX_IDX", R.RX_CRX_IDX, "RX ring CPU index", []),
        new("RX_DRX_IDX", R.RX_DRX_IDX, "RX ring DMA index", []),
        new("USB_DMA_CFG", R.USB_DMA_CFG, "USB DMA configuration", []),
        new("US_CYC_CNT", R.US_CYC_CNT, "microsecond cycle count", []),
        new("PBF_SYS_CTRL", R.PBF_SYS_CTRL, "packet buffer / MCU system control",
            [Bit("MCU_RESET", R.PBF_SYS_CTRL_MCU_RESET), Bit("DMA_RESET", R.PBF_SYS_CTRL_DMA_RESET), Bit("MAC_RESET", R.PBF_SYS_CTRL_MAC_RESET),
             Bit("PBF_RESET", R.PBF_SYS_CTRL_PBF_RESET), Bit("ASY_RESET", R.PBF_SYS_CTRL_ASY_RESET), Bit("READY", R.PBF_SYS_CTRL_READY),
             Bit("DMA_CLK_EN", R.PBF_SYS_CTRL_DMA_CLK_EN), Bit("MAC_CLK_EN", R.PBF_SYS_CTRL_MAC_CLK_EN), Bit("PBF_CLK_EN", R.PBF_SYS_CTRL_PBF_CLK_EN),
             Bit("PME_OEN", R.PBF_SYS_CTRL_PME_OEN), Bit("HOST_RAM_WRITE", R.PBF_SYS_CTRL_HOST_RAM_WRITE)]),
        new("HOST_CMD_CSR", R.HOST_CMD_CSR, "host-to-MCU command (the mailbox doorbell)", [F("COMMAND", R.HOST_CMD_CSR_COMMAND)]),
        new("RF_CSR_CFG", R.RF_CSR_CFG, "RF register indirect access (RT30xx and later)",
            [F("DATA", R.RF_CSR_CFG_DATA), F("REGNUM", R.RF_CSR_CFG_REGNUM), Bit("WRITE", R.RF_CSR_CFG_WRITE), Bit("BUSY", R.RF_CSR_CFG_BUSY)]),
        new("EFUSE_CTRL", R.EFUSE_CTRL, "eFuse access",
            [F("AOUT", R.EFUSE_CTRL_AOUT), F("MODE", R.EFUSE_CTRL_MODE), F("ADDRESS_IN", R.EFUSE_CTRL_ADDRESS_IN), Bit("KICK", R.EFUSE_CTRL_KICK), Bit("PRESENT", R.EFUSE_CTRL_PRESENT)]),
        new("EFUSE_DATA0", R.EFUSE_DATA0, "eFuse data word 0", []),
        new("EFUSE_DATA1", R.EFUSE_DATA1, "eFuse data word 1", []),
        new("EFUSE_DATA2", R.EFUSE_DATA2, "eFuse data word 2", []),
        new("EFUSE_DATA3", R.EFUSE_DATA3, "eFuse data word 3", []),
        new("MAC_CSR0", R.MAC_CSR0, "ASIC version: chip id and revision", [F("CHIPSET", R.MAC_CSR0_CHIPSET), F("REVISION", R.MAC_CSR0_REVISION)]),
        new("MAC_SYS_CTRL", R.MAC_SYS_CTRL, "MAC reset and TX/RX enable",
            [Bit("RESET_CSR", R.MAC_SYS_CTRL_RESET_CSR), Bit("RESET_BBP", R.MAC_SYS_CTRL_RESET_BBP), Bit("ENABLE_TX", R.MAC_SYS_CTRL_ENABLE_TX), Bit("ENABLE_RX", R.MAC_SYS_CTRL_ENABLE_RX)]),
        new("MAC_ADDR_DW0", R.MAC_ADDR_DW0, "MAC address bytes 0-3", []),
        new("MAC_ADDR_DW1", R.MAC_ADDR_DW1, "MAC address bytes 4-5", []),
        new("BBP_CSR_CFG", R.BBP_CSR_CFG, "BBP register indirect access",
            [F("VALUE", R.BBP_CSR_CFG_VALUE), F("REGNUM", R.BBP_CSR_CFG_REGNUM), Bit("READ_CONTROL", R.BBP_CSR_CFG_READ_CONTROL),
             Bit("BUSY", R.BBP_CSR_CFG_BUSY), Bit("BBP_PAR_DUR", R.BBP_CSR_CFG_BBP_PAR_DUR), Bit("BBP_RW_MODE", R.BBP_CSR_CFG_BBP_RW_MODE)]),
        new("RF_CSR_CFG0", R.RF_CSR_CFG0, "serial RF programming word (RF2820/2850/2720/2750)",
            [F("REG_VALUE_BW", R.RF_CSR_CFG0_REG_VALUE_BW), Bit("STANDBYMODE", R.RF_CSR_CFG0_STANDBYMODE), Bit("SEL", R.RF_CSR_CFG0_SEL), Bit("BUSY", R.RF_CSR_CFG0_BUSY)]),
        new("RF_CSR_CFG1", R.RF_CSR_CFG1, "serial RF configuration 1", []),
        new("RF_CSR_CFG2", R.RF_CSR_CFG2, "serial RF configuration 2", []),
        new("LED_CFG", R.LED_CFG, "LED configuration", []),
        new("MAC_STATUS_CFG", R.MAC_STATUS_CFG, "MAC busy state", [Bit("BBP_RF_BUSY_TX", R.MAC_STATUS_CFG_BBP_RF_BUSY_TX), Bit("BBP_RF_BUSY_RX", R.MAC_STATUS_CFG_BBP_RF_BUSY_RX)]),
        new("PWR_PIN_CFG", R.PWR_PIN_CFG, "power pins", [Bit("IO_RF_PE", R.PWR_PIN_CFG_IO_RF_PE), Bit("IO_RA_PE", R.PWR_PIN_CFG_IO_RA_PE)]),
        new("AUTOWAKEUP_CFG", R.AUTOWAKEUP_CFG, "auto wake-up (0 before a firmware load)", []),
        new("TX_STA_FIFO", R.TX_STA_FIFO, "TX status FIFO", [], ReadHasSideEffects: true),
        new("H2M_MAILBOX_CSR", R.H2M_MAILBOX_CSR, "host-to-MCU mailbox",
            [F("ARG0", R.H2M_MAILBOX_CSR_ARG0), F("ARG1", R.H2M_MAILBOX_CSR_ARG1), F("CMD_TOKEN", R.H2M_MAILBOX_CSR_CMD_TOKEN), F("OWNER", R.H2M_MAILBOX_CSR_OWNER)]),
        new("H2M_MAILBOX_CID", R.H2M_MAILBOX_CID, "mailbox command ids answered", []),
        new("H2M_MAILBOX_STATUS", R.H2M_MAILBOX_STATUS, "mailbox command status", []),
        new("H2M_INT_SRC", R.H2M_INT_SRC, "host-to-MCU interrupt source", []),
        new("H2M_BBP_AGENT", R.H2M_BBP_AGENT, "MCU BBP agent", []),
    ];

    /// <summary>The register named <paramref name="name"/> (any case, surrounding spaces ignored), or null.</summary>
    public static RegisterInfo? ByName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The named register at <paramref name="offset"/>, or null.</summary>
    public static RegisterInfo? ByOffset(uint offset) => All.FirstOrDefault(r => r.Offset == offset);
}
