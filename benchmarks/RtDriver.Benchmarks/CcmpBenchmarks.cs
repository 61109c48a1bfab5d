using BenchmarkDotNet.Attributes;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;
using SysAesCcm = System.Security.Cryptography.AesCcm;

namespace RtDriver.Benchmarks;

/// <summary>CCMP-128: the CCM primitive, the whole frame path (<see cref="AeadFrameBenchmarks"/>),
/// and System.Security.Cryptography.AesCcm as the managed anchor.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CcmpBenchmarks : AeadFrameBenchmarks
{
    private AesKey _aes = null!;
    private SysAesCcm _sys = null!;
    private readonly byte[] _nonce = new byte[13], _aad = new byte[22], _tag = new byte[8];
    private byte[] _payload = null!, _ct = null!;

    protected override RtCipher Cipher => RtCipher.Ccmp;

    protected override void SetupPrimitive()
    {
        _aes = AesKey.Create(Frames.Tk16);
        _sys = new SysAesCcm(Frames.Tk16);
        _payload = new byte[Size]; _ct = new byte[Size];
        AesCcm.Encrypt(_aes, _nonce, _aad, _payload, _ct, _tag);
    }

    [Benchmark(Baseline = true)]
    public void SystemAesCcm_Encrypt() => _sys.Encrypt(_nonce, _payload, _ct, _tag, _aad);

    [Benchmark]
    public void AesCcm_Encrypt() => AesCcm.Encrypt(_aes, _nonce, _aad, _payload, _ct, _tag);

    [Benchmark]
    public bool AesCcm_Decrypt() => AesCcm.Decrypt(_aes, _nonce, _aad, _ct, _tag, _payload);
}
