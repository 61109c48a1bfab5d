using System.Runtime.InteropServices;
using RtDriver.Crypto.Frames;

namespace RtDriver.Native;

/*
 * Frame protection (rt_frame_*), docs/c-abi.md, plus these rtdriver additions (native/include/rtdriver.h):
 *
 * General: out may be NULL only together with out_cap 0 — a size query that returns
 * RT_ERR_BUFFER_TOO_SMALL with *out_len = the size needed. in and out may be the same pointer (in
 * place); any other overlap is RT_ERR_INVALID_ARGUMENT. Frames longer than 65535 bytes are
 * RT_ERR_MALFORMED_FRAME. rt_last_error() says why a frame failed, with the values (PN, key id...).
 * rt_frame_encrypt refuses a frame whose Protected bit is already set, and a TKIP fragment
 * (RT_ERR_MALFORMED_FRAME; use rt_frame_encrypt_msdu); rt_frame_decrypt refuses a TKIP fragment
 * (use rt_frame_decrypt_msdu). For CCMP/GCMP/WEP a fragment is an ordinary MPDU for both.
 *
 * int rt_frame_encrypt_msdu(rt_key *key, const uint8_t *in, size_t in_len, size_t max_mpdu_len,
 *                           uint8_t *out, size_t out_cap, size_t *out_len,
 *                           size_t *frag_lens, size_t max_frags, size_t *frag_count);
 *     Protects one MSDU (given as an unfragmented plaintext MPDU), fragmenting it so that no MPDU
 *     is longer than max_mpdu_len (MAC header + security header + body + MIC/ICV, no FCS). TKIP
 *     appends the Michael MIC to the MSDU first. The fragments are written back to back into out
 *     (total *out_len), their lengths into frag_lens[0..*frag_count). Each has its own PN, its
 *     fragment number and More Fragments; all but the last carry the same even number of body
 *     bytes; at most 16 fragments. BUFFER_TOO_SMALL (out_cap or max_frags short) sets *out_len and
 *     *frag_count to what is needed. Not for BIP keys (group-addressed frames are never fragmented).
 * int rt_frame_decrypt_msdu(rt_key *key, const uint8_t *in, size_t in_len,
 *                           uint8_t *out, size_t out_cap, size_t *out_len, int *complete);
 *     Receives one MPDU that may be a fragment. Unfragmented: as rt_frame_decrypt, *complete = 1.
 *     A fragment is decrypted and ICV/MIC-checked on its own and held in the key (*out_len = 0,
 *     *complete = 0): fragment 0 starts a reassembly (dropping an unfinished one); each next
 *     fragment must have the same sequence number, the next fragment number, the same TID and
 *     transmitter and the next PN, else RT_ERR_MALFORMED_FRAME (nothing changes). The last
 *     fragment completes the MSDU: TKIP checks Michael over the reassembled MSDU (RT_ERR_MIC plus a
 *     MIC-failure event, and the reassembly is dropped); out receives the MSDU as one unfragmented
 *     plaintext MPDU (first fragment's header, fragment number 0, More Fragments clear) and
 *     *complete = 1. The replay counter moves to the last fragment's PN only then.
 *
 * Batches: each op is exactly rt_frame_encrypt/rt_frame_decrypt on that op's buffers; PNs are
 * assigned in array order to the ops that succeed. rt_last_error() describes the first failure.
 * ops may be NULL only with count 0.
 */
internal static unsafe class FrameExports
{
    // rt_frame_op is FrameBatchOp: that struct is the C layout by design (48 bytes on LP64), so
    // the batch passes the caller's array straight through.

    private const int MaxFrame = FrameKey.MaxFrameLength;


