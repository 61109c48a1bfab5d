using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// AES-GCM as IEEE 802.11 GCMP uses it (NIST SP 800-38D): a 12-byte nonce (J0 = nonce || 1),
/// a 16-byte tag. Input and output may be the same span or disjoint. Allocation-free.
/// The path (portable / AES-NI+PCLMULQDQ) follows <see cref="CryptoPath.Current"/>.
/// </summary>
[SkipLocalsInit]
public static partial class AesGcm80211
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    /// <summary>Largest payload: far above any 802.11 frame, well inside GCM's 2^32-2 block limit.</summary>
    public const int MaxPayload = 1 << 24;

    public static void Encrypt(GcmKey key, ReadOnlySpan<byte> nonce12, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag16)
    {
        Validate(key, nonce12, plaintext, ciphertext, tag16.Length, "AesGcm80211.Encrypt");
        if (UseClmul) AesGcmNi.Crypt(key, nonce12, aad, plaintext, ciphertext, encrypt: true).CopyTo(tag16);
        else ReferenceCrypt(key, nonce12, aad, plaintext, ciphertext, tag16, encrypt: true);
    }

    /// <summary>Verifies and decrypts. On a tag mismatch returns false and leaves
    /// <paramref name="plaintext"/> all zero (the tag compare is constant time).</summary>
    public static bool Decrypt(GcmKey key, ReadOnlySpan<byte> nonce12, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag16, Span<byte> plaintext)
    {
        Validate(key, nonce12, ciphertext, plaintext, tag16.Length, "AesGcm80211.Decrypt");
        Span<byte> computed = stackalloc byte[16];
        if (UseClmul) AesGcmNi.Crypt(key, nonce12, aad, ciphertext, plaintext, encrypt: false).CopyTo(computed);
        else ReferenceCrypt(key, nonce12, aad, ciphertext, plaintext, computed, encrypt: false);
        if (CryptographicOperations.FixedTimeEquals(computed, tag16)) return true;
        plaintext.Clear();
        return false;
    }

    /// <summary>True when the AES-NI + PCLMULQDQ path is selected.</summary>
    internal static bool UseClmul => CryptoPath.Current == CryptoPathKind.AesNi && CryptoPath.AesNiSupported;

    internal static void Validate(GcmKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input,
        ReadOnlySpan<byte> output, int tagLength, string fn)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (nonce.Length != NonceSize)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: nonce length {nonce.Length}: must be 12");
        if (tagLength != TagSize)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: tag length {tagLength}: must be 16");
        if (input.Length > MaxPayload)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: payload length {input.Length}: at most {MaxPayload}");
        if (output.Length != input.Length)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: output length {output.Length} differs from input length {input.Length}");
        Block.CheckInPlaceOrDisjoint(input, output, fn);
    }

    internal static Vector128<byte> J0(ReadOnlySpan<byte> nonce)
    {
        Span<byte> b = stackalloc byte[16];
        nonce.CopyTo(b);
        BinaryPrimitives.WriteUInt32BigEndian(b.Slice(12), 1);
        return Vector128.Create((ReadOnlySpan<byte>)b);
    }

    /// <summary>Counter block J0 + i (inc32 on the last word; no wrap within MaxPayload).</summary>
    internal static Vector128<byte> CounterBlock(Vector128<byte> j0, int i)
    {
        uint c = 1u + (uint)i;
        return j0.WithElement(12, (byte)(c >> 24)).WithElement(13, (byte)(c >> 16))
                 .WithElement(14, (byte)(c >> 8)).WithElement(15, (byte)c);
    }

    /// <summary>Reference GCM: CTR one block at a time, GHASH over the ciphertext (read before it
    /// is overwritten when decrypting in place). Writes the full computed tag.</summary>
    internal static void ReferenceCrypt(GcmKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> input, Span<byte> output, Span<byte> tag, bool encrypt)
    {
        var aes = key.Aes;
        ulong zh = 0, zl = 0;
        GhashPortable.Update(key, ref zh, ref zl, aad);
        var j0 = J0(nonce);
        for (int off = 0, i = 1; off < input.Length; off += 16, i++)
        {
            int n = Math.Min(16, input.Length - off);
            var inBlock = input.Slice(off, n);
            if (!encrypt) GhashPortable.Update(key, ref zh, ref zl, inBlock);
            Block.StorePartial(Block.LoadPadded(inBlock) ^ aes.Encrypt(CounterBlock(j0, i)), output.Slice(off, n));
            if (encrypt) GhashPortable.Update(key, ref zh, ref zl, output.Slice(off, n));
        }
        var s = GhashPortable.Finish(key, zh, zl, aad.Length, input.Length);
        Block.StorePartial(s ^ aes.Encrypt(j0), tag);
    }
}
