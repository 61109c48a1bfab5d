using Xunit;
using RtDriver.Crypto.Primitives;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Primitives;

/// <summary>EncryptMany/DecryptMany must equal the single-frame functions job by job.</summary>
public unsafe class AesCcmBatchTests
{
    private sealed class Frame
    {
        public byte[] Nonce = new byte[13], Aad = [], Plain = [], Out = [], Tag = [];
    }

    private static Frame[] MakeFrames(Random rng, int count, bool sameLengths)
    {
        int common = rng.Next(0, 1600);
        var frames = new Frame[count];
        for (int i = 0; i < count; i++)
        {
            var f = new Frame();
            rng.NextBytes(f.Nonce);
            f.Aad = new byte[rng.Next(4) == 0 ? rng.Next(0, 60) : rng.Next(22, 31)];
            rng.NextBytes(f.Aad);
            f.Plain = new byte[sameLengths ? common : rng.Next(0, 1600)];
            rng.NextBytes(f.Plain);
            frames[i] = f;
        }
        return frames;
    }

    [Theory]
    [MemberData(nameof(PathData.Supported), MemberType = typeof(PathData))]
    public void Batch_EqualsSingleFrame_EncryptAndDecrypt(string path)
    {
        using var _ = Force(path);
        var rng = new Random(4444);
        for (int iter = 0; iter < 120; iter++)
        {
            var keyBytes = new byte[iter % 3 == 0 ? 32 : 16];
            rng.NextBytes(keyBytes);
            var key = AesKey.Create(keyBytes);
            int tagLen = keyBytes.Length == 32 ? 16 : 8;
            int count = rng.Next(0, 12);
            bool inPlace = rng.Next(2) == 0;
            var frames = MakeFrames(rng, count, sameLengths: iter % 2 == 0);

            // Expected: single-frame results.
            var expCt = new byte[count][]; var expTag = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                expCt[i] = new byte[frames[i].Plain.Length]; expTag[i] = new byte[tagLen];
                AesCcm.Encrypt(key, frames[i].Nonce, frames[i].Aad, frames[i].Plain, expCt[i], expTag[i]);
                frames[i].Out = inPlace ? (byte[])frames[i].Plain.Clone() : new byte[frames[i].Plain.Length];
                frames[i].Tag = new byte[tagLen];
            }
            RunBatch(key, frames, tagLen, encrypt: inPlace ? null : true);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(expCt[i], frames[i].Out);
                Assert.Equal(expTag[i], frames[i].Tag);
            }

            // Decrypt with some tags corrupted.
            var bad = new bool[count];
            for (int i = 0; i < count; i++)
            {
                frames[i].Plain = (byte[])expCt[i].Clone(); // now the input
                frames[i].Out = inPlace ? frames[i].Plain : new byte[expCt[i].Length];
                frames[i].Tag = (byte[])expTag[i].Clone();
                if (rng.Next(4) == 0) { bad[i] = true; frames[i].Tag[rng.Next(tagLen)] ^= 1; }
            }
            var verified = RunBatch(key, frames, tagLen, encrypt: false);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(!bad[i], verified[i]);
                var plain = new byte[expCt[i].Length];
                AesCcm.Decrypt(key, frames[i].Nonce, frames[i].Aad, expCt[i], expTag[i], plain);
                if (bad[i]) Assert.All(frames[i].Out, b => Assert.Equal(0, b));
                else Assert.Equal(plain, frames[i].Out);
            }
        }
    }

    /// <summary>encrypt null = encrypt in place (Out already holds the plaintext).</summary>
    private static bool[] RunBatch(AesKey key, Frame[] frames, int tagLen, bool? encrypt)
    {
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        byte* Pin(byte[] a) { var h = System.Runtime.InteropServices.GCHandle.Alloc(a, System.Runtime.InteropServices.GCHandleType.Pinned); handles.Add(h); return (byte*)h.AddrOfPinnedObject(); }
        try
        {
            var jobs = new AeadJob[frames.Length];
            for (int i = 0; i < frames.Length; i++)
            {
                var f = frames[i];
                byte* outp = Pin(f.Out);
                byte* inp = encrypt == null ? outp : Pin(f.Plain);
                jobs[i] = new AeadJob(Pin(f.Nonce), Pin(f.Aad), f.Aad.Length, inp, outp, f.Out.Length, Pin(f.Tag));
            }
            if (encrypt != false) AesCcm.EncryptMany(key, jobs, tagLen);
            else
            {
                int failed = AesCcm.DecryptMany(key, jobs, tagLen);
                Assert.Equal(jobs.Count(j => !j.Verified), failed);
            }
            return jobs.Select(j => j.Verified).ToArray();
        }
        finally { foreach (var h in handles) h.Free(); }
    }

    [Fact]
    public void BadJob_IsRejectedBeforeAnythingIsWritten()
    {
        var key = AesKey.Create(new byte[16]);
        var nonce = new byte[13]; var buf = new byte[64]; var tag = new byte[8];
        fixed (byte* n = nonce) fixed (byte* b = buf) fixed (byte* t = tag)
        {
            var jobs = new AeadJob[5];
            for (int i = 0; i < 5; i++) jobs[i] = new AeadJob(n, null, 0, b, b, 16, t);
            jobs[3].Length = 70000;
            var e = Assert.Throws<RtException>(() => AesCcm.EncryptMany(key, jobs, 8));
            Assert.Contains("job 3", e.Message);
            Assert.Contains("70000", e.Message);
            Assert.All(buf, x => Assert.Equal(0, x));
            jobs[3].Length = 16; jobs[4].Nonce = null;
            Assert.Contains("job 4", Assert.Throws<RtException>(() => AesCcm.EncryptMany(key, jobs, 8)).Message);
        }
    }
}
