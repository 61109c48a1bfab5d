using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// Portable GHASH (NIST SP 800-38D) with Shoup's 4-bit tables: 16 multiples of H per key and a
/// 16-entry reduction table. Lookups are indexed by the data being hashed XOR H products, so this
/// path is NOT constant time (the PCLMULQDQ path is); it is the reference and the fallback.
/// The state is the 128-bit GCM element as two big-endian halves (hi = bytes 0..7).
/// </summary>
internal static class GhashPortable
{
    private static readonly ulong[] Last4 =
    [
        0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
        0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0,
    ];

    public static void BuildTables(ulong hh, ulong hl, ulong[] tHigh, ulong[] tLow)
    {
        ulong vh = hh, vl = hl;
        tHigh[8] = vh; tLow[8] = vl;
        tHigh[0] = 0; tLow[0] = 0;
        for (int i = 4; i > 0; i >>= 1)
        {
            ulong t = (vl & 1) * 0xe1000000UL;
            vl = (vh << 63) | (vl >> 1);
            vh = (vh >> 1) ^ (t << 32);
            tHigh[i] = vh; tLow[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2)
            for (int j = 1; j < i; j++)
            {
                tHigh[i + j] = tHigh[i] ^ tHigh[j];
                tLow[i + j] = tLow[i] ^ tLow[j];
            }
    }

    /// <summary>(zh, zl) = (zh, zl) * H.</summary>
    public static void Multiply(GcmKey key, ref ulong zh, ref ulong zl)
    {
        ulong[] th = key.TableHigh, tl = key.TableLow;
        Span<byte> x = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(x, zh);
        BinaryPrimitives.WriteUInt64BigEndian(x.Slice(8), zl);
        int lo = x[15] & 0xF;
        ulong h = th[lo], l = tl[lo];
        for (int i = 15; i >= 0; i--)
        {
            lo = x[i] & 0xF;
            int hi = x[i] >> 4;
            ulong rem;
            if (i != 15)
            {
                rem = l & 0xF;
                l = (h << 60) | (l >> 4);
                h = (h >> 4) ^ (Last4[rem] << 48) ^ th[lo];
                l ^= tl[lo];
            }
            rem = l & 0xF;
            l = (h << 60) | (l >> 4);
            h = (h >> 4) ^ (Last4[rem] << 48) ^ th[hi];
            l ^= tl[hi];
        }
        zh = h; zl = l;
    }

    /// <summary>Absorbs data as zero-padded 16-byte blocks.</summary>
    public static void Update(GcmKey key, ref ulong zh, ref ulong zl, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 16)
        {
            zh ^= BinaryPrimitives.ReadUInt64BigEndian(data);
            zl ^= BinaryPrimitives.ReadUInt64BigEndian(data.Slice(8));
            Multiply(key, ref zh, ref zl);
            data = data.Slice(16);
        }
        if (data.Length > 0)
        {
            Span<byte> pad = stackalloc byte[16];
            pad.Clear();
            data.CopyTo(pad);
            zh ^= BinaryPrimitives.ReadUInt64BigEndian(pad);
            zl ^= BinaryPrimitives.ReadUInt64BigEndian(pad.Slice(8));
            Multiply(key, ref zh, ref zl);
        }
    }

    /// <summary>Absorbs the final length block: bit lengths of AAD and ciphertext, 64-bit big-endian each.</summary>
    public static Vector128<byte> Finish(GcmKey key, ulong zh, ulong zl, int aadLength, int textLength)
    {
        zh ^= (ulong)aadLength * 8;
        zl ^= (ulong)textLength * 8;
        Multiply(key, ref zh, ref zl);
        Span<byte> o = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(o, zh);
        BinaryPrimitives.WriteUInt64BigEndian(o.Slice(8), zl);
        return Vector128.Create((ReadOnlySpan<byte>)o);
    }
}
