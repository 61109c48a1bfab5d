namespace RtDriver.Transport;

/// <summary>
/// Byte regions on a 32-bit register space (key tables, the firmware window): the chip only does
/// 32-bit accesses, so a region is walked word by word, and a region that starts or ends inside
/// a word touches only its own byte lanes of that word (little-endian: byte k at bits 8k..8k+7).
/// One place for the lane arithmetic of every bus that splits regions into words (MMIO, the emulator).
/// </summary>
internal static class RegisterLanes
{
    /// <summary>The aligned word holding byte <paramref name="at"/>, the first lane used in it, and how many of the <paramref name="remaining"/> bytes fall into it.</summary>
    public static (uint Word, int First, int Count) At(uint at, int remaining)
    {
        uint word = at & ~3u;
        int first = (int)(at - word);
        return (word, first, Math.Min(4 - first, remaining));
    }

    /// <summary><paramref name="value"/> with lanes <paramref name="first"/>.. replaced by <paramref name="bytes"/>, the other lanes kept.</summary>
    public static uint Insert(uint value, int first, ReadOnlySpan<byte> bytes)
    {
        for (int k = 0; k < bytes.Length; k++)
            value = (value & ~(0xFFu << (8 * (first + k)))) | ((uint)bytes[k] << (8 * (first + k)));
        return value;
    }

    /// <summary>Copies lanes <paramref name="first"/>.. of <paramref name="value"/> into <paramref name="bytes"/>.</summary>
    public static void Extract(uint value, int first, Span<byte> bytes)
    {
        for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)(value >> (8 * (first + k)));
    }
}
