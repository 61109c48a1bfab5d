using Xunit;
using RtDriver.Transport.Mmio;

namespace RtDriver.Tests.Fakes;

/// <summary>A window over a plain array that records every access, so tests see exactly what hit the "hardware".</summary>
internal sealed class RecordingWindow : IMmioWindow
{
    public readonly uint[] Words;
    public readonly List<(bool Write, uint Offset, uint Value)> Log = new();

    public RecordingWindow(int bytes = 0x10000) => Words = new uint[bytes / 4];

    public ulong Length => (ulong)Words.Length * 4;

    public uint Read32(uint offset)
    {
        Assert.Equal(0u, offset & 3);
        uint v = Words[offset / 4];
        Log.Add((false, offset, v));
        return v;
    }

    public void Write32(uint offset, uint value)
    {
        Assert.Equal(0u, offset & 3);
        Words[offset / 4] = value;
        Log.Add((true, offset, value));
    }
}
