using RtDriver.Crypto.Frames;
using Xunit;
using static RtDriver.Tests.Crypto.Frames.FrameShapes;

namespace RtDriver.Tests.Crypto.Frames;

/// <summary>The frame path allocates nothing per frame: success, replay, MIC/ICV failure and
/// too-small buffers, after a warm-up frame (which may size per-key scratch once).</summary>
public class FrameAllocationTests
{
    [Theory]
    [MemberData(nameof(AllCiphers), MemberType = typeof(FrameShapes))]
    public void SteadyStateFramesAllocateNothing(RtCipher cipher)
    {
        var key = KeyFor(cipher);
        var (tx, rx) = KeyPair(cipher, key);
        var shape = Applies(cipher, Shape.Qos4HtControl) ? Shape.Qos4HtControl : Shape.ManagementHtControl;
        var plain = new byte[1600];
        int len = Build(shape, 1500, plain);
        var protectedFrame = new byte[1700];
        var output = new byte[1700];
        var corrupt = new byte[1700];

        bool replayProtected = cipher is not (RtCipher.Wep40 or RtCipher.Wep104);
        var statuses = new RtStatus[6];
        // Only the FrameKey calls run between the allocation readings; the checks come after.
        long Round()
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            statuses[0] = tx.Encrypt(plain.AsSpan(0, len), protectedFrame, out int w);
            statuses[1] = rx.Decrypt(protectedFrame.AsSpan(0, w), output, out _);
            statuses[2] = replayProtected ? rx.Decrypt(protectedFrame.AsSpan(0, w), output, out _) : RtStatus.Replay;
            protectedFrame.AsSpan(0, w).CopyTo(corrupt);
            corrupt[w - 1] ^= 1;
            rx.SetRxPn(-1, 0);
            statuses[3] = rx.Decrypt(corrupt.AsSpan(0, w), output, out _);
            statuses[4] = rx.Decrypt(protectedFrame.AsSpan(0, w), output.AsSpan(0, 10), out _);
            statuses[5] = rx.Decrypt(protectedFrame.AsSpan(0, w), protectedFrame.AsSpan(0, w), out _); // in place
            long allocated = GC.GetAllocatedBytesForCurrentThread() - start;
            rx.ClearCountermeasures();
            while (rx.TryDequeueEvent(out _)) { }
            return allocated;
        }

        Round(); // warm-up: JIT, per-key scratch
        long total = 0;
        for (int i = 0; i < 50; i++)
        {
            total += Round();
            Assert.Equal(RtStatus.Ok, statuses[0]);
            Assert.Equal(RtStatus.Ok, statuses[1]);
            Assert.Equal(RtStatus.Replay, statuses[2]);
            Assert.True(statuses[3] is RtStatus.Mic or RtStatus.Icv, statuses[3].ToString());
            Assert.Equal(RtStatus.BufferTooSmall, statuses[4]);
            Assert.Equal(RtStatus.Ok, statuses[5]);
        }
        Assert.True(total == 0, $"{cipher}: {total} bytes allocated by 300 frame operations");
    }
}
