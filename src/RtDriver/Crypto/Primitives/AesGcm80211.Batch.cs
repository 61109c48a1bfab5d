using System.Security.Cryptography;
using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

public static partial class AesGcm80211
{
    /// <summary>Encrypts every job (see <see cref="AeadJob"/>). Allocation-free.</summary>
    public static unsafe void EncryptMany(GcmKey key, Span<AeadJob> jobs)
    {
        ValidateJobs(key, jobs, "AesGcm80211.EncryptMany");
        EncryptManyUnchecked(key, jobs);
    }

    /// <summary>EncryptMany for callers that built every job from checked buffers (the frame
    /// layer: 12-byte nonce, AAD <= 30, body <= 65535, in place or disjoint).</summary>
    internal static unsafe void EncryptManyUnchecked(GcmKey key, Span<AeadJob> jobs)
    {
        bool clmul = UseClmul;
        for (int i = 0; i < jobs.Length; i++)
        {
            ref var j = ref jobs[i];
            var nonce = new ReadOnlySpan<byte>(j.Nonce, NonceSize);
            var aad = new ReadOnlySpan<byte>(j.Aad, j.AadLength);
            var input = new ReadOnlySpan<byte>(j.Input, j.Length);
            var output = new Span<byte>(j.Output, j.Length);
            var tag = new Span<byte>(j.Tag, TagSize);
            if (clmul) AesGcmNi.Crypt(key, nonce, aad, input, output, encrypt: true).CopyTo(tag);
            else ReferenceCrypt(key, nonce, aad, input, output, tag, encrypt: true);
        }
    }

    /// <summary>Verifies and decrypts every job; returns how many failed (see <see cref="AeadJob.Verified"/>).</summary>
    public static unsafe int DecryptMany(GcmKey key, Span<AeadJob> jobs)
    {
        ValidateJobs(key, jobs, "AesGcm80211.DecryptMany");
        return DecryptManyUnchecked(key, jobs);
    }

    /// <summary>DecryptMany for callers that built every job from checked buffers (see EncryptManyUnchecked).</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static unsafe int DecryptManyUnchecked(GcmKey key, Span<AeadJob> jobs)
    {
        bool clmul = UseClmul;
        int failed = 0;
        Span<byte> computed = stackalloc byte[16];
        for (int i = 0; i < jobs.Length; i++)
        {
            ref var j = ref jobs[i];
            var nonce = new ReadOnlySpan<byte>(j.Nonce, NonceSize);
            var aad = new ReadOnlySpan<byte>(j.Aad, j.AadLength);
            var input = new ReadOnlySpan<byte>(j.Input, j.Length);
            var output = new Span<byte>(j.Output, j.Length);
            if (clmul) AesGcmNi.Crypt(key, nonce, aad, input, output, encrypt: false).CopyTo(computed);
            else ReferenceCrypt(key, nonce, aad, input, output, computed, encrypt: false);
            j.Verified = CryptographicOperations.FixedTimeEquals(computed, new ReadOnlySpan<byte>(j.Tag, TagSize));
            if (!j.Verified) { output.Clear(); failed++; }
        }
        return failed;
    }

    private static unsafe void ValidateJobs(GcmKey key, Span<AeadJob> jobs, string fn)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (int i = 0; i < jobs.Length; i++)
        {
            ref var j = ref jobs[i];
            if (j.Nonce == null || j.Tag == null || (j.Aad == null && j.AadLength != 0) || ((j.Input == null || j.Output == null) && j.Length != 0))
                throw new RtException(RtStatus.InvalidArgument, $"{fn}: job {i}: a required pointer is null");
            if (j.AadLength < 0)
                throw new RtException(RtStatus.InvalidArgument, $"{fn}: job {i}: AAD length {j.AadLength} is negative");
            if ((uint)j.Length > MaxPayload)
                throw new RtException(RtStatus.InvalidArgument, $"{fn}: job {i}: payload length {j.Length}: must be 0..{MaxPayload}");
            if (j.Input != j.Output && j.Length != 0)
                Block.CheckInPlaceOrDisjoint(new ReadOnlySpan<byte>(j.Input, j.Length), new ReadOnlySpan<byte>(j.Output, j.Length), fn, i);
        }
    }
}
