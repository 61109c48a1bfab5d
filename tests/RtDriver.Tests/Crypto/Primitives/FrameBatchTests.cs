using Xunit;
using RtDriver.Crypto.Frames;
using RtDriver.Tests.Crypto.Frames;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

/// <summary>FrameKey.EncryptBatch/DecryptBatch (multi-frame primitives underneath) must be
/// indistinguishable from Encrypt/Decrypt op by op: bytes, statuses, lengths, PNs, replay state.</summary>
public unsafe class FrameBatchTests
{
    public static TheoryData<string, RtCipher> Cases()
    {
        var d = new TheoryData<string, RtCipher>();
        foreach (var p in CryptoPathNames())
            foreach (var c in new[] { RtCipher.Ccmp, RtCipher.Ccmp256, RtCipher.Gcmp, RtCipher.Gcmp256, RtCipher.Tkip })
                d.Add(p, c);
        return d;
    }

    [Fact]
    public void FrameBatchOp_HasTheLayoutOfRtFrameOp()
    {
        Assert.Equal(sizeof(RtDriver.Native.FrameExports.RtFrameOp), sizeof(FrameBatchOp));
        foreach (var f in new[] { "In", "InLength", "Out", "OutCapacity", "OutLength", "Status" })
            Assert.Equal(System.Runtime.InteropServices.Marshal.OffsetOf<RtDriver.Native.FrameExports.RtFrameOp>(f), System.Runtime.InteropServices.Marshal.OffsetOf<FrameBatchOp>(f));
    }

    private static IEnumerable<string> CryptoPathNames() => RtDriver.Crypto.CryptoPath.Supported.Select(RtDriver.Crypto.CryptoPath.Name);

    private sealed class Op { public byte[] In = []; public byte[] Out = []; public bool InPlace; }

    private static (int[] status, int[] len) Run(FrameKey key, Op[] ops, bool encrypt, bool batch)
    {
        var status = new int[ops.Length]; var len = new int[ops.Length];
        if (!batch)
        {
            for (int i = 0; i < ops.Length; i++)
            {
                var o = ops[i];
                var input = o.InPlace ? o.Out.AsSpan(0, o.In.Length) : o.In;
                var s = encrypt ? key.Encrypt(input, o.Out, out int w) : key.Decrypt(input, o.Out, out w);
                status[i] = (int)s; len[i] = w;
            }
            return (status, len);
        }
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        try
        {
            var fops = new FrameBatchOp[ops.Length];
            for (int i = 0; i < ops.Length; i++)
            {
                var ho = System.Runtime.InteropServices.GCHandle.Alloc(ops[i].Out, System.Runtime.InteropServices.GCHandleType.Pinned); handles.Add(ho);
                var hi = System.Runtime.InteropServices.GCHandle.Alloc(ops[i].In, System.Runtime.InteropServices.GCHandleType.Pinned); handles.Add(hi);
                byte* outp = (byte*)ho.AddrOfPinnedObject();
                fops[i] = new FrameBatchOp { In = ops[i].InPlace ? outp : (byte*)hi.AddrOfPinnedObject(), InLength = (nuint)ops[i].In.Length, Out = outp, OutCapacity = (nuint)ops[i].Out.Length };
            }
            int first = encrypt ? key.EncryptBatch(fops, out var why) : key.DecryptBatch(fops, out why);
            int expectedFirst = Array.FindIndex(fops, f => f.Status != 0);
            Assert.Equal(expectedFirst, first);
            Assert.Equal(first >= 0, why is { Length: > 0 });
            for (int i = 0; i < ops.Length; i++) { status[i] = fops[i].Status; len[i] = (int)fops[i].OutLength; }
            return (status, len);
        }
        finally { foreach (var h in handles) h.Free(); }
    }

