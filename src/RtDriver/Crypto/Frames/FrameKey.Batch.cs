using RtDriver.Crypto.Ciphers;
using RtDriver.Crypto.Primitives;

namespace RtDriver.Crypto.Frames;

/// <summary>
/// Batches on the multi-frame primitives (CCMP, CCMP-256, GCMP, GCMP-256): up to
/// <see cref="BatchChunk"/> frames are checked and prepared (nonce, AAD, headers), then protected
/// by ONE AesCcm.EncryptMany / AesGcm80211.EncryptMany call, which interleaves the frames' AES
/// streams. The result of every op — bytes, status, PN, replay state, failure reason of the
/// first failing op — is exactly what calling Encrypt/Decrypt op by op in array order gives.
/// Allocation-free (a string is made only to report a failure).
/// </summary>
public sealed partial class FrameKey
{
    /// <summary>Frames prepared per multi-frame primitive call (stack scratch: 64 bytes each).</summary>
    public const int BatchChunk = 16;
    private const int ScratchPerFrame = 64; // nonce 16 | AAD 32 | MIC copy 16

    /// <summary>True when EncryptBatch/DecryptBatch run on a multi-frame primitive; other
    /// ciphers still accept them and go frame by frame.</summary>
    public bool HasMultiFramePath => _cipher is AeadFrameCipher;

    /// <summary>Protects every op (see <see cref="FrameBatchOp"/>). Returns the index of the first
    /// failing op, or -1; <paramref name="firstFailure"/> then says why.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public unsafe int EncryptBatch(Span<FrameBatchOp> ops, out string? firstFailure)
    {
        firstFailure = null;
        int firstIndex = -1;
        if (_cipher is not AeadFrameCipher aead) return FrameByFrame(ops, encrypt: true, out firstFailure);
        int mic = aead.MicLength;
        byte* scratch = stackalloc byte[BatchChunk * ScratchPerFrame];
        var prepared = stackalloc AeadJob[BatchChunk]; // CCM and GCM take the same job
        for (int start = 0; start < ops.Length; start += BatchChunk)
        {
            int end = Math.Min(ops.Length, start + BatchChunk), jobs = 0;
            for (int i = start; i < end; i++)
            {
                ref var op = ref ops[i];
                op.OutLength = 0;
                var s = OpSpans(ref op, out var input, out var output);
                FrameHeader h = default;
                bool inPlace = false;
                int needed = 0;
                ulong pn = 0;
                if (s == RtStatus.Ok) s = CheckPlaintext(input, output, out h, out inPlace);
                if (s == RtStatus.Ok)
                {
                    needed = ProtectedLength(input.Length);
                    if (output.Length < needed)
                    {
                        op.OutLength = (nuint)needed;
                        s = FrameFailure.Set(RtStatus.BufferTooSmall, "output of {0} bytes is too small: {1} needed", (ulong)output.Length, (ulong)needed);
                    }
                }
                if (s == RtStatus.Ok)
                {
                    pn = _txPn;
                    if (pn > _maxPn) s = FrameFailure.Set(RtStatus.State, "TX PN space exhausted (next PN 0x{0:x}): install a new key", pn);
                }
                op.Status = (int)s;
                if (s != RtStatus.Ok)
                {
                    NoteFailure(i, ref firstIndex, ref firstFailure);
                    continue;
                }
                byte* sc = scratch + jobs * ScratchPerFrame;
                int aadLength = aead.PrepareSeal(this, input, h, output, inPlace, pn, new Span<byte>(sc, 13), new Span<byte>(sc + 16, 32));
                int hl = h.Length, n = input.Length - hl;
                byte* body = op.Out + hl + AeadFrameCipher.HeaderLength;
                byte* src = inPlace ? body : op.In + hl;
                prepared[jobs] = new AeadJob(sc, sc + 16, aadLength, src, body, n, body + n);
                jobs++;
                _txPn = AdvancePn(pn, 1);
                op.OutLength = (nuint)needed;
            }
            if (aead.IsGcm) AesGcm80211.EncryptManyUnchecked(aead.GcmKey!, new Span<AeadJob>(prepared, jobs));
            else AesCcm.EncryptManyUnchecked(aead.CcmKey!, new Span<AeadJob>(prepared, jobs), mic); // every job built from checked buffers
        }
        return firstIndex;
    }

