using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// The portable AES reference: key expansion (FIPS-197 5.2) and a T-table block encryption.
/// Table lookups are indexed by secret data, so this is not constant time (see AesTables);
/// it is the reference every faster path is tested against, and the fallback on CPUs without
/// AES instructions.
/// </summary>
internal static class AesPortable
{
    private static readonly byte[] Rcon = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1B, 0x36];

    /// <summary>Expands a 16- or 32-byte key into (rounds+1)*4 big-endian words.</summary>
    public static void ExpandKey(ReadOnlySpan<byte> key, Span<uint> w)
    {
        int nk = key.Length / 4;
        int total = w.Length;
        for (int i = 0; i < nk; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(key.Slice(4 * i));
        byte[] s = AesTables.SBox;
        for (int i = nk; i < total; i++)
        {
            uint t = w[i - 1];
            if (i % nk == 0)
            {
                t = (t << 8) | (t >> 24);
                t = SubWord(t, s) ^ ((uint)Rcon[i / nk - 1] << 24);
            }
            else if (nk > 6 && i % nk == 4)
            {
                t = SubWord(t, s);
            }
            w[i] = w[i - nk] ^ t;
        }
    }

    private static uint SubWord(uint t, byte[] s) =>
        ((uint)s[t >> 24] << 24) | ((uint)s[(t >> 16) & 0xFF] << 16) | ((uint)s[(t >> 8) & 0xFF] << 8) | s[t & 0xFF];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EncryptBlock(uint[] rk, int rounds, ReadOnlySpan<byte> input, Span<byte> output)
    {
        uint s0 = BinaryPrimitives.ReadUInt32BigEndian(input) ^ rk[0];
        uint s1 = BinaryPrimitives.ReadUInt32BigEndian(input.Slice(4)) ^ rk[1];
        uint s2 = BinaryPrimitives.ReadUInt32BigEndian(input.Slice(8)) ^ rk[2];
        uint s3 = BinaryPrimitives.ReadUInt32BigEndian(input.Slice(12)) ^ rk[3];
        uint[] t0 = AesTables.T0, t1 = AesTables.T1, t2 = AesTables.T2, t3 = AesTables.T3;
        int k = 4;
        for (int r = 1; r < rounds; r++, k += 4)
        {
            uint n0 = t0[s0 >> 24] ^ t1[(s1 >> 16) & 0xFF] ^ t2[(s2 >> 8) & 0xFF] ^ t3[s3 & 0xFF] ^ rk[k];
            uint n1 = t0[s1 >> 24] ^ t1[(s2 >> 16) & 0xFF] ^ t2[(s3 >> 8) & 0xFF] ^ t3[s0 & 0xFF] ^ rk[k + 1];
            uint n2 = t0[s2 >> 24] ^ t1[(s3 >> 16) & 0xFF] ^ t2[(s0 >> 8) & 0xFF] ^ t3[s1 & 0xFF] ^ rk[k + 2];
            uint n3 = t0[s3 >> 24] ^ t1[(s0 >> 16) & 0xFF] ^ t2[(s1 >> 8) & 0xFF] ^ t3[s2 & 0xFF] ^ rk[k + 3];
            s0 = n0; s1 = n1; s2 = n2; s3 = n3;
        }
        byte[] s = AesTables.SBox;
        uint o0 = (((uint)s[s0 >> 24] << 24) | ((uint)s[(s1 >> 16) & 0xFF] << 16) | ((uint)s[(s2 >> 8) & 0xFF] << 8) | s[s3 & 0xFF]) ^ rk[k];
        uint o1 = (((uint)s[s1 >> 24] << 24) | ((uint)s[(s2 >> 16) & 0xFF] << 16) | ((uint)s[(s3 >> 8) & 0xFF] << 8) | s[s0 & 0xFF]) ^ rk[k + 1];
        uint o2 = (((uint)s[s2 >> 24] << 24) | ((uint)s[(s3 >> 16) & 0xFF] << 16) | ((uint)s[(s0 >> 8) & 0xFF] << 8) | s[s1 & 0xFF]) ^ rk[k + 2];
        uint o3 = (((uint)s[s3 >> 24] << 24) | ((uint)s[(s0 >> 16) & 0xFF] << 16) | ((uint)s[(s1 >> 8) & 0xFF] << 8) | s[s2 & 0xFF]) ^ rk[k + 3];
        BinaryPrimitives.WriteUInt32BigEndian(output, o0);
        BinaryPrimitives.WriteUInt32BigEndian(output.Slice(4), o1);
        BinaryPrimitives.WriteUInt32BigEndian(output.Slice(8), o2);
        BinaryPrimitives.WriteUInt32BigEndian(output.Slice(12), o3);
    }
}
