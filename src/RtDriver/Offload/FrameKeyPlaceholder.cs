// TEMPORARY — DELETE WHEN wt/frames MERGES (it provides the real RtDriver.Crypto.Frames.FrameKey).
// Exists only so the offload/device code compiles before the frame path lands; it refuses every
// frame with RT_ERR_UNSUPPORTED so nothing can mistake it for working crypto.
namespace RtDriver.Crypto.Frames;

public sealed class FrameKey
{
    private readonly ulong[] _rx = new ulong[18];
    private FrameKey(RtCipher cipher, int keyId) { Cipher = cipher; KeyId = keyId; }
    public RtCipher Cipher { get; }
    public int KeyId { get; }
    public ulong NextTxPn { get; private set; }
    public static FrameKey Create(RtCipher cipher, ReadOnlySpan<byte> key, int keyId) => new(cipher, keyId);
    public void SetTxPn(ulong next) => NextTxPn = next;
    public void SetRxPn(int tid, ulong last) { if (tid < 0) Array.Fill(_rx, last); else _rx[tid] = last; }
    public ulong GetRxPn(int tid) => _rx[tid];
    public RtStatus Encrypt(ReadOnlySpan<byte> input, Span<byte> output, out int written) { written = 0; return RtStatus.Unsupported; }
    public RtStatus Decrypt(ReadOnlySpan<byte> input, Span<byte> output, out int written) { written = 0; return RtStatus.Unsupported; }
}
