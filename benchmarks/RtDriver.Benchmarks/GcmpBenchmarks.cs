using BenchmarkDotNet.Attributes;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;
using SysAesGcm = System.Security.Cryptography.AesGcm;

namespace RtDriver.Benchmarks;

/// <summary>GCMP-128: the GCM primitive, the frame path (single and 16-frame batch), and
/// System.Security.Cryptography.AesGcm as the managed anchor. Per-frame numbers.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GcmpBenchmarks
{
    private const int BatchSize = 16;

    [Params(64, 256, 1500)]
    public int Size;

    private GcmKey _key = null!;
    private SysAesGcm _sys = null!;
    private readonly byte[] _nonce = new byte[12], _aad = new byte[22], _tag = new byte[16];
    private byte[] _payload = null!, _ct = null!;
    private FrameKey _tx = null!, _rx = null!;
    private byte[] _plainFrame = null!, _protFrame = null!, _out = null!;
    private byte[][] _batchIn = null!, _batchOut = null!;
    private FrameBatchOp[] _encOps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = GcmKey.Create(Frames.Tk16);
        _sys = new SysAesGcm(Frames.Tk16, 16);
        _payload = new byte[Size]; _ct = new byte[Size];
        AesGcm80211.Encrypt(_key, _nonce, _aad, _payload, _ct, _tag);
        _tx = FrameKey.Create(RtCipher.Gcmp, Frames.Tk16, 0);
        _rx = FrameKey.Create(RtCipher.Gcmp, Frames.Tk16, 0);
        _plainFrame = Frames.Plain(Size, 0);
        var p = Frames.Buffer(Size + 64);
        _out = Frames.Buffer(Size + 64);
        _tx.Encrypt(_plainFrame, p, out int n);
        _protFrame = p.AsSpan(0, n).ToArray();
        _batchIn = new byte[BatchSize][]; _batchOut = new byte[BatchSize][];
        for (int i = 0; i < BatchSize; i++) { _batchIn[i] = Frames.Plain(Size, i); _batchOut[i] = Frames.Buffer(Size + 64); }
        _encOps = Frames.Ops(_batchIn, _batchOut);
    }

    [Benchmark(Baseline = true)]
    public void SystemAesGcm_Encrypt() => _sys.Encrypt(_nonce, _payload, _ct, _tag, _aad);

    [Benchmark]
    public void AesGcm_Encrypt() => AesGcm80211.Encrypt(_key, _nonce, _aad, _payload, _ct, _tag);

    [Benchmark]
    public bool AesGcm_Decrypt() => AesGcm80211.Decrypt(_key, _nonce, _aad, _ct, _tag, _payload);

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
}