    private static Op[] Clone(Op[] ops) => ops.Select(o => new Op { In = (byte[])o.In.Clone(), Out = (byte[])o.Out.Clone(), InPlace = o.InPlace }).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Batch_IsExactlySequential(string path, RtCipher cipher)
    {
        using var _ = Force(path);
        var rng = new Random((int)cipher * 101 + path.Length);
        var keyBytes = FrameShapes.KeyFor(cipher);
        int keyId = FrameShapes.KeyIdFor(cipher);
        var shapes = FrameShapes.All.Where(s => FrameShapes.Applies(cipher, s)).ToArray();
        for (int round = 0; round < 6; round++)
        {
            int count = rng.Next(0, 40);
            bool sameLength = round % 2 == 0;
            int common = rng.Next(0, 1600);
            var plain = new Op[count];
            for (int i = 0; i < count; i++)
            {
                var shape = shapes[rng.Next(shapes.Length)];
                var buf = new byte[1700];
                int n = FrameShapes.Build(shape, sameLength ? common : rng.Next(0, 1600), buf, seed: rng.Next(8));
                var frame = buf.AsSpan(0, n).ToArray();
                int outCap = n + 40;
                int fault = rng.Next(20);
                if (fault == 0) frame[1] |= 0x40;        // already Protected: refused
                if (fault == 1) outCap = n;              // output too small
                bool inPlace = rng.Next(2) == 0;
                var o = new Op { In = frame, Out = new byte[outCap], InPlace = inPlace };
                if (inPlace) frame.CopyTo(o.Out, 0);
                plain[i] = o;
            }
            var seqKey = FrameKey.Create(cipher, keyBytes, keyId);
            var batKey = FrameKey.Create(cipher, keyBytes, keyId);
            seqKey.SetTxPn(1000 + (ulong)round); batKey.SetTxPn(1000 + (ulong)round);
            var a = Clone(plain); var b = Clone(plain);
            var (sa, la) = Run(seqKey, a, encrypt: true, batch: false);
            var (sb, lb) = Run(batKey, b, encrypt: true, batch: true);
            Assert.Equal(sa, sb); Assert.Equal(la, lb);
            for (int i = 0; i < count; i++) Assert.Equal(a[i].Out, b[i].Out);
            Assert.Equal(seqKey.NextTxPn, batKey.NextTxPn);

            // Decrypt the protected frames with faults: bit flips, replays, reordering, short output.
            var protectedOps = new List<Op>();
            for (int i = 0; i < count; i++)
            {
                if (sa[i] != 0) continue;
                var frame = a[i].Out.AsSpan(0, la[i]).ToArray();
                int fault = rng.Next(12);
                if (fault == 0) frame[rng.Next(frame.Length)] ^= (byte)(1 << rng.Next(8));
                int outCap = fault == 1 ? 10 : frame.Length;
                bool inPlace = rng.Next(2) == 0;
                var o = new Op { In = frame, Out = new byte[Math.Max(outCap, inPlace ? frame.Length : 0)], InPlace = inPlace };
                if (inPlace) frame.CopyTo(o.Out, 0);
                protectedOps.Add(o);
                if (fault == 2) protectedOps.Add(new Op { In = (byte[])frame.Clone(), Out = new byte[frame.Length] }); // replay
            }
            if (round % 3 == 2 && protectedOps.Count > 3) (protectedOps[1], protectedOps[2]) = (protectedOps[2], protectedOps[1]); // PN order conflict
            var rxSeq = FrameKey.Create(cipher, FrameShapes.PeerKey(cipher, keyBytes), keyId);
            var rxBat = FrameKey.Create(cipher, FrameShapes.PeerKey(cipher, keyBytes), keyId);
            var c = Clone(protectedOps.ToArray()); var d = Clone(protectedOps.ToArray());
            var (sc, lc) = Run(rxSeq, c, encrypt: false, batch: false);
            var (sd, ld) = Run(rxBat, d, encrypt: false, batch: true);
            Assert.Equal(sc, sd); Assert.Equal(lc, ld);
            for (int i = 0; i < c.Length; i++) Assert.Equal(c[i].Out, d[i].Out);
            for (int tid = 0; tid < ReplayCounters.Count; tid++) Assert.Equal(rxSeq.GetRxPn(tid), rxBat.GetRxPn(tid));
            if (sa.Count(s => s == 0) > 4) Assert.Contains(0, sd); // the batch really decrypted frames
        }
    }
}
