using Xunit;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;
using RtDriver.Tests.Crypto.Frames;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

/// <summary>Zero managed bytes per frame on every frame path and every crypto path (the same
/// property the BenchmarkDotNet MemoryDiagnoser shows, checked here on every test run).</summary>
public unsafe class AllocationTests
{
    /// <summary>Bytes allocated by 50 calls: the least of three trials after a warm-up past the
    /// tiered-JIT thresholds, so one-off runtime work (tier-up, OSR) is not counted; a real
    /// per-call allocation shows in every trial.</summary>
    private static long Allocated(Action a)
    {
        for (int i = 0; i < 100; i++) a();
        long least = long.MaxValue;
        for (int trial = 0; trial < 3; trial++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) a();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void Primitives_AllocateNothing(string path)
    {
        using var scope = Force(path);
        var key = AesKey.Create(new byte[16]);
        var gkey = GcmKey.Create(new byte[16]);
        var nonce = new byte[13]; var aad = new byte[24]; var buf = new byte[1500]; var tag = new byte[16];
        Assert.Equal(0, Allocated(() => AesCcm.Encrypt(key, nonce, aad, buf, buf, tag.AsSpan(0, 8))));
        Assert.Equal(0, Allocated(() => AesCcm.Decrypt(key, nonce, aad, buf, tag.AsSpan(0, 8), buf)));
        Assert.Equal(0, Allocated(() => AesGcm80211.Encrypt(gkey, nonce.AsSpan(0, 12), aad, buf, buf, tag)));
        Assert.Equal(0, Allocated(() => AesGcm80211.Decrypt(gkey, nonce.AsSpan(0, 12), aad, buf, tag, buf)));
        Assert.Equal(0, Allocated(() => AesCmac.Compute(key, buf, tag)));
        Assert.Equal(0, Allocated(() => AesGmac.Compute(gkey, nonce.AsSpan(0, 12), buf, tag)));
        Assert.Equal(0, Allocated(() => Rc4.Crypt(nonce, buf, buf)));
        Assert.Equal(0, Allocated(() => Crc32.Compute(buf)));
        Assert.Equal(0, Allocated(() => Michael.Compute(tag.AsSpan(0, 8), buf, tag.AsSpan(8, 8))));
        var ttak = new ushort[5];
        Assert.Equal(0, Allocated(() => { TkipKeyMixing.Phase1(tag, nonce.AsSpan(0, 6), 7, ttak); TkipKeyMixing.Phase2(tag, ttak, 9, buf.AsSpan(0, 16)); }));
        var bufs = GC.AllocateArray<byte>(8 * 1500, pinned: true);
        var meta = GC.AllocateArray<byte>(8 * 64, pinned: true);
        fixed (byte* b = bufs) fixed (byte* m = meta)
        {
            var jobs = GC.AllocateArray<AeadJob>(8, pinned: true);
            var gjobs = GC.AllocateArray<AeadJob>(8, pinned: true);
            for (int i = 0; i < 8; i++)
            {
                jobs[i] = new AeadJob(m + 64 * i, m + 64 * i + 16, 24, b + 1500 * i, b + 1500 * i, 1500, m + 64 * i + 48);
                gjobs[i] = new AeadJob(m + 64 * i, m + 64 * i + 16, 24, b + 1500 * i, b + 1500 * i, 1500, m + 64 * i + 48);
            }
            Assert.Equal(0, Allocated(() => AesCcm.EncryptMany(key, jobs, 8)));
            Assert.Equal(0, Allocated(() => AesCcm.DecryptMany(key, jobs, 8)));
            Assert.Equal(0, Allocated(() => AesGcm80211.EncryptMany(gkey, gjobs)));
            Assert.Equal(0, Allocated(() => AesGcm80211.DecryptMany(gkey, gjobs)));
        }
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void FramePaths_AllocateNothing(string path)
    {
        using var scope = Force(path);
        foreach (var cipher in new[] { RtCipher.Ccmp, RtCipher.Ccmp256, RtCipher.Gcmp, RtCipher.Gcmp256, RtCipher.Tkip, RtCipher.Wep104 })
        {
            var keyBytes = FrameShapes.KeyFor(cipher);
            var tx = FrameKey.Create(cipher, keyBytes, 1);
            var rx = FrameKey.Create(cipher, FrameShapes.PeerKey(cipher, keyBytes), 1);
            var plain = new byte[1600];
            int n = FrameShapes.Build(FrameShapes.Shape.Qos3, 1500, plain);
            var prot = GC.AllocateArray<byte>(1600, pinned: true);
            var outp = GC.AllocateArray<byte>(1600, pinned: true);
            tx.Encrypt(plain.AsSpan(0, n), prot, out int pl);
            Assert.Equal(0, Allocated(() => tx.Encrypt(plain.AsSpan(0, n), outp, out _)));
            Assert.Equal(0, Allocated(() => { rx.ReplayCounters.Set(ReplayCounters.All, 0); rx.Decrypt(prot.AsSpan(0, pl), outp, out _); }));
            var ins = new byte[16][]; var outs = new byte[16][]; var prots = new byte[16][];
            for (int i = 0; i < 16; i++)
            {
                ins[i] = GC.AllocateArray<byte>(n, pinned: true); plain.AsSpan(0, n).CopyTo(ins[i]);
                outs[i] = GC.AllocateArray<byte>(1600, pinned: true);
                prots[i] = GC.AllocateArray<byte>(pl, pinned: true);
            }
            var ops = GC.AllocateArray<FrameBatchOp>(16, pinned: true);
            var dops = GC.AllocateArray<FrameBatchOp>(16, pinned: true);
            for (int i = 0; i < 16; i++)
            {
                fixed (byte* pi = ins[i]) fixed (byte* po = outs[i]) ops[i] = new FrameBatchOp { In = pi, InLength = (nuint)n, Out = po, OutCapacity = 1600 };
                tx.Encrypt(ins[i], prots[i], out _);
                fixed (byte* pp = prots[i]) fixed (byte* po = outs[i]) dops[i] = new FrameBatchOp { In = pp, InLength = (nuint)pl, Out = po, OutCapacity = 1600 };
            }
            int failedAt = 0; // (xunit's Assert.Equal allocates a comparer: keep it out of the measured calls)
            Assert.Equal(0, Allocated(() => failedAt |= tx.EncryptBatch(ops, out _) + 1));
            Assert.Equal(0, Allocated(() => { rx.ReplayCounters.Set(ReplayCounters.All, 0); failedAt |= rx.DecryptBatch(dops, out _) + 1; }));
            Assert.Equal(0, failedAt); // every batch succeeded (returned -1)
        }
    }
}