    /// <summary>Verifies and unprotects every op (see <see cref="FrameBatchOp"/>). Returns the index
    /// of the first failing op, or -1; <paramref name="firstFailure"/> then says why.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public unsafe int DecryptBatch(Span<FrameBatchOp> ops, out string? firstFailure)
    {
        firstFailure = null;
        int firstIndex = -1;
        if (_cipher is not AeadFrameCipher aead) return FrameByFrame(ops, encrypt: false, out firstFailure);
        int mic = aead.MicLength;
        byte* scratch = stackalloc byte[BatchChunk * ScratchPerFrame];
        var prepared = stackalloc AeadJob[BatchChunk]; // CCM and GCM take the same job
        var headers = stackalloc FrameHeader[BatchChunk];
        var pns = stackalloc ulong[BatchChunk];
        var counters = stackalloc int[BatchChunk];   // replay counter of each job
        var opIndexes = stackalloc int[BatchChunk];  // op of each job
        var inPlaces = stackalloc bool[BatchChunk];
        var pending = stackalloc ulong[ReplayCounters.Count];
        var hasPending = stackalloc bool[ReplayCounters.Count];
        for (int i = 0; i < ops.Length;)
        {
            new Span<bool>(hasPending, ReplayCounters.Count).Clear();
            int jobs = 0;
            // One pass: every check Decrypt makes, then (checks passed) the job is prepared. A failed
            // check is reported at once — it depends only on committed state, which the earlier ops
            // of this chunk can only raise. A PN not above an earlier job's for the same replay
            // counter would make its outcome depend on whether that job verifies: the chunk ends
            // before it, and it is checked again, against the committed state, in the next chunk.
            for (; i < ops.Length && jobs < BatchChunk; i++)
            {
                ref var op = ref ops[i];
                op.OutLength = 0;
                var s = OpSpans(ref op, out var input, out var output);
                FrameHeader h = default;
                bool inPlace = false;
                ulong pn = 0;
                int index = 0;
                if (s == RtStatus.Ok) s = CheckProtected(input, output, out h, out inPlace, out pn);
                if (s == RtStatus.Ok && _msduMic > 0 && h.IsFragment)
                    s = FrameFailure.Set(RtStatus.MalformedFrame, "TKIP fragment (fragment number {0}): the Michael MIC covers the whole MSDU: use the MSDU-level decrypt (decrypt_msdu)", (ulong)h.FragmentNumber);
                if (s == RtStatus.Ok)
                {
                    int needed = input.Length - _secHeader - _trailer;
                    if (output.Length < needed)
                    {
                        op.OutLength = (nuint)needed;
                        s = FrameFailure.Set(RtStatus.BufferTooSmall, "output of {0} bytes is too small: {1} needed", (ulong)output.Length, (ulong)needed);
                    }
                }
                if (s == RtStatus.Ok)
                {
                    index = ReplayIndex(h);
                    s = CheckReplay(index, pn);
                }
                if (s != RtStatus.Ok)
                {
                    op.Status = (int)s;
                    NoteFailure(i, ref firstIndex, ref firstFailure);
                    continue;
                }
                if (hasPending[index] && pn <= pending[index]) break; // jobs > 0 here: progress is certain
                hasPending[index] = true;
                pending[index] = pn;
                byte* sc = scratch + jobs * ScratchPerFrame;
                int aadLength = aead.PrepareOpen(this, input, h, output, inPlace, pn,
                    new Span<byte>(sc, 13), new Span<byte>(sc + 16, 32), new Span<byte>(sc + 48, mic));
                int hl = h.Length, n = input.Length - hl - AeadFrameCipher.HeaderLength - mic;
                byte* body = op.Out + hl;
                byte* src = inPlace ? body : op.In + hl + AeadFrameCipher.HeaderLength;
                byte* tag = inPlace ? sc + 48 : src + n; // not in place the MIC stays put in the input
                prepared[jobs] = new AeadJob(sc, sc + 16, aadLength, src, body, n, tag);
                headers[jobs] = h;
                pns[jobs] = pn;
                counters[jobs] = index;
                opIndexes[jobs] = i;
                inPlaces[jobs] = inPlace;
                jobs++;
            }
            if (aead.IsGcm) AesGcm80211.DecryptManyUnchecked(aead.GcmKey!, new Span<AeadJob>(prepared, jobs));
            else AesCcm.DecryptManyUnchecked(aead.CcmKey!, new Span<AeadJob>(prepared, jobs), mic); // as in EncryptBatch
            // In order, commit the verified jobs.
            for (int j = 0; j < jobs; j++)
            {
                int o = opIndexes[j];
                ref var op = ref ops[o];
                bool ok = prepared[j].Verified;
                if (!ok)
                {
                    op.Status = (int)FrameFailure.Set(RtStatus.Mic, "CCMP/GCMP MIC mismatch (PN {0}, key id {1})", pns[j], (ulong)KeyId);
                    NoteFailure(o, ref firstIndex, ref firstFailure);
                    continue;
                }
                var input = new ReadOnlySpan<byte>(op.In, (int)op.InLength);
                var output = new Span<byte>(op.Out, (int)Math.Min(op.OutCapacity, (nuint)int.MaxValue));
                AeadFrameCipher.FinishOpen(input, headers[j], output, inPlaces[j]);
                _rx.Commit(counters[j], pns[j]);
                op.OutLength = (nuint)(input.Length - AeadFrameCipher.HeaderLength - mic);
                op.Status = (int)RtStatus.Ok;
            }
        }
        return firstIndex;
    }

