using BenchmarkDotNet.Attributes;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;
using SysAesCcm = System.Security.Cryptography.AesCcm;

namespace RtDriver.Benchmarks;

/// <summary>CCMP-128: the CCM primitive, the whole frame path (single and 16-frame batch), and
/// System.Security.Cryptography.AesCcm as the managed anchor. Per-frame numbers; MemoryDiagnoser
/// must show 0 B on every rtdriver row.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CcmpBenchmarks
{
    private const int BatchSize = 16;

    [Params(64, 256, 1500)]
    public int Size;

    private AesKey _aes = null!;
    private SysAesCcm _sys = null!;
    private readonly byte[] _nonce = new byte[13], _aad = new byte[22], _tag = new byte[8];
    private byte[] _payload = null!, _ct = null!;
    private FrameKey _tx = null!, _rx = null!;
    private byte[] _plainFrame = null!, _protFrame = null!, _out = null!;
    private byte[][] _batchIn = null!, _batchProt = null!, _batchOut = null!;
    private FrameBatchOp[] _encOps = null!, _decOps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _aes = AesKey.Create(Frames.Tk16);
        _sys = new SysAesCcm(Frames.Tk16);
        _payload = new byte[Size]; _ct = new byte[Size];
        AesCcm.Encrypt(_aes, _nonce, _aad, _payload, _ct, _tag);
        _tx = FrameKey.Create(RtCipher.Ccmp, Frames.Tk16, 0);
        _rx = FrameKey.Create(RtCipher.Ccmp, Frames.Tk16, 0);
        _plainFrame = Frames.Plain(Size, 0);
        _protFrame = Frames.Buffer(Size + 64);
        _out = Frames.Buffer(Size + 64);
        _tx.Encrypt(_plainFrame, _protFrame, out int n);
        _protFrame = _protFrame.AsSpan(0, n).ToArray();
        _batchIn = new byte[BatchSize][]; _batchProt = new byte[BatchSize][]; _batchOut = new byte[BatchSize][];
        for (int i = 0; i < BatchSize; i++)
        {
            _batchIn[i] = Frames.Plain(Size, i);
            _batchOut[i] = Frames.Buffer(Size + 64);
            var p = Frames.Buffer(Size + 64);
            _tx.Encrypt(_batchIn[i], p, out int m);
            _batchProt[i] = GC.AllocateArray<byte>(m, pinned: true);
            p.AsSpan(0, m).CopyTo(_batchProt[i]);
        }
        _encOps = Frames.Ops(_batchIn, _batchOut);
        _decOps = Frames.Ops(_batchProt, _batchOut);
    }

    [Benchmark(Baseline = true)]
    public void SystemAesCcm_Encrypt() => _sys.Encrypt(_nonce, _payload, _ct, _tag, _aad);

    [Benchmark]
    public void AesCcm_Encrypt() => AesCcm.Encrypt(_aes, _nonce, _aad, _payload, _ct, _tag);

    [Benchmark]
    public bool AesCcm_Decrypt() => AesCcm.Decrypt(_aes, _nonce, _aad, _ct, _tag, _payload);

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
