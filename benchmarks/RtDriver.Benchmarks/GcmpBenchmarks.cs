using BenchmarkDotNet.Attributes;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;
using SysAesGcm = System.Security.Cryptography.AesGcm;

namespace RtDriver.Benchmarks;

/// <summary>GCMP-128: the GCM primitive, the whole frame path (<see cref="AeadFrameBenchmarks"/>),
/// and System.Security.Cryptography.AesGcm as the managed anchor.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GcmpBenchmarks : AeadFrameBenchmarks
{
    private GcmKey _key = null!;
    private SysAesGcm _sys = null!;
    private readonly byte[] _nonce = new byte[12], _aad = new byte[22], _tag = new byte[16];
    private byte[] _payload = null!, _ct = null!;

    protected override RtCipher Cipher => RtCipher.Gcmp;

    protected override void SetupPrimitive()
    {
        _key = GcmKey.Create(Frames.Tk16);
        _sys = new SysAesGcm(Frames.Tk16, 16);
        _payload = new byte[Size]; _ct = new byte[Size];
        AesGcm80211.Encrypt(_key, _nonce, _aad, _payload, _ct, _tag);
    }

    [Benchmark(Baseline = true)]
    public void SystemAesGcm_Encrypt() => _sys.Encrypt(_nonce, _payload, _ct, _tag, _aad);

    [Benchmark]
    public void AesGcm_Encrypt() => AesGcm80211.Encrypt(_key, _nonce, _aad, _payload, _ct, _tag);

    [Benchmark]
    public bool AesGcm_Decrypt() => AesGcm80211.Decrypt(_key, _nonce, _aad, _ct, _tag, _payload);
}
