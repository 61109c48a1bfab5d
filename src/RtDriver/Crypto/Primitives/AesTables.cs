namespace RtDriver.Crypto.Primitives;

/// <summary>
/// Tables for the PORTABLE AES path only: the S-box and the four encryption T-tables, generated
/// at start-up from the field arithmetic (no typed-in constants to get wrong). Lookups here are
/// indexed by secret data, so this path is NOT constant time; the AES-NI path never uses them.
/// Words are big-endian: byte 0 of a column is the word's most significant byte.
/// </summary>
internal static class AesTables
{
    public static readonly byte[] SBox = new byte[256];
    public static readonly uint[] T0 = new uint[256], T1 = new uint[256], T2 = new uint[256], T3 = new uint[256];

    static AesTables()
    {
        // Walk the multiplicative group with generator 3 to get logs/inverses, then the affine map.
        byte p = 1, q = 1;
        do
        {
            p = (byte)(p ^ (p << 1) ^ ((p & 0x80) != 0 ? 0x1B : 0)); // p *= 3
            q ^= (byte)(q << 1); q ^= (byte)(q << 2); q ^= (byte)(q << 4); // q /= 3
            if ((q & 0x80) != 0) q ^= 0x09;
            byte x = (byte)(q ^ Rotl8(q, 1) ^ Rotl8(q, 2) ^ Rotl8(q, 3) ^ Rotl8(q, 4));
            SBox[p] = (byte)(x ^ 0x63);
        } while (p != 1);
        SBox[0] = 0x63;

        for (int i = 0; i < 256; i++)
        {
            uint s = SBox[i];
            uint s2 = Mul2(s), s3 = s2 ^ s;
            uint t = (s2 << 24) | (s << 16) | (s << 8) | s3;
            T0[i] = t;
            T1[i] = (t >> 8) | (t << 24);
            T2[i] = (t >> 16) | (t << 16);
            T3[i] = (t >> 24) | (t << 8);
        }
    }

    public static uint Mul2(uint b) => ((b << 1) ^ ((b & 0x80) != 0 ? 0x1Bu : 0u)) & 0xFF;

    private static byte Rotl8(byte x, int s) => (byte)((x << s) | (x >> (8 - s)));
}
