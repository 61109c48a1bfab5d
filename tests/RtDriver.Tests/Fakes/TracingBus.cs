using RtDriver.Transport;

namespace RtDriver.Tests.Fakes;

/// <summary>One register access seen by <see cref="TracingBus"/>.</summary>
internal readonly record struct BusOp(char Kind, uint Offset, int Length, uint Value)
{
    /// <summary>"W 0x1a08/8", "R32 0x6908" — compact form for order assertions.</summary>
    public override string ToString() => Kind switch
    {
        'w' => $"W32 0x{Offset:x4}",
        'r' => $"R32 0x{Offset:x4}",
        'W' => $"W 0x{Offset:x4}/{Length}",
        _ => $"R 0x{Offset:x4}/{Length}",
    };
}

/// <summary>Wraps any bus (the emulator, the in-memory fake) and records every access in order.</summary>
internal sealed class TracingBus(IRegisterBus inner) : IRegisterBus
{
    public List<BusOp> Ops { get; } = [];
    public string Description => inner.Description;
    public BusKind Kind => inner.Kind;

    public uint Read32(uint offset)
    {
        uint v = inner.Read32(offset);
        Ops.Add(new BusOp('r', offset, 4, v));
        return v;
    }

    public void Write32(uint offset, uint value)
    {
        Ops.Add(new BusOp('w', offset, 4, value));
        inner.Write32(offset, value);
    }

    public void WriteRegion(uint offset, ReadOnlySpan<byte> data)
    {
        Ops.Add(new BusOp('W', offset, data.Length, 0));
        inner.WriteRegion(offset, data);
    }

    public void ReadRegion(uint offset, Span<byte> data)
    {
        inner.ReadRegion(offset, data);
        Ops.Add(new BusOp('R', offset, data.Length, 0));
    }

    /// <summary>Only the writes, as strings.</summary>
    public List<string> Writes() => Ops.Where(o => o.Kind is 'w' or 'W').Select(o => o.ToString()).ToList();

    public void Dispose() => inner.Dispose();
}
