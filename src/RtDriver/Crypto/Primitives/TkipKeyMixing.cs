using System.Runtime.CompilerServices;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// TKIP per-packet key mixing (IEEE 802.11 12.5.2.5). Phase 1 mixes TK, TA and IV32 (the TSC's
/// high 32 bits) into the 80-bit TTAK — cache it while IV32 is unchanged; phase 2 mixes TTAK, TK
/// and IV16 into the 16-byte WEP seed (RC4 key). Uses the standard's 16-bit S-box (built from
/// the AES S-box: S[i] = (2·s ‖ 3·s)), a secret-indexed table, as the algorithm defines.
/// </summary>
public static class TkipKeyMixing
{
    private static readonly ushort[] Sbox = BuildSbox();

    private static ushort[] BuildSbox()
    {
        var t = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            uint s = AesTables.SBox[i];
            uint s2 = AesTables.Mul2(s);
            t[i] = (ushort)((s2 << 8) | (s2 ^ s));
        }
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort S(int v)
    {
        ushort lo = Sbox[v & 0xFF];
        ushort hi = Sbox[(v >> 8) & 0xFF];
        return (ushort)(lo ^ (ushort)((hi >> 8) | (hi << 8)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mk16(byte hi, byte lo) => (hi << 8) | lo;

    /// <summary>TTAK = Phase1(TK, TA, IV32).</summary>
    public static void Phase1(ReadOnlySpan<byte> tk16, ReadOnlySpan<byte> ta6, uint iv32, Span<ushort> ttak5)
    {
        if (tk16.Length != 16 || ta6.Length != 6 || ttak5.Length != 5)
            throw new RtException(RtStatus.InvalidArgument, $"TKIP phase 1: TK {tk16.Length} bytes (must be 16), TA {ta6.Length} (must be 6), TTAK {ttak5.Length} words (must be 5)");
        int p0 = (ushort)iv32, p1 = (ushort)(iv32 >> 16);
        int p2 = Mk16(ta6[1], ta6[0]), p3 = Mk16(ta6[3], ta6[2]), p4 = Mk16(ta6[5], ta6[4]);
        for (int i = 0; i < 8; i++)
        {
            int j = 2 * (i & 1);
            p0 = (p0 + S(p4 ^ Mk16(tk16[1 + j], tk16[0 + j]))) & 0xFFFF;
            p1 = (p1 + S(p0 ^ Mk16(tk16[5 + j], tk16[4 + j]))) & 0xFFFF;
            p2 = (p2 + S(p1 ^ Mk16(tk16[9 + j], tk16[8 + j]))) & 0xFFFF;
            p3 = (p3 + S(p2 ^ Mk16(tk16[13 + j], tk16[12 + j]))) & 0xFFFF;
            p4 = (p4 + S(p3 ^ Mk16(tk16[1 + j], tk16[0 + j])) + i) & 0xFFFF;
        }
        ttak5[0] = (ushort)p0; ttak5[1] = (ushort)p1; ttak5[2] = (ushort)p2; ttak5[3] = (ushort)p3; ttak5[4] = (ushort)p4;
    }

    /// <summary>RC4 key (WEP seed) = Phase2(TK, TTAK, IV16): IV16 high byte, (high | 0x20) & 0x7F,
    /// IV16 low byte, then the mixed PPK words.</summary>
    public static void Phase2(ReadOnlySpan<byte> tk16, ReadOnlySpan<ushort> ttak5, ushort iv16, Span<byte> rc4Key16)
    {
        if (tk16.Length != 16 || ttak5.Length != 5 || rc4Key16.Length != 16)
            throw new RtException(RtStatus.InvalidArgument, $"TKIP phase 2: TK {tk16.Length} bytes (must be 16), TTAK {ttak5.Length} words (must be 5), RC4 key {rc4Key16.Length} bytes (must be 16)");
        int p0 = ttak5[0], p1 = ttak5[1], p2 = ttak5[2], p3 = ttak5[3], p4 = ttak5[4];
        int p5 = (p4 + iv16) & 0xFFFF;
        p0 = (p0 + S(p5 ^ Mk16(tk16[1], tk16[0]))) & 0xFFFF;
        p1 = (p1 + S(p0 ^ Mk16(tk16[3], tk16[2]))) & 0xFFFF;
        p2 = (p2 + S(p1 ^ Mk16(tk16[5], tk16[4]))) & 0xFFFF;
        p3 = (p3 + S(p2 ^ Mk16(tk16[7], tk16[6]))) & 0xFFFF;
        p4 = (p4 + S(p3 ^ Mk16(tk16[9], tk16[8]))) & 0xFFFF;
        p5 = (p5 + S(p4 ^ Mk16(tk16[11], tk16[10]))) & 0xFFFF;
        p0 = (p0 + RotR1(p5 ^ Mk16(tk16[13], tk16[12]))) & 0xFFFF;
        p1 = (p1 + RotR1(p0 ^ Mk16(tk16[15], tk16[14]))) & 0xFFFF;
        p2 = (p2 + RotR1(p1)) & 0xFFFF;
        p3 = (p3 + RotR1(p2)) & 0xFFFF;
        p4 = (p4 + RotR1(p3)) & 0xFFFF;
        p5 = (p5 + RotR1(p4)) & 0xFFFF;
        rc4Key16[0] = (byte)(iv16 >> 8);
        rc4Key16[1] = (byte)(((iv16 >> 8) | 0x20) & 0x7F);
        rc4Key16[2] = (byte)iv16;
        rc4Key16[3] = (byte)((p5 ^ Mk16(tk16[1], tk16[0])) >> 1);
        rc4Key16[4] = (byte)p0; rc4Key16[5] = (byte)(p0 >> 8);
        rc4Key16[6] = (byte)p1; rc4Key16[7] = (byte)(p1 >> 8);
        rc4Key16[8] = (byte)p2; rc4Key16[9] = (byte)(p2 >> 8);
        rc4Key16[10] = (byte)p3; rc4Key16[11] = (byte)(p3 >> 8);
        rc4Key16[12] = (byte)p4; rc4Key16[13] = (byte)(p4 >> 8);
        rc4Key16[14] = (byte)p5; rc4Key16[15] = (byte)(p5 >> 8);
    }

    private static int RotR1(int v) => ((v >> 1) | (v << 15)) & 0xFFFF;
}
