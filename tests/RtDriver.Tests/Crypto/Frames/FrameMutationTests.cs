using RtDriver.Crypto.Frames;
using Xunit;
using static RtDriver.Tests.Crypto.Frames.FrameShapes;
using static RtDriver.Tests.Crypto.Frames.FrameTestData;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>
/// 100,000 randomly mutated frames per cipher (seeded, reproducible): no exception escapes,
/// nothing is written past the output buffer (guard bytes), and the replay state moves only on
/// success — and then only the frame's own counter, to the frame's PN.
/// </summary>
public class FrameMutationTests
{
    private const int FramesPerCipher = 100_000;
    private const byte Guard = 0xE7;

    [Theory]
    [MemberData(nameof(AllCiphers), MemberType = typeof(FrameShapes))]
    public void RandomMutations(RtCipher cipher)
    {
        var rng = new Random(0x5eed + (int)cipher);
        var key = KeyFor(cipher);
        var (tx, rx) = KeyPair(cipher, key);
        var shapes = All.Where(s => Applies(cipher, s)).ToArray();

        // A pool of valid protected frames to mutate.
        var pool = new List<byte[]>();
        var plain = new byte[200];
        for (int i = 0; i < 32; i++)
        {
            int len = Build(shapes[i % shapes.Length], rng.Next(0, 96), plain, seed: i);
            pool.Add(Encrypt(tx, plain.AsSpan(0, len).ToArray()));
        }

        var frame = new byte[400];
        var output = new byte[400 + 32];
        var before = new ulong[ReplayCounters.Count];
        var after = new ulong[ReplayCounters.Count];
        int accepted = 0;
        var statuses = new Dictionary<RtStatus, int>();
        for (int n = 0; n < FramesPerCipher; n++)
        {
            var source = pool[rng.Next(pool.Count)];
            int len = source.Length;
            source.CopyTo(frame, 0);
            switch (rng.Next(6))
            {
                case 0: frame[rng.Next(len)] ^= (byte)(1 << rng.Next(8)); break;                  // one bit
                case 1: for (int k = rng.Next(1, 6); k > 0; k--) frame[rng.Next(len)] = (byte)rng.Next(256); break;
                case 2: len = rng.Next(len); break;                                                 // truncate
                case 3: { int extra = rng.Next(1, 40); rng.NextBytes(frame.AsSpan(len, extra)); len += extra; break; }
                case 4: rng.NextBytes(frame.AsSpan(0, len)); break;                                 // noise
                case 5: frame[1] ^= (byte)(1 << rng.Next(8)); frame[0] ^= (byte)(rng.Next(2) << rng.Next(8)); break; // FC
            }
            if (rng.Next(4) == 0) rx.SetRxPn(-1, (ulong)rng.Next(0, 3));                           // sometimes rewind
            int cap = rng.Next(4) == 0 ? rng.Next(0, len + 1) : len;
            Array.Fill(output, Guard, cap, 32);
            rx.ReplayCounters.CopyTo(before);
            bool inPlace = (n & 1) == 0 && cap == len; // in place: the frame itself fills the buffer up to out_cap
            RtStatus s;
            int written;
            if (inPlace)
            {
                frame.AsSpan(0, len).CopyTo(output);
                s = rx.Decrypt(output.AsSpan(0, len), output.AsSpan(0, cap), out written);
            }
            else s = rx.Decrypt(frame.AsSpan(0, len), output.AsSpan(0, cap), out written);
            for (int g = cap; g < cap + 32; g++)
                if (output[g] != Guard) Assert.Fail($"{cipher} mutation {n}: byte {g} past out_cap {cap} written");
            rx.ReplayCounters.CopyTo(after);
            statuses[s] = statuses.GetValueOrDefault(s) + 1;
            if (s == RtStatus.Ok)
            {
                accepted++;
                Assert.InRange(written, 0, cap);
                int changed = 0;
                for (int i = 0; i < before.Length; i++) if (before[i] != after[i]) { changed++; Assert.True(after[i] > before[i]); }
                Assert.True(changed <= 1, $"{cipher} mutation {n}: {changed} counters moved");
            }
            else
            {
                Assert.True(s is RtStatus.MalformedFrame or RtStatus.NoKey or RtStatus.Replay or RtStatus.Icv or RtStatus.Mic or RtStatus.BufferTooSmall
                            or RtStatus.State, $"{cipher} mutation {n}: unexpected {s}");
                Assert.Equal(before, after);
                if (s == RtStatus.State) { rx.ClearCountermeasures(); while (rx.TryDequeueEvent(out _)) { } }
            }
        }
        // The mutations must exercise both outcomes, or the test proves nothing.
        Assert.True(accepted > 0, $"{cipher}: no mutated frame was accepted");
        Assert.True(statuses.Count >= 3, $"{cipher}: statuses seen: {string.Join(", ", statuses)}");
    }


    /// <summary>Random plaintext input to Encrypt: no exception, nothing past the buffer, PN moves only on success.</summary>
    [Theory]
    [MemberData(nameof(AllCiphers), MemberType = typeof(FrameShapes))]
    public void RandomPlaintextInput(RtCipher cipher)
    {
        var rng = new Random(77 + (int)cipher);
        var tx = FrameKey.Create(cipher, KeyFor(cipher), KeyIdFor(cipher));
        var frame = new byte[300];
        var output = new byte[400];
        for (int n = 0; n < 20_000; n++)
        {
            int len = rng.Next(0, 120);
            rng.NextBytes(frame.AsSpan(0, len));
            if (rng.Next(2) == 0 && len > 1) { frame[0] &= 0xF3; frame[0] |= (byte)(rng.Next(2) == 0 ? 0x08 : 0x00); frame[1] &= 0xBF; }
            int cap = rng.Next(0, 200);
            Array.Fill(output, Guard, cap, 32);
            ulong pn = tx.NextTxPn;
            var s = tx.Encrypt(frame.AsSpan(0, len), output.AsSpan(0, cap), out int written);
            for (int g = cap; g < cap + 32; g++) Assert.Equal(Guard, output[g]);
            if (s == RtStatus.Ok) { Assert.Equal(pn + 1, tx.NextTxPn); Assert.InRange(written, len, cap); }
            else
            {
                Assert.True(s is RtStatus.MalformedFrame or RtStatus.BufferTooSmall, $"{cipher}: {s}");
                Assert.Equal(pn, tx.NextTxPn);
            }
        }
    }
}
