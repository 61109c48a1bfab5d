using Xunit;
using RtDriver.Crypto.Frames;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Frames;

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

    /// <summary>FrameBatchOp is the export's rt_frame_op (one struct serves both): its layout is
    /// rtdriver.h's, field by field (LP64).</summary>
    [Fact]
    public void FrameBatchOp_HasTheLayoutOfRtFrameOp()
    {
        Assert.Equal(48, sizeof(FrameBatchOp));
        var offsets = new (string Field, int Offset)[] { ("In", 0), ("InLength", 8), ("Out", 16), ("OutCapacity", 24), ("OutLength", 32), ("Status", 40) };
        foreach (var (f, offset) in offsets)
            Assert.Equal(offset, (int)System.Runtime.InteropServices.Marshal.OffsetOf<FrameBatchOp>(f));
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

    /// <summary>The batch cuts its chunk before a PN that is not above an earlier job's on the same
    /// replay counter. Pinned cases: a lower PN after a forged frame (sequentially accepted, since
    /// the forged one never commits), a lower PN after a good frame (a replay), the same frame twice,
    /// and the cuts falling on and across the 16-job chunk boundary — every status, length, byte,
    /// replay counter and the first failure's reason as Decrypt gives them op by op.</summary>
    [Theory]
    [InlineData(RtCipher.Ccmp)]
    [InlineData(RtCipher.Gcmp256)]
    public void DecryptBatch_CutsTheChunkAtAPnConflict_ExactlyAsSequential(RtCipher cipher)
    {
        var keyBytes = FrameShapes.KeyFor(cipher);
        int keyId = FrameShapes.KeyIdFor(cipher);
        var tx = FrameKey.Create(cipher, keyBytes, keyId);
        tx.SetTxPn(1);
        var sealedFrames = new byte[60][]; // PN i + 1; 0..49 non-QoS, 50..59 QoS
        for (int i = 0; i < sealedFrames.Length; i++)
        {
            var buf = new byte[300];
            int n = FrameShapes.Build(i >= 50 ? FrameShapes.Shape.Qos3 : FrameShapes.Shape.Data3, 40 + i, buf, seed: i); // one replay counter, then a second
            var output = new byte[n + 40];
            Assert.Equal(RtStatus.Ok, tx.Encrypt(buf.AsSpan(0, n), output, out int w));
            sealedFrames[i] = output.AsSpan(0, w).ToArray();
        }
        byte[] Forged(int i) { var f = (byte[])sealedFrames[i].Clone(); f[^1] ^= 0x01; return f; }
        // Indexes into sealedFrames (PN = index + 1); negative: that frame forged.
        int[][] orders =
        [
            [5, 3, 6, 4, 7, 8],                               // 3 after 5 (good): replay
            [-6, 3, 6, 4, 7, 8],                              // 3 after a forged 6: accepted, then 6 itself
            [10, 10, 11, -12, 12, 12, 13],                    // duplicates, forged then good
            [.. Enumerable.Range(20, 15), 40, 21, 41, 42],  // the cut lands on the 16th job
            [.. Enumerable.Range(20, 16), 19, 36],            // first op of the second chunk is a replay
            [.. Enumerable.Range(1, 29).Select(i => i % 2 == 0 ? i : -i), .. Enumerable.Range(1, 29)],
            [50, 5, 51, 4, 52, -53, 52, 53, 6],               // two counters: only same-counter PNs conflict
        ];
        int[][] expected =
        [
            [0, (int)RtStatus.Replay, 0, (int)RtStatus.Replay, 0, 0],
            [(int)RtStatus.Mic, 0, 0, (int)RtStatus.Replay, 0, 0],
        ];
        foreach (var order in orders)
        {
            Op[] Ops() => order.Select(x => new Op { In = x < 0 ? Forged(-x) : (byte[])sealedFrames[x].Clone(), Out = new byte[400] }).ToArray();
            var seq = FrameKey.Create(cipher, FrameShapes.PeerKey(cipher, keyBytes), keyId);
            var bat = FrameKey.Create(cipher, FrameShapes.PeerKey(cipher, keyBytes), keyId);
            var a = Ops(); var b = Ops();
            string? expectedWhy = null;
            var sa = new int[a.Length]; var la = new int[a.Length];
            for (int i = 0; i < a.Length; i++)
            {
                sa[i] = (int)seq.Decrypt(a[i].In, a[i].Out, out la[i]);
                if (sa[i] != 0 && expectedWhy is null) expectedWhy = FrameFailure.Describe();
            }
            var (sb, lb) = Run(bat, b, encrypt: false, batch: true);
            Assert.Equal(sa, sb);
            Assert.Equal(la, lb);
            for (int i = 0; i < a.Length; i++) Assert.Equal(a[i].Out, b[i].Out);
            for (int tid = 0; tid < ReplayCounters.Count; tid++) Assert.Equal(seq.GetRxPn(tid), bat.GetRxPn(tid));
            // The reason reported for the first failing op is Decrypt's own.
            var fops = Ops();
            var handles = fops.SelectMany(o => new[] { System.Runtime.InteropServices.GCHandle.Alloc(o.In, System.Runtime.InteropServices.GCHandleType.Pinned), System.Runtime.InteropServices.GCHandle.Alloc(o.Out, System.Runtime.InteropServices.GCHandleType.Pinned) }).ToArray();
            try
            {
                var ops = fops.Select((o, i) => new FrameBatchOp { In = (byte*)handles[2 * i].AddrOfPinnedObject(), InLength = (nuint)o.In.Length, Out = (byte*)handles[2 * i + 1].AddrOfPinnedObject(), OutCapacity = (nuint)o.Out.Length }).ToArray();
                var again = FrameKey.Create(cipher, FrameShapes.PeerKey(cipher, keyBytes), keyId);
                int first = again.DecryptBatch(ops, out var why);
                Assert.Equal(Array.FindIndex(sa, x => x != 0), first);
                Assert.Equal(expectedWhy, why);
            }
            finally { foreach (var h in handles) h.Free(); }
            int k = Array.IndexOf(orders, order);
            if (k < expected.Length) Assert.Equal(expected[k], sb); // independent of the sequential reference
        }
    }
}
