using System.Security.Cryptography;

namespace RtDriver.Crypto.Primitives;

public static partial class AesCcm
{
    /// <summary>Encrypts every job (see <see cref="AeadJob"/> for the contract). Allocation-free.</summary>
    public static unsafe void EncryptMany(AesKey key, Span<AeadJob> jobs, int tagLength)
    {
        ValidateJobs(key, jobs, tagLength, "AesCcm.EncryptMany");
        EncryptManyUnchecked(key, jobs, tagLength);
    }

    /// <summary>EncryptMany for callers that built every job from checked buffers (the frame
    /// layer: 13-byte nonce, AAD <= 30, body <= 65535, in place or disjoint, tag 8/16).</summary>
    internal static unsafe void EncryptManyUnchecked(AesKey key, Span<AeadJob> jobs, int tagLength)
    {
        int i = 0;
        if (AesKey.UseAesNi)
        {
            fixed (AeadJob* p = jobs)
                for (; i + 4 <= jobs.Length; i += 4) AesCcmNi.EncryptMany4(key, p + i, tagLength);
        }
        for (; i < jobs.Length; i++)
        {
            ref var j = ref jobs[i];
            EncryptUnchecked(key, new ReadOnlySpan<byte>(j.Nonce, NonceSize), new ReadOnlySpan<byte>(j.Aad, j.AadLength),
                new ReadOnlySpan<byte>(j.Input, j.Length), new Span<byte>(j.Output, j.Length), new Span<byte>(j.Tag, tagLength));
        }
    }

    /// <summary>Verifies and decrypts every job; returns how many failed (each job's
    /// <see cref="AeadJob.Verified"/> says which; failed outputs are zeroed). Allocation-free.</summary>
    public static unsafe int DecryptMany(AesKey key, Span<AeadJob> jobs, int tagLength)
    {
        ValidateJobs(key, jobs, tagLength, "AesCcm.DecryptMany");
        return DecryptManyUnchecked(key, jobs, tagLength);
    }

    /// <summary>DecryptMany for callers that built every job from checked buffers (see EncryptManyUnchecked).</summary>
    internal static unsafe int DecryptManyUnchecked(AesKey key, Span<AeadJob> jobs, int tagLength)
    {
        int i = 0, failed = 0;
        if (AesKey.UseAesNi)
        {
            fixed (AeadJob* p = jobs)
                for (; i + 4 <= jobs.Length; i += 4) failed += AesCcmNi.DecryptMany4(key, p + i, tagLength);
        }
        for (; i < jobs.Length; i++)
        {
            ref var j = ref jobs[i];
            j.Verified = DecryptUnchecked(key, new ReadOnlySpan<byte>(j.Nonce, NonceSize), new ReadOnlySpan<byte>(j.Aad, j.AadLength),
                new ReadOnlySpan<byte>(j.Input, j.Length), new ReadOnlySpan<byte>(j.Tag, tagLength), new Span<byte>(j.Output, j.Length));
            if (!j.Verified) failed++;
        }
        return failed;
    }

    private static unsafe void ValidateJobs(AesKey key, Span<AeadJob> jobs, int tagLength, string fn)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: tag length {tagLength}: must be 8 or 16 (CCM allows even 4..16)");
        for (int i = 0; i < jobs.Length; i++)
        {
            ref var j = ref jobs[i];
            if (j.Nonce == null || j.Tag == null || (j.Aad == null && j.AadLength != 0) || ((j.Input == null || j.Output == null) && j.Length != 0))
                throw new RtException(RtStatus.InvalidArgument, $"{fn}: job {i}: a required pointer is null");
            if ((uint)j.AadLength > MaxAad)
                throw new RtException(RtStatus.InvalidArgument, $"{fn}: job {i}: AAD length {j.AadLength}: must be 0..{MaxAad}");
            if ((uint)j.Length > MaxPayload)
                throw new RtException(RtStatus.InvalidArgument, $"{fn}: job {i}: payload length {j.Length}: must be 0..{MaxPayload}");
            if (j.Input != j.Output && j.Length != 0)
                Block.CheckInPlaceOrDisjoint(new ReadOnlySpan<byte>(j.Input, j.Length), new ReadOnlySpan<byte>(j.Output, j.Length), fn, i);
        }
    }
}
