using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Sse2 = System.Runtime.Intrinsics.X86.Sse2;
using Ssse3 = System.Runtime.Intrinsics.X86.Ssse3;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;
using static RtDriver.Crypto.Primitives.AesNiRounds;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// CCM on AES-NI. Single frame: CTR and CBC-MAC fused in one loop (two independent AES streams
/// per block; the CBC-MAC chain sets the pace and CTR runs in its shadow). Decrypt computes the
/// keystream one block ahead so it also runs two streams per step (the MAC needs the plaintext
/// first). Multi-frame: 4 frames' MAC chains + their 4 CTR streams = 8 AES streams in lockstep.
/// Constant time: no table lookups; the tag compare is FixedTimeEquals.
/// </summary>
[SkipLocalsInit]
internal static unsafe class AesCcmNi
{
    private static readonly Vector128<byte> LaneIndex = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(Vector128<byte> a0, int i) =>
        Sse2.Insert(a0.AsUInt16(), BinaryPrimitives.ReverseEndianness((ushort)i), 7).AsByte();

    /// <summary>Mask with 0xFF in the first n lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> FirstLanes(int n) => Vector128.LessThan(LaneIndex, Vector128.Create((byte)n));

    /// <summary>Formats the AAD as CCM's length-prefixed, zero-padded blocks into dst (which must
    /// hold them); returns the block count.</summary>
    private static int FormatAad(ReadOnlySpan<byte> aad, Span<byte> dst)
    {
        if (aad.Length == 0) return 0;
        int blocks = (aad.Length + 2 + 15) / 16;
        dst.Slice(0, blocks * 16).Clear();
        BinaryPrimitives.WriteUInt16BigEndian(dst, (ushort)aad.Length);
        aad.CopyTo(dst.Slice(2));
        return blocks;
    }

