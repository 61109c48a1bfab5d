using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// An AES-GCM key: the AES schedule plus the GHASH key H = E_K(0^128) in the forms each path
/// needs (4-bit Shoup tables for the portable path). Created once per key; all operations on it
/// are allocation-free.
/// </summary>
public sealed class GcmKey
{
    /// <summary>The underlying AES key (also usable for plain block encryption).</summary>
    public AesKey Aes { get; }

    // Portable GHASH: HH/HL[i] = H * (nibble i), high and low 64-bit halves (bit-reflected GCM order).
    internal readonly ulong[] TableHigh = new ulong[16];
    internal readonly ulong[] TableLow = new ulong[16];
    internal readonly Vector128<byte> H; // H as stored bytes (big-endian GCM element)
    // PCLMULQDQ GHASH: H^1..H^8, byte-reflected (HPowers[i] = H^(i+1)); empty without PCLMULQDQ.
    internal readonly Vector128<byte>[] HPowers;

    private GcmKey(AesKey aes)
    {
        Aes = aes;
        Span<byte> h = stackalloc byte[16];
        h.Clear();
        AesPortable.EncryptBlock(aes.Words, aes.Rounds, h, h);
        H = Vector128.Create((ReadOnlySpan<byte>)h);
        GhashPortable.BuildTables(BinaryPrimitives.ReadUInt64BigEndian(h), BinaryPrimitives.ReadUInt64BigEndian(h.Slice(8)), TableHigh, TableLow);
        h.Clear();
        HPowers = CryptoPath.AesNiSupported ? new Vector128<byte>[GhashClmul.Powers] : [];
        if (CryptoPath.AesNiSupported) GhashClmul.BuildPowers(H, HPowers);
    }

    /// <summary>Creates a GCM key from a 16- or 32-byte AES key.</summary>
    /// <exception cref="RtException">InvalidArgument for any other length.</exception>
    public static GcmKey Create(ReadOnlySpan<byte> key) => new(AesKey.Create(key));
}
