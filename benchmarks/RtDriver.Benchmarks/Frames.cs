using RtDriver.Crypto.Frames;

namespace RtDriver.Benchmarks;

/// <summary>Plain 3-address data MPDUs (24-byte header) and pinned buffers for the frame benchmarks.</summary>
internal static class Frames
{
    public const int Header = 24;

    public static byte[] Plain(int body, int seed)
    {
        var f = GC.AllocateArray<byte>(Header + body, pinned: true);
        f[0] = 0x08; f[1] = 0x01;
        for (int i = 0; i < 18; i++) f[4 + i] = (byte)(0x10 + i);
        f[4] = 0x02; f[10] = 0x02;
        f[22] = (byte)(seed << 4);
        for (int i = 0; i < body; i++) f[Header + i] = (byte)(i * 7 + seed);
        return f;
    }

    public static byte[] Buffer(int length) => GC.AllocateArray<byte>(length, pinned: true);

    public static readonly byte[] Tk16 = [0xc9, 0x7c, 0x1f, 0x67, 0xce, 0x37, 0x11, 0x85, 0x51, 0x4a, 0x8a, 0x19, 0xf2, 0xbd, 0xd5, 0x2f];

    public static byte[] TkipKey()
    {
        var k = new byte[32];
        for (int i = 0; i < 32; i++) k[i] = (byte)(0x12 + 3 * i);
        return k;
    }

    /// <summary>n ops over pinned arrays (the arrays stay referenced by the caller).</summary>
    public static unsafe FrameBatchOp[] Ops(byte[][] inputs, byte[][] outputs)
    {
        var ops = GC.AllocateArray<FrameBatchOp>(inputs.Length, pinned: true);
        for (int i = 0; i < ops.Length; i++)
        {
            fixed (byte* pi = inputs[i]) fixed (byte* po = outputs[i])
                ops[i] = new FrameBatchOp { In = pi, InLength = (nuint)inputs[i].Length, Out = po, OutCapacity = (nuint)outputs[i].Length };
        }
        return ops;
    }
}
