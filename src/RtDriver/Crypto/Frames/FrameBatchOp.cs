using System.Runtime.InteropServices;

namespace RtDriver.Crypto.Frames;

/// <summary>One frame of <see cref="FrameKey.EncryptBatch"/>/<see cref="FrameKey.DecryptBatch"/>.
/// It is also the C ABI's rt_frame_op, by design: the exports take the caller's array as
/// FrameBatchOp* and pass it straight through, so this layout is rtdriver.h's and must not change.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct FrameBatchOp
{
    public byte* In;
    public nuint InLength;
    public byte* Out;
    public nuint OutCapacity;
    /// <summary>Set by the batch: bytes written (or needed, with BufferTooSmall).</summary>
    public nuint OutLength;
    /// <summary>Set by the batch: the op's RtStatus.</summary>
    public int Status;
}
