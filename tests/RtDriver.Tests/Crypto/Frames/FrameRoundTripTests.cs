using RtDriver.Crypto;
using RtDriver.Crypto.Frames;
using Xunit;
using static RtDriver.Tests.Crypto.Frames.FrameShapes;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>
/// Every cipher round-trips for every header shape it protects and every payload size 0..2400,
/// alternating in-place and separate buffers, with guard bytes after the output.
/// </summary>
public class FrameRoundTripTests
{
    [Theory]
    [MemberData(nameof(AllCiphers), MemberType = typeof(FrameShapes))]
    public void EveryShapeEverySize(RtCipher cipher)
    {
        var key = KeyFor(cipher);
        var (tx, rx) = KeyPair(cipher, key);
        var plain = new byte[2400 + 64];
        var buffer = new byte[2400 + 128];
        var back = new byte[2400 + 128];
        const byte guard = 0xC3;
        int frames = 0;
        foreach (var shape in All)
        {
            if (!Applies(cipher, shape)) continue;
            int hl = HeaderLength(shape);
            int shapeIndex = Array.IndexOf(All.Where(x => Applies(cipher, x)).ToArray(), shape);
            int shapeCount = All.Count(x => Applies(cipher, x));
            for (int size = 0; size <= 2400; size++)
            {
                if (size > 80 && size < 2290 && size % shapeCount != shapeIndex) continue;
                int len = Build(shape, size, plain, seed: size & 3);
                int expectedLength = tx.ProtectedLength(len);
                bool inPlace = (size & 1) == 1;
                Array.Fill(buffer, guard);
                RtStatus s;
                int written;
                ulong pn = tx.NextTxPn;
                if (inPlace)
                {
                    plain.AsSpan(0, len).CopyTo(buffer);
                    s = tx.Encrypt(buffer.AsSpan(0, len), buffer.AsSpan(0, expectedLength), out written);
                }
                else s = tx.Encrypt(plain.AsSpan(0, len), buffer.AsSpan(0, expectedLength), out written);
                Assert.True(s == RtStatus.Ok, $"{cipher} {shape} size {size}: encrypt {s} {FrameKey.LastFailureReason}");
                Assert.Equal(expectedLength, written);
                Assert.Equal(guard, buffer[expectedLength]);
                Assert.Equal(pn + 1, tx.NextTxPn);
                Assert.Equal(!FrameKey.IsBip(cipher), (buffer[1] & 0x40) != 0);
                Assert.True(plain.AsSpan(4, hl - 4).SequenceEqual(buffer.AsSpan(4, hl - 4)), "header kept");

                Array.Fill(back, guard);
                int w2;
                if (inPlace) s = rx.Decrypt(buffer.AsSpan(0, written), buffer.AsSpan(0, len), out w2);
                else s = rx.Decrypt(buffer.AsSpan(0, written), back.AsSpan(0, len), out w2);
                Assert.True(s == RtStatus.Ok, $"{cipher} {shape} size {size}: decrypt {s} {FrameKey.LastFailureReason}");
                Assert.Equal(len, w2);
                var result = inPlace ? buffer.AsSpan(0, len) : back.AsSpan(0, len);
                Assert.True(result.SequenceEqual(plain.AsSpan(0, len)), $"{cipher} {shape} size {size}: plaintext differs");
                if (!inPlace) Assert.Equal(guard, back[len]);
                frames++;
            }
        }
        Assert.True(frames >= 2401);
    }

    /// <summary>The same frames on every crypto path this CPU supports give identical bytes.</summary>
    [Theory]
    [MemberData(nameof(AllCiphers), MemberType = typeof(FrameShapes))]
    public void EveryPathAgrees(RtCipher cipher)
    {
        var key = KeyFor(cipher, 7);
        var plain = new byte[600];
        var reference = new List<byte[]>();
        foreach (var path in CryptoPath.Supported)
        {
            using var scope = CryptoPath.Force(path);
            var (tx, rx) = KeyPair(cipher, key);
            var outputs = new List<byte[]>();
            foreach (var shape in All)
            {
                if (!Applies(cipher, shape)) continue;
                foreach (int size in new[] { 0, 1, 15, 16, 17, 255, 512 })
                {
                    int len = Build(shape, size, plain);
                    var output = new byte[tx.ProtectedLength(len)];
                    Assert.Equal(RtStatus.Ok, tx.Encrypt(plain.AsSpan(0, len), output, out _));
                    var back = new byte[len];
                    Assert.Equal(RtStatus.Ok, rx.Decrypt(output, back, out _));
                    Assert.True(back.AsSpan().SequenceEqual(plain.AsSpan(0, len)));
                    outputs.Add(output);
                }
            }
            if (reference.Count == 0) reference = outputs;
            else for (int i = 0; i < outputs.Count; i++) Assert.Equal(reference[i], outputs[i]);
        }
    }
}
