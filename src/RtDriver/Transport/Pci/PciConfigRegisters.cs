namespace RtDriver.Transport.Pci;

/// <summary>
/// The PCI configuration-space header fields the transports touch (PCI Local Bus spec 3.0,
/// §6.2; Linux pci_regs.h uses the same names).
/// </summary>
public static class PciConfigRegisters
{
    public const int PCI_VENDOR_ID = 0x00;   // 16 bit; 0xFFFF when no function answers
    public const int PCI_DEVICE_ID = 0x02;   // 16 bit
    public const int PCI_COMMAND = 0x04;     // 16 bit
    public const int PCI_STATUS = 0x06;      // 16 bit

    public const ushort PCI_COMMAND_IO = 1 << 0;            // respond to I/O space
    public const ushort PCI_COMMAND_MEMORY = 1 << 1;        // respond to memory space (BAR0 registers)
    public const ushort PCI_COMMAND_MASTER = 1 << 2;        // bus mastering: the device may DMA
    public const ushort PCI_COMMAND_INTX_DISABLE = 1 << 10; // INTx# assertion disabled

    public const ushort PCI_STATUS_INTERRUPT = 1 << 3;      // INTx# pending
}
