namespace RtDriver.Transport;

/// <summary>
/// Word-level helpers over any <see cref="IRegisterBus"/>: the bus's delay source, byte arrays and
/// fills for regions, and the all-ones word a vanished device reads. The checked register helpers
/// every hardware sequence uses (read-modify-write, named bounded waits, device-gone checks) need
/// the chip's register map and live above the transports, in <c>Hardware/Registers/RegisterAccess</c>.
/// </summary>
public static class RegisterBusExtensions
{
    public const uint AllOnes = 0xFFFFFFFF;

    /// <summary>The bus's delay source (virtual for the emulator), else real time.</summary>
    public static IHardwareTiming Timing(this IRegisterBus bus) => bus as IHardwareTiming ?? SystemTiming.Instance;

    public static void Delay(this IRegisterBus bus, int microseconds) => bus.Timing().DelayMicroseconds(microseconds);

    public static string FormatDelay(int us) => us % 1000 == 0 ? $"{us / 1000} ms" : $"{us} µs";

    public static void WriteRegion(this IRegisterBus bus, uint offset, byte[] data) => bus.WriteRegion(offset, data.AsSpan());

    /// <summary>Writes <paramref name="length"/> bytes of <paramref name="fill"/> (clearing key memory).</summary>
    public static void FillRegion(this IRegisterBus bus, uint offset, int length, byte fill)
    {
        Span<byte> chunk = stackalloc byte[256];
        chunk.Fill(fill);
        while (length > 0)
        {
            int n = Math.Min(length, chunk.Length);
            bus.WriteRegion(offset, chunk[..n]);
            offset += (uint)n;
            length -= n;
        }
    }
}