    // ShiftTable[s..s+16) as a PSHUFB mask moves bytes down by s lanes and zero-fills the top.
    private static ReadOnlySpan<byte> ShiftTable =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    ];

    /// <summary>The last n (1..16) bytes ending at end, moved to lanes 0..n-1, zero above; needs
    /// at least 16 readable bytes before end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LoadTail(ref byte end, int n) =>
        Ssse3.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Subtract(ref end, 16)),
                      Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(ShiftTable), (nuint)(16 - n)));

    /// <summary>CBC-MAC over the AAD blocks continuing from mac (= E(B0)). Every 802.11 AAD
    /// (16..30 bytes: two blocks) takes the register-only path.</summary>
    private static Vector128<byte> MacAad(ref Vector128<byte> rk, int rounds, Vector128<byte> mac, ReadOnlySpan<byte> aad)
    {
        int len = aad.Length;
        if (len >= 16 && len <= 30)
        {
            ref byte a = ref MemoryMarshal.GetReference(aad);
            var lenBlock = Vector128.CreateScalar((ushort)((len >> 8) | ((len & 0xFF) << 8))).AsByte();
            var first = Sse2.ShiftLeftLogical128BitLane(Vector128.LoadUnsafe(ref a), 2) | lenBlock;
            var second = LoadTail(ref Unsafe.Add(ref a, len), len - 14);
            mac = Enc1(ref rk, rounds, mac ^ first);
            return Enc1(ref rk, rounds, mac ^ second);
        }
        return MacAadGeneral(ref rk, rounds, mac, aad);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<byte> MacAadGeneral(ref Vector128<byte> rk, int rounds, Vector128<byte> mac, ReadOnlySpan<byte> aad)
    {
        if (aad.Length == 0) return mac;
        Span<byte> first = stackalloc byte[16];
        int n = Math.Min(14, aad.Length);
        first.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(first, (ushort)aad.Length);
        aad.Slice(0, n).CopyTo(first.Slice(2));
        mac = Enc1(ref rk, rounds, mac ^ Vector128.Create((ReadOnlySpan<byte>)first));
        for (int off = n; off < aad.Length; off += 16)
            mac = Enc1(ref rk, rounds, mac ^ Block.LoadPadded(aad.Slice(off, Math.Min(16, aad.Length - off))));
        return mac;
    }

    /// <summary>Encrypts length bytes from block counter firstCounter on, continuing the MAC.
    /// The hot loop makes no calls, so the MAC chain stays in a register. The CBC-MAC chain is
    /// the critical path (one AES latency per block), so it is shortened by one XOR: the next
    /// block's plaintext and round key 0 are folded into this block's last round key
    /// (AESENCLAST ends with an XOR of its key), leaving 10 AES instructions per block on the chain.</summary>
    private static Vector128<byte> EncryptBlocks(ref Vector128<byte> rk, int rounds, Vector128<byte> macIn, Vector128<byte> a0,
        int firstCounter, ref byte src, ref byte dst, int length)
    {
        var mac = macIn;
        int full = length >> 4;
        nuint off = 0;
        if (full > 0)
        {
            var rk0 = rk;
            var rkLast = Unsafe.Add(ref rk, rounds);
            var lastXor0 = rkLast ^ rk0;
            var p = Vector128.LoadUnsafe(ref src);
            var m = mac ^ p ^ rk0; // whitened input of round 1
            for (int i = 0; i < full; i++, off += 16)
            {
                // The key that ends this block's MAC round and starts the next block's.
                Vector128<byte> next = default, macKey = rkLast;
                if (i + 1 < full)
                {
                    next = Vector128.LoadUnsafe(ref src, off + 16);
                    macKey = lastXor0 ^ next;
                }
                var k = Counter(a0, firstCounter + i) ^ rk0;
                MiddleRounds2(ref rk, rounds, ref m, ref k);
                m = X86Aes.EncryptLast(m, macKey);
                k = X86Aes.EncryptLast(k, rkLast);
                (p ^ k).StoreUnsafe(ref dst, off);
                p = next;
            }
            mac = m; // the last step used the plain last round key: a finished CBC-MAC value
        }
        int tail = length & 15;
        if (tail != 0)
            mac = EncryptTail(ref rk, rounds, mac, Counter(a0, firstCounter + full), ref Unsafe.Add(ref src, off), ref Unsafe.Add(ref dst, off), tail);
        return mac;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<byte> EncryptTail(ref Vector128<byte> rk, int rounds, Vector128<byte> mac, Vector128<byte> k,
        ref byte src, ref byte dst, int tail)
    {
        var p = Block.LoadPadded(MemoryMarshal.CreateReadOnlySpan(ref src, tail));
        var m = mac ^ p;
        Enc2(ref rk, rounds, ref m, ref k);
        Block.StorePartial(p ^ k, MemoryMarshal.CreateSpan(ref dst, tail));
        return m;
    }

    /// <summary>Decrypts length bytes from block counter firstCounter on, continuing the MAC over
    /// the plaintext. Same chain shortening as EncryptBlocks; as the MAC of block i needs the
    /// plaintext of block i+1 for its last round key, the keystream runs two blocks ahead.</summary>
    private static Vector128<byte> DecryptBlocks(ref Vector128<byte> rk, int rounds, Vector128<byte> macIn, Vector128<byte> a0,
        int firstCounter, ref byte src, ref byte dst, int length)
    {
        if (length == 0) return macIn;
        var k0 = Counter(a0, firstCounter);
        var k1 = Counter(a0, firstCounter + 1);
        Enc2(ref rk, rounds, ref k0, ref k1);
        return DecryptBlocksCore(ref rk, rounds, macIn, a0, firstCounter, ref src, ref dst, length, k0, k1);
    }

    /// <summary>As above with the keystream of the first two blocks already computed (the
    /// single-frame path gets them for free beside E(B0)).</summary>
    private static Vector128<byte> DecryptBlocksCore(ref Vector128<byte> rk, int rounds, Vector128<byte> macIn, Vector128<byte> a0,
        int firstCounter, ref byte src, ref byte dst, int length, Vector128<byte> k0, Vector128<byte> kFirstNext)
    {
        if (length == 0) return macIn;
        var mac = macIn;
        int full = length >> 4;
        nuint off = 0;
        Vector128<byte> kTail;
        if (full > 0)
        {
            var rk0 = rk;
            var rkLast = Unsafe.Add(ref rk, rounds);
            var lastXor0 = rkLast ^ rk0;
            var kNext = kFirstNext;
            var p = Vector128.LoadUnsafe(ref src) ^ k0;
            p.StoreUnsafe(ref dst);
            var m = mac ^ p ^ rk0;
            kTail = kNext;
            for (int i = 0; i < full; i++, off += 16)
            {
                Vector128<byte> pn = default, macKey = rkLast;
                if (i + 1 < full)
                {
                    pn = Vector128.LoadUnsafe(ref src, off + 16) ^ kNext;
                    macKey = lastXor0 ^ pn;
                }
                var k = Counter(a0, firstCounter + i + 2) ^ rk0;
                MiddleRounds2(ref rk, rounds, ref m, ref k);
                m = X86Aes.EncryptLast(m, macKey);
                k = X86Aes.EncryptLast(k, rkLast);
                if (i + 1 < full) pn.StoreUnsafe(ref dst, off + 16);
                kTail = kNext; // keystream of block i+1: the tail's when this is the last whole block
                kNext = k;
            }
            mac = m;
        }
        else kTail = k0;
        int tail = length & 15;
        if (tail != 0)
            mac = DecryptTail(ref rk, rounds, mac, kTail, ref Unsafe.Add(ref src, off), ref Unsafe.Add(ref dst, off), tail);
        return mac;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<byte> DecryptTail(ref Vector128<byte> rk, int rounds, Vector128<byte> mac, Vector128<byte> k,
        ref byte src, ref byte dst, int tail)
    {
        var p = (Block.LoadPadded(MemoryMarshal.CreateReadOnlySpan(ref src, tail)) ^ k) & FirstLanes(tail);
        Block.StorePartial(p, MemoryMarshal.CreateSpan(ref dst, tail));
        return Enc1(ref rk, rounds, mac ^ p);
    }

    private static readonly Vector128<byte> NonceLanes = Vector128.Create((byte)0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0);

    /// <summary>A_0 from B0: same nonce lanes, flags 1, counter 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> A0FromB0(Vector128<byte> b0) => (b0 & NonceLanes) | Vector128.CreateScalar((byte)1);

    // Inlined into the frame path's Seal, as Decrypt into Open (one call boundary less per frame).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Encrypt(AesKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        ref var rk = ref MemoryMarshal.GetArrayDataReference(key.RoundKeys);
        int rounds = key.Rounds;
        var mac = AesCcm.B0(nonce, aad.Length, plaintext.Length, tag.Length);
        var a0 = A0FromB0(mac);
        var s0 = a0;
        Enc2(ref rk, rounds, ref mac, ref s0);
        mac = MacAad(ref rk, rounds, mac, aad);
        mac = EncryptBlocks(ref rk, rounds, mac, a0, 1, ref MemoryMarshal.GetReference(plaintext), ref MemoryMarshal.GetReference(ciphertext), plaintext.Length);
        mac ^= s0;
        if (tag.Length == 16) mac.CopyTo(tag);
        else if (tag.Length == 8) BinaryPrimitives.WriteUInt64LittleEndian(tag, mac.AsUInt64().ToScalar());
        else Block.StorePartial(mac, tag);
    }

    /// <summary>Decrypts and verifies the tag in constant time (one vector compare over the tag
    /// lanes). Returns false on mismatch; the caller zeroes the plaintext. Inlined into the frame
    /// path's Open (the span arguments otherwise cross one more call boundary per frame).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Decrypt(AesKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        ref var rk = ref MemoryMarshal.GetArrayDataReference(key.RoundKeys);
        int rounds = key.Rounds;
        var mac = AesCcm.B0(nonce, aad.Length, ciphertext.Length, tag.Length);
        var a0 = A0FromB0(mac);
        var s0 = a0;
        var k1 = Counter(a0, 1);
        var k2 = Counter(a0, 2);
        Enc4(ref rk, rounds, ref mac, ref s0, ref k1, ref k2); // the first keystream blocks ride along with E(B0)
        mac = MacAad(ref rk, rounds, mac, aad);
        mac = DecryptBlocksCore(ref rk, rounds, mac, a0, 1, ref MemoryMarshal.GetReference(ciphertext), ref MemoryMarshal.GetReference(plaintext), ciphertext.Length, k1, k2);
        return TagEquals(mac ^ s0, tag);
    }

    /// <summary>Constant-time compare of the first tag.Length lanes of computed with tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TagEquals(Vector128<byte> computed, ReadOnlySpan<byte> tag)
    {
        Vector128<byte> received;
        if (tag.Length == 16) received = Vector128.Create(tag);
        else if (tag.Length == 8) received = Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(tag)).AsByte();
        else received = Block.LoadPadded(tag);
        var diff = (computed ^ received) & FirstLanes(tag.Length);
        return diff == Vector128<byte>.Zero;
    }

    // ---- four frames at once -------------------------------------------------------------

    /// <summary>B0, A0 and E(B0), E(A0) for four jobs, then their AAD chains (lockstep when all
    /// four AADs have the same block count and fit the 3-block scratch, e.g. every CCMP AAD).</summary>
    private static void Headers4(ref Vector128<byte> rk, int rounds, AeadJob* j, int tagLen,
        out Vector128<byte> m0, out Vector128<byte> m1, out Vector128<byte> m2, out Vector128<byte> m3,
        out Vector128<byte> s0, out Vector128<byte> s1, out Vector128<byte> s2, out Vector128<byte> s3,
        out Vector128<byte> a0, out Vector128<byte> a1, out Vector128<byte> a2, out Vector128<byte> a3)
    {
        m0 = AesCcm.B0(new ReadOnlySpan<byte>(j[0].Nonce, 13), j[0].AadLength, j[0].Length, tagLen);
        m1 = AesCcm.B0(new ReadOnlySpan<byte>(j[1].Nonce, 13), j[1].AadLength, j[1].Length, tagLen);
        m2 = AesCcm.B0(new ReadOnlySpan<byte>(j[2].Nonce, 13), j[2].AadLength, j[2].Length, tagLen);
        m3 = AesCcm.B0(new ReadOnlySpan<byte>(j[3].Nonce, 13), j[3].AadLength, j[3].Length, tagLen);
        a0 = AesCcm.A0(new ReadOnlySpan<byte>(j[0].Nonce, 13)); s0 = a0;
        a1 = AesCcm.A0(new ReadOnlySpan<byte>(j[1].Nonce, 13)); s1 = a1;
        a2 = AesCcm.A0(new ReadOnlySpan<byte>(j[2].Nonce, 13)); s2 = a2;
        a3 = AesCcm.A0(new ReadOnlySpan<byte>(j[3].Nonce, 13)); s3 = a3;
        Enc8(ref rk, rounds, ref m0, ref m1, ref m2, ref m3, ref s0, ref s1, ref s2, ref s3);

        int l0 = j[0].AadLength, l1 = j[1].AadLength, l2 = j[2].AadLength, l3 = j[3].AadLength;
        int nb = l0 == 0 ? 0 : (l0 + 17) / 16;
        bool lockstep = l0 <= 46 && nb == (l1 == 0 ? 0 : (l1 + 17) / 16) && nb == (l2 == 0 ? 0 : (l2 + 17) / 16) && nb == (l3 == 0 ? 0 : (l3 + 17) / 16);
        if (lockstep)
        {
            Span<byte> h = stackalloc byte[4 * 48];
            FormatAad(new ReadOnlySpan<byte>(j[0].Aad, l0), h);
            FormatAad(new ReadOnlySpan<byte>(j[1].Aad, l1), h.Slice(48));
            FormatAad(new ReadOnlySpan<byte>(j[2].Aad, l2), h.Slice(96));
            FormatAad(new ReadOnlySpan<byte>(j[3].Aad, l3), h.Slice(144));
            ref byte hb = ref MemoryMarshal.GetReference(h);
            for (int b = 0; b < nb; b++)
            {
                m0 ^= Vector128.LoadUnsafe(ref hb, (nuint)(b * 16));
                m1 ^= Vector128.LoadUnsafe(ref hb, (nuint)(48 + b * 16));
                m2 ^= Vector128.LoadUnsafe(ref hb, (nuint)(96 + b * 16));
                m3 ^= Vector128.LoadUnsafe(ref hb, (nuint)(144 + b * 16));
                Enc4(ref rk, rounds, ref m0, ref m1, ref m2, ref m3);
            }
        }
        else
        {
            m0 = MacAad(ref rk, rounds, m0, new ReadOnlySpan<byte>(j[0].Aad, l0));
            m1 = MacAad(ref rk, rounds, m1, new ReadOnlySpan<byte>(j[1].Aad, l1));
            m2 = MacAad(ref rk, rounds, m2, new ReadOnlySpan<byte>(j[2].Aad, l2));
            m3 = MacAad(ref rk, rounds, m3, new ReadOnlySpan<byte>(j[3].Aad, l3));
        }
    }

    /// <summary>The opening both four-frame loops share: <see cref="Headers4"/>, then the number of
    /// 16-byte blocks all four frames have. Inlined on purpose: Headers4's out-parameters are
    /// address-exposed (they would live in memory, a store/reload on every step of the MAC chains),
    /// so they are copied here into the outs of an inlined method, which are the caller's own
    /// enregistered locals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Start4(AesKey key, AeadJob* j, int tagLen,
        out Vector128<byte> m0, out Vector128<byte> m1, out Vector128<byte> m2, out Vector128<byte> m3,
        out Vector128<byte> s0, out Vector128<byte> s1, out Vector128<byte> s2, out Vector128<byte> s3,
        out Vector128<byte> a0, out Vector128<byte> a1, out Vector128<byte> a2, out Vector128<byte> a3)
    {
        Headers4(ref MemoryMarshal.GetArrayDataReference(key.RoundKeys), key.Rounds, j, tagLen,
            out var hm0, out var hm1, out var hm2, out var hm3, out var hs0, out var hs1, out var hs2, out var hs3,
            out var ha0, out var ha1, out var ha2, out var ha3);
        m0 = hm0; m1 = hm1; m2 = hm2; m3 = hm3;
        s0 = hs0; s1 = hs1; s2 = hs2; s3 = hs3;
        a0 = ha0; a1 = ha1; a2 = ha2; a3 = ha3;
        return Math.Min(Math.Min(j[0].Length, j[1].Length), Math.Min(j[2].Length, j[3].Length)) >> 4;
    }

    public static void EncryptMany4(AesKey key, AeadJob* j, int tagLen)
    {
        ref var rk = ref MemoryMarshal.GetArrayDataReference(key.RoundKeys);
        int rounds = key.Rounds;
        int common = Start4(key, j, tagLen, out var m0, out var m1, out var m2, out var m3,
            out var s0, out var s1, out var s2, out var s3, out var a0, out var a1, out var a2, out var a3);
        byte* i0 = j[0].Input, i1 = j[1].Input, i2 = j[2].Input, i3 = j[3].Input;
        byte* o0 = j[0].Output, o1 = j[1].Output, o2 = j[2].Output, o3 = j[3].Output;
        for (int b = 0; b < common; b++)
        {
            nuint off = (nuint)b * 16;
            var p0 = Vector128.Load(i0 + off); var p1 = Vector128.Load(i1 + off);
            var p2 = Vector128.Load(i2 + off); var p3 = Vector128.Load(i3 + off);
            m0 ^= p0; m1 ^= p1; m2 ^= p2; m3 ^= p3;
            var k0 = Counter(a0, b + 1); var k1 = Counter(a1, b + 1); var k2 = Counter(a2, b + 1); var k3 = Counter(a3, b + 1);
            Enc8(ref rk, rounds, ref m0, ref m1, ref m2, ref m3, ref k0, ref k1, ref k2, ref k3);
            Vector128.Store(p0 ^ k0, o0 + off); Vector128.Store(p1 ^ k1, o1 + off);
            Vector128.Store(p2 ^ k2, o2 + off); Vector128.Store(p3 ^ k3, o3 + off);
        }
        int done = common * 16;
        FinishEncrypt(ref rk, rounds, ref j[0], m0, a0, s0, common, done, tagLen);
        FinishEncrypt(ref rk, rounds, ref j[1], m1, a1, s1, common, done, tagLen);
        FinishEncrypt(ref rk, rounds, ref j[2], m2, a2, s2, common, done, tagLen);
        FinishEncrypt(ref rk, rounds, ref j[3], m3, a3, s3, common, done, tagLen);
    }

    private static void FinishEncrypt(ref Vector128<byte> rk, int rounds, ref AeadJob j, Vector128<byte> mac, Vector128<byte> a0,
        Vector128<byte> s0, int blocksDone, int done, int tagLen)
    {
        mac = EncryptBlocks(ref rk, rounds, mac, a0, blocksDone + 1, ref j.Input[done], ref j.Output[done], j.Length - done);
        Block.StorePartial(mac ^ s0, new Span<byte>(j.Tag, tagLen));
    }

    /// <summary>Returns how many of the four failed; failed outputs are zeroed.</summary>
    public static int DecryptMany4(AesKey key, AeadJob* j, int tagLen)
    {
        ref var rk = ref MemoryMarshal.GetArrayDataReference(key.RoundKeys);
        int rounds = key.Rounds;
        int common = Start4(key, j, tagLen, out var m0, out var m1, out var m2, out var m3,
            out var s0, out var s1, out var s2, out var s3, out var a0, out var a1, out var a2, out var a3);
        if (common > 0)
        {
            byte* i0 = j[0].Input, i1 = j[1].Input, i2 = j[2].Input, i3 = j[3].Input;
            byte* o0 = j[0].Output, o1 = j[1].Output, o2 = j[2].Output, o3 = j[3].Output;
            var k0 = Counter(a0, 1); var k1 = Counter(a1, 1); var k2 = Counter(a2, 1); var k3 = Counter(a3, 1);
            Enc4(ref rk, rounds, ref k0, ref k1, ref k2, ref k3);
            for (int b = 0; b < common; b++)
            {
                nuint off = (nuint)b * 16;
                var p0 = Vector128.Load(i0 + off) ^ k0; var p1 = Vector128.Load(i1 + off) ^ k1;
                var p2 = Vector128.Load(i2 + off) ^ k2; var p3 = Vector128.Load(i3 + off) ^ k3;
                Vector128.Store(p0, o0 + off); Vector128.Store(p1, o1 + off);
                Vector128.Store(p2, o2 + off); Vector128.Store(p3, o3 + off);
                m0 ^= p0; m1 ^= p1; m2 ^= p2; m3 ^= p3;
                if (b + 1 == common)
                {
                    // Last common block: the next keystream would be thrown away (FinishDecrypt
                    // makes its own for a tail), and eight streams are AESENC-throughput bound.
                    Enc4(ref rk, rounds, ref m0, ref m1, ref m2, ref m3);
                    break;
                }
                k0 = Counter(a0, b + 2); k1 = Counter(a1, b + 2); k2 = Counter(a2, b + 2); k3 = Counter(a3, b + 2);
                Enc8(ref rk, rounds, ref m0, ref m1, ref m2, ref m3, ref k0, ref k1, ref k2, ref k3);
            }
        }
        int done = common * 16;
        int failed = 0;
        failed += FinishDecrypt(ref rk, rounds, ref j[0], m0, a0, s0, common, done, tagLen);
        failed += FinishDecrypt(ref rk, rounds, ref j[1], m1, a1, s1, common, done, tagLen);
        failed += FinishDecrypt(ref rk, rounds, ref j[2], m2, a2, s2, common, done, tagLen);
        failed += FinishDecrypt(ref rk, rounds, ref j[3], m3, a3, s3, common, done, tagLen);
        return failed;
    }

    // Inlined (four call sites): a frame with no bytes past the common blocks (every frame of an
    // equal-size batch) then costs only the tag compare; the call passed three vectors through memory.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FinishDecrypt(ref Vector128<byte> rk, int rounds, ref AeadJob j, Vector128<byte> mac, Vector128<byte> a0,
        Vector128<byte> s0, int blocksDone, int done, int tagLen)
    {
        if (j.Length != done)
            mac = DecryptBlocks(ref rk, rounds, mac, a0, blocksDone + 1, ref j.Input[done], ref j.Output[done], j.Length - done);
        j.Verified = TagEquals(mac ^ s0, new ReadOnlySpan<byte>(j.Tag, tagLen));
        if (j.Verified) return 0;
        ClearOutput(ref j);
        return 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ClearOutput(ref AeadJob j) => new Span<byte>(j.Output, j.Length).Clear();
}
