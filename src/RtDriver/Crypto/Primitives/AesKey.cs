using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// An expanded AES-128/256 encryption key. Created once per key (the only allocation); every
/// operation on it is allocation-free. Holds the schedule in both forms: big-endian words for
/// the portable path and 128-bit round keys for the AES-NI path, so tests can switch
/// <see cref="CryptoPath.Current"/> at any time and every path sees the same key.
/// </summary>
public sealed class AesKey
{
    internal readonly uint[] Words;              // portable schedule, (Rounds+1)*4 words
    internal readonly Vector128<byte>[] RoundKeys; // the same schedule as 16-byte round keys
    internal readonly int Rounds;

    /// <summary>Key length in bytes (16 or 32).</summary>
    public int KeySize { get; }

    private AesKey(ReadOnlySpan<byte> key)
    {
        KeySize = key.Length;
        Rounds = key.Length == 16 ? 10 : 14;
        Words = new uint[(Rounds + 1) * 4];
        RoundKeys = new Vector128<byte>[Rounds + 1];
        if (X86Aes.IsSupported)
            AesNi.ExpandKey(key, RoundKeys); // constant-time schedule (AESKEYGENASSIST), no tables
        AesPortable.ExpandKey(key, Words);
        if (!X86Aes.IsSupported)
        {
            Span<byte> b = stackalloc byte[16];
            for (int r = 0; r <= Rounds; r++)
            {
                for (int j = 0; j < 4; j++) BinaryPrimitives.WriteUInt32BigEndian(b.Slice(4 * j), Words[4 * r + j]);
                RoundKeys[r] = Vector128.Create((ReadOnlySpan<byte>)b);
            }
        }
    }

    /// <summary>Expands <paramref name="key"/> (16 or 32 bytes).</summary>
    /// <exception cref="RtException">InvalidArgument for any other length.</exception>
    public static AesKey Create(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16 && key.Length != 32)
            throw new RtException(RtStatus.InvalidArgument, $"AES key length {key.Length}: must be 16 or 32");
        return new AesKey(key);
    }

    /// <summary>Encrypts one 16-byte block (in and out may be the same span).</summary>
    public void EncryptBlock(ReadOnlySpan<byte> in16, Span<byte> out16)
    {
        if (in16.Length < 16 || out16.Length < 16)
            throw new RtException(RtStatus.InvalidArgument, $"AES block: input {in16.Length} and output {out16.Length} bytes, both must be at least 16");
        if (UseAesNi)
        {
            AesNi.Encrypt(this, Vector128.Create(in16)).CopyTo(out16);
            return;
        }
        AesPortable.EncryptBlock(Words, Rounds, in16, out16);
    }

    /// <summary>True when the AES-NI path is selected (and runnable).</summary>
    internal static bool UseAesNi
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => CryptoPath.Current == CryptoPathKind.AesNi && X86Aes.IsSupported;
    }

    /// <summary>One block on whichever path is selected, as a vector (for the mode code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Vector128<byte> Encrypt(Vector128<byte> block)
    {
        if (UseAesNi) return AesNi.Encrypt(this, block);
        Span<byte> b = stackalloc byte[16];
        block.CopyTo(b);
        AesPortable.EncryptBlock(Words, Rounds, b, b);
        return Vector128.Create((ReadOnlySpan<byte>)b);
    }
}
