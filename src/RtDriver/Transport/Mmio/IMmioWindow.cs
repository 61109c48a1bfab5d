namespace RtDriver.Transport.Mmio;

/// <summary>
/// A device's memory-mapped register window (BAR0), as 32-bit accesses only. The real one is an
/// mmap of the BAR (<see cref="MappedMmioWindow"/>); tests put the emulator behind this
/// interface so the same <see cref="MmioRegisterBus"/> code runs against it.
/// Offsets are byte offsets, 4-byte aligned, below <see cref="Length"/>.
/// </summary>
public interface IMmioWindow
{
    /// <summary>Size of the window in bytes.</summary>
    ulong Length { get; }

    uint Read32(uint offset);

    void Write32(uint offset, uint value);
}
