using BenchmarkDotNet.Attributes;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Benchmarks;

/// <summary>TKIP and its parts at 1500 bytes: the whole frame both ways (phase-1 cached, phase 2,
/// and on the AES-NI path the stitched RC4 + Michael + CRC loop), and RC4 keyed afresh, Michael and
/// CRC-32 alone (the three passes the portable path runs one after another).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TkipBenchmarks
{
    private const int Size = 1500;
    private FrameKey _tx = null!, _rx = null!;
    private byte[] _frame = null!, _protFrame = null!, _out = null!, _data = null!, _rc4Key = null!;
    private readonly byte[] _mic = new byte[8], _michaelKey = new byte[8];

    [GlobalSetup]
    public void Setup()
    {
        _tx = FrameKey.Create(RtCipher.Tkip, Frames.TkipKey(), 0);
        _frame = Frames.Plain(Size, 0);
        _out = Frames.Buffer(Size + 64);
        // The receiving side: the same TK with the two Michael keys swapped.
        var peer = Frames.TkipKey();
        Frames.TkipKey().AsSpan(16, 8).CopyTo(peer.AsSpan(24));
        Frames.TkipKey().AsSpan(24, 8).CopyTo(peer.AsSpan(16));
        _rx = FrameKey.Create(RtCipher.Tkip, peer, 0);
        var p = Frames.Buffer(Size + 64);
        _tx.Encrypt(_frame, p, out int n);
        _protFrame = Frames.Buffer(n);
        p.AsSpan(0, n).CopyTo(_protFrame);
        _data = new byte[Size];
        _rc4Key = new byte[16];
        for (int i = 0; i < 16; i++) _rc4Key[i] = (byte)(i * 5 + 1);
    }

    [Benchmark]
    public RtStatus Frame_Encrypt() => _tx.Encrypt(_frame, _out, out _);

    [Benchmark]
    public RtStatus Frame_Decrypt()
    {
        _rx.ReplayCounters.Set(ReplayCounters.All, 0);
        return _rx.Decrypt(_protFrame, _out, out _);
    }

    [Benchmark(Baseline = true)]
    public void Rc4_Rekeyed() => Rc4.Crypt(_rc4Key, _data, _data);

    [Benchmark]
    public void Michael_1500() => Michael.Compute(_michaelKey, _data, _mic);

    [Benchmark]
    public uint Crc32_1500() => Crc32.Compute(_data);
}
