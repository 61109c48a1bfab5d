using BenchmarkDotNet.Attributes;
using RtDriver.Crypto.Frames;

namespace RtDriver.Benchmarks;

/// <summary>The frame path of a CCMP/GCMP key — single frames and 16-frame batches, both
/// directions, at 64/256/1500-byte bodies — shared by <see cref="CcmpBenchmarks"/> and
/// <see cref="GcmpBenchmarks"/>, which add their primitive and the System.Security.Cryptography
/// anchor. Per-frame numbers; MemoryDiagnoser must show 0 B on every rtdriver row.</summary>
public abstract class AeadFrameBenchmarks
{
    protected const int BatchSize = 16;

    [Params(64, 256, 1500)]
    public int Size;

    protected abstract RtCipher Cipher { get; }

    /// <summary>The primitive's key, anchor and buffers, for <see cref="Size"/>.</summary>
    protected abstract void SetupPrimitive();

    private FrameKey _tx = null!, _rx = null!;
    private byte[] _plainFrame = null!, _protFrame = null!, _out = null!;
    private byte[][] _batchIn = null!, _batchProt = null!, _batchOut = null!;
    private FrameBatchOp[] _encOps = null!, _decOps = null!;

    [GlobalSetup]
    public void Setup()
    {
        SetupPrimitive();
        _tx = FrameKey.Create(Cipher, Frames.Tk16, 0);
        _rx = FrameKey.Create(Cipher, Frames.Tk16, 0);
        _plainFrame = Frames.Plain(Size, 0);
        _protFrame = Protect(_plainFrame);
        _out = Frames.Buffer(Size + 64);
        _batchIn = new byte[BatchSize][]; _batchProt = new byte[BatchSize][]; _batchOut = new byte[BatchSize][];
        for (int i = 0; i < BatchSize; i++)
        {
            _batchIn[i] = Frames.Plain(Size, i);
            _batchProt[i] = Protect(_batchIn[i]);
            _batchOut[i] = Frames.Buffer(Size + 64);
        }
        _encOps = Frames.Ops(_batchIn, _batchOut);
        _decOps = Frames.Ops(_batchProt, _batchOut);
    }

    private byte[] Protect(byte[] plain)
    {
        var p = Frames.Buffer(plain.Length + 64);
        _tx.Encrypt(plain, p, out int n);
        var exact = Frames.Buffer(n);
        p.AsSpan(0, n).CopyTo(exact);
        return exact;
    }

    [Benchmark]
    public RtStatus Frame_Encrypt() => _tx.Encrypt(_plainFrame, _out, out _);

    [Benchmark]
    public RtStatus Frame_Decrypt()
    {
        _rx.ReplayCounters.Set(ReplayCounters.All, 0);
        return _rx.Decrypt(_protFrame, _out, out _);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int Frame_EncryptBatch16() => _tx.EncryptBatch(_encOps, out _);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int Frame_DecryptBatch16()
    {
        _rx.ReplayCounters.Set(ReplayCounters.All, 0);
        return _rx.DecryptBatch(_decOps, out _);
    }
}
