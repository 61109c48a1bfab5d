using Xunit;
using RtDriver.Crypto;
using RtDriver.Crypto.Frames;
using RtDriver.Crypto.Primitives;
using static RtDriver.Tests.Crypto.Primitives.PathData;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>
/// The stitched TKIP loop (RC4 + Michael + CRC-32 in one pass, AES-NI path) against the portable
/// path, which runs the three reference primitives one after another: every body length around the
/// 16-byte block and the 256-byte RC4 index wrap, in place and into a separate buffer, both
/// directions, and the two failure verdicts (ICV, Michael) with the body cleared.
/// </summary>
public class TkipStitchedTests
{
    private static readonly int[] Lengths =
        [.. Enumerable.Range(0, 70), 127, 128, 129, 239, 240, 241, 255, 256, 257, 272, 511, 512, 1500, 2304];

    // The stitched loop runs only where the AES-NI path does (it needs PCLMULQDQ for the CRC fold):
    // elsewhere the comparison is reported "not run", and the refusals are checked on the portable path.

    private static byte[] Seal(string path, byte[] key, byte[] frame, bool inPlace, ulong pn)
    {
        using var forced = Force(path);
        var k = FrameKey.Create(RtCipher.Tkip, key, 2);
        k.SetTxPn(pn);
        var output = new byte[frame.Length + 40];
        int w;
        if (inPlace)
        {
            frame.CopyTo(output, 0);
            Assert.Equal(RtStatus.Ok, k.Encrypt(output.AsSpan(0, frame.Length), output, out w));
        }
        else Assert.Equal(RtStatus.Ok, k.Encrypt(frame, output, out w));
        return output.AsSpan(0, w).ToArray();
    }

    private static (RtStatus Status, byte[] Output) Open(string path, byte[] key, byte[] frame, bool inPlace)
    {
        using var forced = Force(path);
        var k = FrameKey.Create(RtCipher.Tkip, FrameShapes.PeerKey(RtCipher.Tkip, key), 2);
        var output = new byte[frame.Length];
        RtStatus s;
        if (inPlace)
        {
            frame.CopyTo(output, 0);
            s = k.Decrypt(output, output, out _);
        }
        else s = k.Decrypt(frame, output, out _);
        return (s, output);
    }

    [FactWhen(Needs.AesNiPath)]
    public void Stitched_EqualsThePrimitivesOneAfterAnother_EveryLength()
    {
        var key = FrameShapes.KeyFor(RtCipher.Tkip, seed: 7);
        int cases = 0;
        foreach (int n in Lengths)
            foreach (bool inPlace in new[] { false, true })
            {
                var buf = new byte[n + 64];
                int len = FrameShapes.Build(n % 2 == 0 ? FrameShapes.Shape.Qos3 : FrameShapes.Shape.Data4, n, buf, seed: n);
                var frame = buf.AsSpan(0, len).ToArray();
                ulong pn = 0x1234_5678_0000UL + (ulong)n;
                var reference = Seal("portable", key, frame, inPlace: false, pn);
                var stitched = Seal("aesni", key, frame, inPlace, pn);
                Assert.True(reference.AsSpan().SequenceEqual(stitched), $"sealed bytes differ at body length {n} (in place: {inPlace})");
                var (s1, p1) = Open("aesni", key, reference, inPlace);
                var (s2, p2) = Open("portable", key, reference, inPlace: false);
                Assert.Equal(RtStatus.Ok, s1);
                Assert.Equal(RtStatus.Ok, s2);
                Assert.True(p1.AsSpan(0, frame.Length).SequenceEqual(p2.AsSpan(0, frame.Length)), $"opened bytes differ at body length {n} (in place: {inPlace})");
                Assert.True(p1.AsSpan(0, frame.Length).SequenceEqual(frame), $"round trip lost the frame at body length {n}");
                cases++;
            }
        Assert.Equal(Lengths.Length * 2, cases);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(100)]
    [InlineData(1500)]
    public void Stitched_RefusesAWrongIcvAndAWrongMichaelMic_AndClearsTheBody(int n)
    {
        // Every path this machine has (the stitched one where AES-NI is; the sealed bytes are the
        // same on every path, which the test above checks).
        var paths = CryptoPath.Supported.Select(CryptoPath.Name).ToArray();
        var key = FrameShapes.KeyFor(RtCipher.Tkip, seed: 3);
        var buf = new byte[n + 64];
        var frame = buf.AsSpan(0, FrameShapes.Build(FrameShapes.Shape.Data3, n, buf)).ToArray();
        var good = Seal("portable", key, frame, inPlace: false, pn: 5);

        // A flipped bit in the ciphertext body: the ICV no longer matches.
        var badIcv = (byte[])good.Clone();
        badIcv[24 + 8 + n / 2] ^= 0x10;
        // The sender used another Michael key: the ICV is right, the MIC is not.
        var otherMic = (byte[])key.Clone();
        otherMic[16] ^= 0x01;
        var badMic = Seal("portable", otherMic, frame, inPlace: false, pn: 5);

        foreach (var path in paths)
            foreach (bool inPlace in new[] { false, true })
            {
                var (s, output) = Open(path, key, badIcv, inPlace);
                Assert.Equal(RtStatus.Icv, s);
                Assert.True(output.AsSpan(24, n).IndexOfAnyExcept((byte)0) < 0, $"{path}: the body was not cleared after an ICV failure");
                (s, output) = Open(path, key, badMic, inPlace);
                Assert.Equal(RtStatus.Mic, s);
                Assert.True(output.AsSpan(24, n).IndexOfAnyExcept((byte)0) < 0, $"{path}: the body was not cleared after a MIC failure");
            }
    }
}
