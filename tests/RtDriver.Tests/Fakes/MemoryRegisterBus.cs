using RtDriver.Transport;

namespace RtDriver.Tests.Fakes;

/// <summary>
/// A 64 KiB register window in memory: a test double for the key-table and offload tests that
/// must not depend on the emulator. <see cref="StuckFrom"/>/<see cref="StuckTo"/> make writes in
/// a range not stick (like the keytable-stuck fault); <see cref="GoneAfter"/> makes every read
/// return all-ones after N accesses (surprise removal).
/// </summary>
internal sealed class MemoryRegisterBus : IRegisterBus
{
    private readonly byte[] _mem = new byte[0x10000];
    private long _accesses;

    public MemoryRegisterBus(BusKind kind = BusKind.Emulator) => Kind = kind;

    public string Description => "in-memory test bus";
    public BusKind Kind { get; }
    public uint StuckFrom { get; set; } = 1;
    public uint StuckTo { get; set; }
    public long GoneAfter { get; set; } = -1;
    public bool Gone => GoneAfter >= 0 && _accesses >= GoneAfter;

    public uint Read32(uint offset)
    {
        if (Count()) return 0xFFFFFFFF;
        return BitConverter.ToUInt32(_mem, (int)offset);
    }

    public void Write32(uint offset, uint value)
    {
        if (Count()) return;
        if (IsStuck(offset)) return;
        BitConverter.TryWriteBytes(_mem.AsSpan((int)offset), value);
    }

    public void WriteRegion(uint offset, ReadOnlySpan<byte> data)
    {
        if (Count()) return;
        for (int i = 0; i < data.Length; i++)
            if (!IsStuck((uint)(offset + i))) _mem[offset + i] = data[i];
    }

    public void ReadRegion(uint offset, Span<byte> data)
    {
        if (Count()) { data.Fill(0xFF); return; }
        _mem.AsSpan((int)offset, data.Length).CopyTo(data);
    }

    public void Poke(uint offset, uint value) => BitConverter.TryWriteBytes(_mem.AsSpan((int)offset), value);

    public uint Peek(uint offset) => BitConverter.ToUInt32(_mem, (int)offset);

    public byte[] PeekBytes(uint offset, int length) => _mem.AsSpan((int)offset, length).ToArray();

    public void Dispose() { }

    private bool IsStuck(uint offset) => offset >= StuckFrom && offset <= StuckTo;

    private bool Count()
    {
        bool gone = Gone;
        _accesses++;
        return gone;
    }
}