    /// <summary>Validates pointers/lengths shared by every frame call; returns 0 or a failing status.</summary>
    private static int Spans(string fn, byte* input, nuint inLength, byte* output, nuint outCapacity,
        out ReadOnlySpan<byte> inSpan, out Span<byte> outSpan)
    {
        inSpan = default; outSpan = default;
        if (input == null) return Abi.NullArgument(fn, "in");
        if (output == null && outCapacity != 0) return Abi.NullArgument(fn, "out");
        if (inLength > MaxFrame) return Abi.Fail(RtStatus.MalformedFrame, $"{fn}: in_len {inLength} is longer than any 802.11 MPDU (limit {MaxFrame})");
        inSpan = new ReadOnlySpan<byte>(input, (int)inLength);
        // Never write past out_cap; capacities beyond 2 GiB are simply not needed by any frame.
        outSpan = output == null ? default : new Span<byte>(output, (int)Math.Min(outCapacity, (nuint)int.MaxValue));
        return 0;
    }

    private static int Status(string fn, RtStatus status)
    {
        if (status == RtStatus.Ok) return 0;
        return Abi.Fail(status, $"{fn}: {FrameKey.LastFailureReason}");
    }

    /// <summary>rt_frame_encrypt / rt_frame_decrypt: one frame, the same checks in the same order for both directions.</summary>
    private static int Single(string fn, nint key, byte* input, nuint inLength, byte* output, nuint outCapacity, nuint* outLength, bool encrypt)
    {
        var k = KeyExports.Key(key);
        if (k is null) return Abi.BadHandle(fn, "key", key);
        if (outLength == null) return Abi.NullArgument(fn, "out_len");
        *outLength = 0;
        int r = Spans(fn, input, inLength, output, outCapacity, out var inSpan, out var outSpan);
        if (r != 0) return r;
        int written;
        var s = encrypt ? k.Encrypt(inSpan, outSpan, out written) : k.Decrypt(inSpan, outSpan, out written);
        *outLength = (nuint)written;
        return Status(fn, s);
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_frame_encrypt")]
    public static int Encrypt(nint key, byte* input, nuint inLength, byte* output, nuint outCapacity, nuint* outLength)
    {
        try { return Single("rt_frame_encrypt", key, input, inLength, output, outCapacity, outLength, encrypt: true); }
        catch (Exception e) { return Abi.Fail(e, "rt_frame_encrypt"); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_frame_decrypt")]
    public static int Decrypt(nint key, byte* input, nuint inLength, byte* output, nuint outCapacity, nuint* outLength)
    {
        try { return Single("rt_frame_decrypt", key, input, inLength, output, outCapacity, outLength, encrypt: false); }
        catch (Exception e) { return Abi.Fail(e, "rt_frame_decrypt"); }
    }

    private static int Batch(string fn, nint key, FrameBatchOp* ops, nuint count, bool encrypt)
    {
        var k = KeyExports.Key(key);
        if (k is null) return Abi.BadHandle(fn, "key", key);
        if (ops == null)
            return count == 0 ? 0 : Abi.NullArgument(fn, "ops");
        if (k.HasMultiFramePath && count <= int.MaxValue)
        {
            // CCMP/GCMP: frames prepared together and protected by the multi-frame primitives
            // (same results as op by op).
            var span = new Span<FrameBatchOp>(ops, (int)count);
            int failed = encrypt ? k.EncryptBatch(span, out var why) : k.DecryptBatch(span, out why);
            if (failed < 0) return 0;
            LastError.Set($"{fn}: ops[{failed}]: {why}");
            return ops[failed].Status;
        }
        int first = 0;
        string? firstReason = null;
        // One frame at a time today: each op builds its nonce/AAD and runs the primitive. A
        // multi-frame CCM/GCM primitive can take over here without changing the ABI.
        for (nuint i = 0; i < count; i++)
        {
            var op = &ops[i];
            op->OutLength = 0;
            int status;
            if (op->In == null) { status = (int)RtStatus.InvalidArgument; firstReason ??= $"{fn}: ops[{i}].in is NULL"; }
            else if (op->Out == null && op->OutCapacity != 0) { status = (int)RtStatus.InvalidArgument; firstReason ??= $"{fn}: ops[{i}].out is NULL"; }
            else if (op->InLength > MaxFrame) { status = (int)RtStatus.MalformedFrame; firstReason ??= $"{fn}: ops[{i}].in_len {op->InLength} is longer than any 802.11 MPDU"; }
            else
            {
                var inSpan = new ReadOnlySpan<byte>(op->In, (int)op->InLength);
                var outSpan = op->Out == null ? default : new Span<byte>(op->Out, (int)Math.Min(op->OutCapacity, (nuint)int.MaxValue));
                int written;
                var s = encrypt ? k.Encrypt(inSpan, outSpan, out written) : k.Decrypt(inSpan, outSpan, out written);
                op->OutLength = (nuint)written;
                status = (int)s;
                if (s != RtStatus.Ok) firstReason ??= $"{fn}: ops[{i}]: {FrameKey.LastFailureReason}";
            }
            op->Status = status;
            if (status != 0 && first == 0) first = status;
        }
        if (first != 0) LastError.Set(firstReason ?? fn);
        return first;
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_frame_encrypt_batch")]
    public static int EncryptBatch(nint key, FrameBatchOp* ops, nuint count)
    {
        try { return Batch("rt_frame_encrypt_batch", key, ops, count, encrypt: true); }
        catch (Exception e) { return Abi.Fail(e, "rt_frame_encrypt_batch"); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_frame_decrypt_batch")]
    public static int DecryptBatch(nint key, FrameBatchOp* ops, nuint count)
    {
        try { return Batch("rt_frame_decrypt_batch", key, ops, count, encrypt: false); }
        catch (Exception e) { return Abi.Fail(e, "rt_frame_decrypt_batch"); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_frame_encrypt_msdu")]
    public static int EncryptMsdu(nint key, byte* input, nuint inLength, nuint maxMpduLength, byte* output, nuint outCapacity,
        nuint* outLength, nuint* fragLengths, nuint maxFrags, nuint* fragCount)
    {
        const string fn = "rt_frame_encrypt_msdu";
        try
        {
            var k = KeyExports.Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            if (outLength == null) return Abi.NullArgument(fn, "out_len");
            if (fragCount == null) return Abi.NullArgument(fn, "frag_count");
            *outLength = 0; *fragCount = 0;
            if (fragLengths == null && maxFrags != 0) return Abi.NullArgument(fn, "frag_lens");
            int r = Spans(fn, input, inLength, output, outCapacity, out var inSpan, out var outSpan);
            if (r != 0) return r;
            Span<int> lengths = stackalloc int[16];
            int usable = (int)Math.Min(maxFrags, 16u);
            int limit = (int)Math.Min(maxMpduLength, (nuint)int.MaxValue);
            var s = k.EncryptMsdu(inSpan, limit, outSpan, lengths.Slice(0, usable), out int count, out int written);
            *outLength = (nuint)written;
            *fragCount = (nuint)count;
            if (s == RtStatus.Ok)
                for (int i = 0; i < count; i++) fragLengths[i] = (nuint)lengths[i];
            return Status(fn, s);
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }

    [UnmanagedCallersOnly(EntryPoint = "rt_frame_decrypt_msdu")]
    public static int DecryptMsdu(nint key, byte* input, nuint inLength, byte* output, nuint outCapacity, nuint* outLength, int* complete)
    {
        const string fn = "rt_frame_decrypt_msdu";
        try
        {
            var k = KeyExports.Key(key);
            if (k is null) return Abi.BadHandle(fn, "key", key);
            if (outLength == null) return Abi.NullArgument(fn, "out_len");
            if (complete == null) return Abi.NullArgument(fn, "complete");
            *outLength = 0; *complete = 0;
            int r = Spans(fn, input, inLength, output, outCapacity, out var inSpan, out var outSpan);
            if (r != 0) return r;
            var s = k.DecryptMsdu(inSpan, outSpan, out int written, out bool done);
            *outLength = (nuint)written;
            *complete = done ? 1 : 0;
            return Status(fn, s);
        }
        catch (Exception e) { return Abi.Fail(e, fn); }
    }
}
