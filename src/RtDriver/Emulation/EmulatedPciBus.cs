using RtDriver.Transport;

namespace RtDriver.Emulation;

/// <summary>The PCI flavour (emu:rt2860, emu:rt3090): the register bus is the chip's BAR0 directly.</summary>
public sealed class EmulatedPciBus : IRegisterBus, IHardwareTiming
{
    public EmulatedNic Nic { get; }

    public EmulatedPciBus(EmulatedNic nic)
    {
        if (nic.Info.IsUsb) throw RtException.InvalidArgument($"{nic.Info.Name} is a USB part; use EmulatedUsbControl with UsbRegisterBus");
        Nic = nic;
    }

    public string Description => Nic.Description;
    public BusKind Kind => BusKind.Emulator;

    public uint Read32(uint offset) => Nic.HostRead32(offset);
    public void Write32(uint offset, uint value) => Nic.HostWrite32(offset, value);
    public void WriteRegion(uint offset, ReadOnlySpan<byte> data) => Nic.HostWriteRegion(offset, data);
    public void ReadRegion(uint offset, Span<byte> data) => Nic.HostReadRegion(offset, data);

    /// <summary>Virtual time: delays cost nothing in wall-clock time.</summary>
    public void DelayMicroseconds(int microseconds) => Nic.Delay(microseconds);

    public void Dispose() { }
}