    /// <summary>Keeps the reason of the lowest failing index (MIC failures are only known after
    /// the check failures of later ops in the same chunk).</summary>
    private static void NoteFailure(int i, ref int firstIndex, ref string? firstFailure)
    {
        if (firstIndex >= 0 && firstIndex < i) return;
        firstIndex = i;
        firstFailure = FrameFailure.Describe();
    }

    /// <summary>Ciphers without a multi-frame primitive: every op on its own, in order.</summary>
    private int FrameByFrame(Span<FrameBatchOp> ops, bool encrypt, out string? firstFailure)
    {
        firstFailure = null;
        int firstIndex = -1;
        for (int i = 0; i < ops.Length; i++)
            if (Single(ref ops[i], encrypt) != RtStatus.Ok && firstIndex < 0) { firstIndex = i; firstFailure = FrameFailure.Describe(); }
        return firstIndex;
    }

    /// <summary>The op's buffers as spans, with the ABI's pointer and length checks.</summary>
    private static unsafe RtStatus OpSpans(ref FrameBatchOp op, out ReadOnlySpan<byte> input, out Span<byte> output)
    {
        input = default; output = default;
        if (op.In == null) return FrameFailure.Set(RtStatus.InvalidArgument, "in is NULL");
        if (op.Out == null && op.OutCapacity != 0) return FrameFailure.Set(RtStatus.InvalidArgument, "out is NULL with out_cap {0}", op.OutCapacity);
        if (op.InLength > MaxFrameLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "in_len {0} is longer than any 802.11 MPDU (limit {1})", op.InLength, MaxFrameLength);
        input = new ReadOnlySpan<byte>(op.In, (int)op.InLength);
        output = op.Out == null ? default : new Span<byte>(op.Out, (int)Math.Min(op.OutCapacity, (nuint)int.MaxValue));
        return RtStatus.Ok;
    }

    private unsafe RtStatus Single(ref FrameBatchOp op, bool encrypt)
    {
        op.OutLength = 0;
        var s = OpSpans(ref op, out var input, out var output);
        if (s == RtStatus.Ok)
        {
            s = encrypt ? Encrypt(input, output, out int written) : Decrypt(input, output, out written);
            op.OutLength = (nuint)written;
        }
        op.Status = (int)s;
        return s;
    }
}
