using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// AES-CCM as IEEE 802.11 CCMP uses it (RFC 3610 with L = 2, a 13-byte nonce, tag length
/// M = 8 for CCMP-128 and 16 for CCMP-256; other even M in 4..16 are accepted as CCM allows).
/// AAD up to 0xFEFF bytes (two-byte length encoding), payload up to 65535 bytes.
/// Input and output may be the same span (in place) or disjoint, never partially overlapping.
/// Allocation-free. The path (portable / AES-NI) follows <see cref="CryptoPath.Current"/>.
/// </summary>
[SkipLocalsInit]
public static partial class AesCcm
{
    public const int NonceSize = 13;
    public const int MaxAad = 0xFEFF;
    public const int MaxPayload = 0xFFFF;

    public static void Encrypt(AesKey key, ReadOnlySpan<byte> nonce13, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Validate(key, nonce13, aad, plaintext, ciphertext, tag.Length, "AesCcm.Encrypt");
        EncryptUnchecked(key, nonce13, aad, plaintext, ciphertext, tag);
    }

    internal static void EncryptUnchecked(AesKey key, ReadOnlySpan<byte> nonce13, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        if (AesKey.UseAesNi) AesCcmNi.Encrypt(key, nonce13, aad, plaintext, ciphertext, tag);
        else ReferenceEncrypt(key, nonce13, aad, plaintext, ciphertext, tag);
    }

    /// <summary>Verifies and decrypts. On a tag mismatch returns false and leaves
    /// <paramref name="plaintext"/> all zero (the tag compare is constant time).</summary>
    public static bool Decrypt(AesKey key, ReadOnlySpan<byte> nonce13, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Validate(key, nonce13, aad, ciphertext, plaintext, tag.Length, "AesCcm.Decrypt");
        return DecryptUnchecked(key, nonce13, aad, ciphertext, tag, plaintext);
    }

    // Inlined into its callers (no stackalloc here, so it can be): one call layer less on the
    // receive path, whose span arguments were spilled and reloaded at every boundary.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool DecryptUnchecked(AesKey key, ReadOnlySpan<byte> nonce13, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        bool ok = AesKey.UseAesNi
            ? AesCcmNi.Decrypt(key, nonce13, aad, ciphertext, tag, plaintext)
            : ReferenceDecryptVerify(key, nonce13, aad, ciphertext, tag, plaintext);
        if (!ok) plaintext.Clear();
        return ok;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ReferenceDecryptVerify(AesKey key, ReadOnlySpan<byte> nonce13, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Span<byte> computed = stackalloc byte[16];
        ReferenceDecrypt(key, nonce13, aad, ciphertext, plaintext, computed.Slice(0, tag.Length));
        return CryptographicOperations.FixedTimeEquals(computed.Slice(0, tag.Length), tag);
    }

    internal static void Validate(AesKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, int tagLength, string fn)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (nonce.Length != NonceSize)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: nonce length {nonce.Length}: must be 13");
        if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: tag length {tagLength}: must be 8 or 16 (CCM allows even 4..16)");
        if (aad.Length > MaxAad)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: AAD length {aad.Length}: at most {MaxAad}");
        if (input.Length > MaxPayload)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: payload length {input.Length}: at most {MaxPayload} (L = 2)");
        if (output.Length != input.Length)
            throw new RtException(RtStatus.InvalidArgument, $"{fn}: output length {output.Length} differs from input length {input.Length}");
        Block.CheckInPlaceOrDisjoint(input, output, fn);
    }

    /// <summary>B0 = flags | nonce | length (RFC 3610 2.2); flags carry Adata, M' and L' = 1.
    /// Built from two overlapping 8-byte reads of the nonce (no stack buffer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<byte> B0(ReadOnlySpan<byte> nonce, int aadLength, int payloadLength, int tagLength)
    {
        int flags = (aadLength > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | 1;
        return Build(nonce, (ulong)flags, (ulong)(ushort)payloadLength);
    }

    /// <summary>A_0: flags = L' = 1, nonce, counter 0. Counter i goes into bytes 14..15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<byte> A0(ReadOnlySpan<byte> nonce) => Build(nonce, 1, 0);

    /// <summary>flags(1) | nonce(13) | big-endian 16-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Build(ReadOnlySpan<byte> nonce, ulong flags, ulong value)
    {
        ref byte n = ref MemoryMarshal.GetReference(nonce);
        ulong lo = (BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref n, 8)) << 8) | flags;
        ulong hi = (BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref n, 5), 8)) >> 16)
                 | ((value >> 8) << 48) | ((value & 0xFF) << 56);
        return Vector128.Create(lo, hi).AsByte();
    }

    /// <summary>Counter block i (1..4096 for a 65535-byte payload) from A_0.</summary>
    internal static Vector128<byte> Counter(Vector128<byte> a0, int i) =>
        a0.WithElement(14, (byte)(i >> 8)).WithElement(15, (byte)i);

    /// <summary>CBC-MAC over B0 and the length-prefixed, zero-padded AAD.</summary>
    internal static Vector128<byte> MacHeader(AesKey key, Vector128<byte> b0, ReadOnlySpan<byte> aad)
    {
        var x = key.Encrypt(b0);
        if (aad.Length == 0) return x;
        Span<byte> first = stackalloc byte[16];
        first.Clear();
        Block.WriteBE16(first, aad.Length);
        int n = Math.Min(14, aad.Length);
        aad.Slice(0, n).CopyTo(first.Slice(2));
        x = key.Encrypt(x ^ Vector128.Create((ReadOnlySpan<byte>)first));
        for (int off = n; off < aad.Length; off += 16)
            x = key.Encrypt(x ^ Block.LoadPadded(aad.Slice(off, Math.Min(16, aad.Length - off))));
        return x;
    }

    /// <summary>The reference: block by block, one AES at a time, exactly as RFC 3610 reads.</summary>
    internal static void ReferenceEncrypt(AesKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        var x = MacHeader(key, B0(nonce, aad.Length, plaintext.Length, tag.Length), aad);
        var a0 = A0(nonce);
        for (int off = 0, i = 1; off < plaintext.Length; off += 16, i++)
        {
            int n = Math.Min(16, plaintext.Length - off);
            var p = Block.LoadPadded(plaintext.Slice(off, n));
            x = key.Encrypt(x ^ p);
            Block.StorePartial(p ^ key.Encrypt(Counter(a0, i)), ciphertext.Slice(off, n));
        }
        Block.StorePartial(x ^ key.Encrypt(a0), tag);
    }

    /// <summary>Decrypts and writes the computed tag (the caller compares).</summary>
    internal static void ReferenceDecrypt(AesKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, Span<byte> computedTag)
    {
        var x = MacHeader(key, B0(nonce, aad.Length, ciphertext.Length, computedTag.Length), aad);
        var a0 = A0(nonce);
        Span<byte> pb = stackalloc byte[16];
        for (int off = 0, i = 1; off < ciphertext.Length; off += 16, i++)
        {
            int n = Math.Min(16, ciphertext.Length - off);
            var p = Block.LoadPadded(ciphertext.Slice(off, n)) ^ key.Encrypt(Counter(a0, i));
            // Zero the padding lanes before they enter the MAC (they hold keystream).
            if (n < 16) { pb.Clear(); Block.StorePartial(p, pb.Slice(0, n)); p = Vector128.Create((ReadOnlySpan<byte>)pb); }
            x = key.Encrypt(x ^ p);
            Block.StorePartial(p, plaintext.Slice(off, n));
        }
        Block.StorePartial(x ^ key.Encrypt(a0), computedTag);
    }
}
