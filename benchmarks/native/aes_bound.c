/* The AES bound of this CPU (issue 16): kernels that do nothing but the AES and GHASH work a
 * CCM or GCM frame needs, in as many independent chains as the caller asks for, so the best of
 * them is the throughput limit of the execution units. crypto_bench.c times them with the same
 * clock and "best of" loop as the frame rows.
 *
 * Every kernel keeps its state in registers across iterations, reads its inputs from memory the
 * compiler cannot see through (globals written at run time) and stores its final state to a
 * volatile sink, so no work can be folded away; an empty asm with the state as an in/out operand
 * after every iteration stops the compiler from collapsing or reordering iterations. */
#include "aes_bound.h"
#include <immintrin.h>
#include <string.h>
#include <wmmintrin.h>

static __m128i rk[11];               /* any 11 round keys: AESENC's cost does not depend on them */
static __m128i hpow[8], hkara[8];    /* H^1..H^8 and their Karatsuba halves (hi ^ lo) */
static __m128i data[16];             /* the "payload" blocks GHASH reads */
static volatile __m128i sink;

void aes_bound_init(void)
{
    for (int i = 0; i < 11; i++) rk[i] = _mm_set_epi32(0x243f6a88 + i, 0x85a308d3 * i, 0x13198a2e ^ i, 0x03707344 + 7 * i);
    for (int i = 0; i < 8; i++) {
        hpow[i] = _mm_set_epi32(0x66e94bd4 + i, 0xef8a2c3b, 0x884cfa59 ^ i, 0xca342b2e);
        hkara[i] = _mm_xor_si128(hpow[i], _mm_shuffle_epi32(hpow[i], 0x4e));
    }
    for (int i = 0; i < 16; i++) data[i] = _mm_set1_epi32(0x01010101 * (i + 1));
}

#define UNROLL _Pragma("GCC unroll 16")
#define KEEP(x) __asm__ volatile("" : "+x"(x))

/* ---- AES-128: N independent blocks, each through all 10 rounds, fed back ----------------- */
#define AES_CHAINS(N)                                                                        \
    static __attribute__((noinline)) void aes_chains_##N(long iters)                         \
    {                                                                                        \
        __m128i s[N];                                                                        \
        UNROLL                                                                               \
        for (int j = 0; j < N; j++) s[j] = data[j];                                          \
        for (long i = 0; i < iters; i++) {                                                   \
            UNROLL                                                                           \
            for (int j = 0; j < N; j++) s[j] = _mm_xor_si128(s[j], rk[0]);                   \
            UNROLL                                                                           \
            for (int r = 1; r < 10; r++)                                                     \
                UNROLL                                                                       \
                for (int j = 0; j < N; j++) s[j] = _mm_aesenc_si128(s[j], rk[r]);            \
            UNROLL                                                                           \
            for (int j = 0; j < N; j++) { s[j] = _mm_aesenclast_si128(s[j], rk[10]); KEEP(s[j]); } \
        }                                                                                    \
        __m128i x = s[0];                                                                    \
        UNROLL                                                                               \
        for (int j = 1; j < N; j++) x = _mm_xor_si128(x, s[j]);                              \
        sink = x;                                                                            \
    }
AES_CHAINS(1) AES_CHAINS(2) AES_CHAINS(4) AES_CHAINS(8) AES_CHAINS(12) AES_CHAINS(16)

void aes_probe(int chains, long iters)
{
    switch (chains) {
    case 1: aes_chains_1(iters); break;
    case 2: aes_chains_2(iters); break;
    case 4: aes_chains_4(iters); break;
    case 8: aes_chains_8(iters); break;
    case 12: aes_chains_12(iters); break;
    default: aes_chains_16(iters); break;
    }
}

/* ---- GHASH: aggregated 8 blocks per reduction (the way fast GCM code does it) -------------
 * Per 16-byte block: 3 PCLMULQDQ (Karatsuba against a precomputed H^k) and the XORs; per 8
 * blocks: one reduction (2 PCLMULQDQ). N independent accumulators. */
static inline __attribute__((always_inline)) __m128i ghash8(__m128i acc, const __m128i *in)
{
    __m128i lo = _mm_setzero_si128(), hi = lo, md = lo;
    UNROLL
    for (int k = 0; k < 8; k++) {
        __m128i a = k == 0 ? _mm_xor_si128(acc, in[0]) : in[k];
        lo = _mm_xor_si128(lo, _mm_clmulepi64_si128(a, hpow[7 - k], 0x00));
        hi = _mm_xor_si128(hi, _mm_clmulepi64_si128(a, hpow[7 - k], 0x11));
        __m128i t = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4e));
        md = _mm_xor_si128(md, _mm_clmulepi64_si128(t, hkara[7 - k], 0x00));
    }
    md = _mm_xor_si128(md, _mm_xor_si128(lo, hi));
    lo = _mm_xor_si128(lo, _mm_slli_si128(md, 8));
    hi = _mm_xor_si128(hi, _mm_srli_si128(md, 8));
    const __m128i poly = _mm_set_epi64x((long long)0xc200000000000000ULL, 0);
    __m128i t = _mm_clmulepi64_si128(lo, poly, 0x10);
    lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4e), t);
    t = _mm_clmulepi64_si128(lo, poly, 0x10);
    lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4e), t);
    return _mm_xor_si128(lo, hi);
}

#define GHASH_CHAINS(N)                                                                      \
    static __attribute__((noinline)) void ghash_chains_##N(long iters)                       \
    {                                                                                        \
        __m128i acc[N];                                                                      \
        UNROLL                                                                               \
        for (int j = 0; j < N; j++) acc[j] = data[j];                                        \
        for (long i = 0; i < iters; i++)                                                     \
            UNROLL                                                                           \
            for (int j = 0; j < N; j++) { acc[j] = ghash8(acc[j], data + (j & 1) * 8); KEEP(acc[j]); } \
        __m128i x = acc[0];                                                                  \
        UNROLL                                                                               \
        for (int j = 1; j < N; j++) x = _mm_xor_si128(x, acc[j]);                            \
        sink = x;                                                                            \
    }
GHASH_CHAINS(1) GHASH_CHAINS(2) GHASH_CHAINS(4)

void ghash_probe(int chains, long iters)
{
    switch (chains) {
    case 1: ghash_chains_1(iters); break;
    case 2: ghash_chains_2(iters); break;
    default: ghash_chains_4(iters); break;
    }
}

/* ---- GCM stitched: 8 CTR blocks of AES-128 per iteration, their ciphertext stored to memory as
 * a real GCM does, and GHASH of the 8 ciphertext blocks of two iterations before, read back from
 * memory, woven into the AES rounds by hand the way a stitched AES-GCM is written: after each
 * AES round over the 8 blocks comes the Karatsuba product of one GHASH block (against H^k), and
 * the reduction after the 9th round. Says whether AES and PCLMULQDQ overlap (max) or compete
 * (sum) in a real loop on this core. Tried and slower on Zen 4: GHASH as a block before the
 * rounds left to the compiler's scheduling, and 16 AES blocks per iteration. */
static __m128i ctext[3][8];
#define GCM_STITCH(NAME, ATTR)                                                                \
static __attribute__((ATTR)) void NAME(long iters)                                            \
{                                                                                             \
    __m128i ctr = data[0], acc = data[1], s[8];                                               \
    const __m128i one = _mm_set_epi32(0, 0, 0, 1);                                            \
    const __m128i poly = _mm_set_epi64x((long long)0xc200000000000000ULL, 0);                 \
    for (long i = 0, o = 0; i < iters; i++, o = o == 2 ? 0 : o + 1) {                          \
        __m128i *out = ctext[o], *in = ctext[o == 2 ? 0 : o + 1];                             \
        __m128i lo = _mm_setzero_si128(), hi = lo, md = lo;                                   \
        UNROLL                                                                                \
        for (int j = 0; j < 8; j++) { s[j] = _mm_xor_si128(ctr, rk[0]);  ctr = _mm_add_epi32(ctr, one); } \
        UNROLL                                                                                \
        for (int r = 1; r < 10; r++) {                                                        \
            UNROLL                                                                            \
            for (int j = 0; j < 8; j++) s[j] = _mm_aesenc_si128(s[j], rk[r]);                 \
            if (r <= 8) {                                                                     \
                UNROLL                                                                        \
                for (int k = r - 1; k < r; k++) {                                             \
                    __m128i a = k == 0 ? _mm_xor_si128(acc, in[0]) : in[k];                   \
                    lo = _mm_xor_si128(lo, _mm_clmulepi64_si128(a, hpow[k & 7], 0x00));       \
                    hi = _mm_xor_si128(hi, _mm_clmulepi64_si128(a, hpow[k & 7], 0x11));       \
                    __m128i t = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4e));                 \
                    md = _mm_xor_si128(md, _mm_clmulepi64_si128(t, hkara[k & 7], 0x00));      \
                }                                                                             \
            } else {                                                                          \
                md = _mm_xor_si128(md, _mm_xor_si128(lo, hi));                                \
                lo = _mm_xor_si128(lo, _mm_slli_si128(md, 8));                                \
                hi = _mm_xor_si128(hi, _mm_srli_si128(md, 8));                                \
                __m128i t = _mm_clmulepi64_si128(lo, poly, 0x10);                             \
                lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4e), t);                           \
                t = _mm_clmulepi64_si128(lo, poly, 0x10);                                     \
                lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4e), t);                           \
                acc = _mm_xor_si128(lo, hi);                                                  \
            }                                                                                 \
        }                                                                                     \
        UNROLL                                                                                \
        for (int j = 0; j < 8; j++) out[j] = _mm_xor_si128(_mm_aesenclast_si128(s[j], rk[10]), data[j]); \
        KEEP(acc);                                                                            \
        __asm__ volatile("" ::: "memory");                                                    \
    }                                                                                         \
    sink = acc;                                                                               \
}
GCM_STITCH(gcm_stitch_sse, noinline)
/* The same loop with AVX-512VL encodings: 32 vector registers hold the 8 AES states, the 8
 * ciphertext blocks GHASH reads and its accumulators without spilling (AESENC/PCLMULQDQ on xmm
 * are then VAES/VPCLMULQDQ-encoded, same units, same cost). */
#define EVEX_ATTR noinline, target("avx512f,avx512vl,vaes,vpclmulqdq")
GCM_STITCH(gcm_stitch_evex, EVEX_ATTR)

int gcm_stitch_evex_ok;
void gcm_stitch_probe(long iters)
{
    if (gcm_stitch_evex_ok) gcm_stitch_evex(iters); else gcm_stitch_sse(iters);
}

/* ---- VAES (information): the same AES rounds on 2 or 4 blocks per instruction ------------- */
#define VAES_CHAINS(N, T, W, LOAD, ENC, LAST, XOR, TGT)                                      \
    static __attribute__((noinline, target(TGT))) void vaes##W##_chains_##N(long iters)      \
    {                                                                                        \
        T s[N], k[11];                                                                       \
        UNROLL                                                                               \
        for (int r = 0; r < 11; r++) k[r] = LOAD(rk[r]);                                     \
        UNROLL                                                                               \
        for (int j = 0; j < N; j++) s[j] = LOAD(data[j]);                                    \
        for (long i = 0; i < iters; i++) {                                                   \
            UNROLL                                                                           \
            for (int j = 0; j < N; j++) s[j] = XOR(s[j], k[0]);                              \
            UNROLL                                                                           \
            for (int r = 1; r < 10; r++)                                                     \
                UNROLL                                                                       \
                for (int j = 0; j < N; j++) s[j] = ENC(s[j], k[r]);                          \
            UNROLL                                                                           \
            for (int j = 0; j < N; j++) { s[j] = LAST(s[j], k[10]); __asm__ volatile("" : "+v"(s[j])); } \
        }                                                                                    \
        T x = s[0];                                                                          \
        UNROLL                                                                               \
        for (int j = 1; j < N; j++) x = XOR(x, s[j]);                                        \
        __m128i y; memcpy(&y, &x, 16); sink = y;                                             \
    }
#define B256(x) _mm256_broadcastsi128_si256(x)
#define B512(x) _mm512_broadcast_i32x4(x)
VAES_CHAINS(4, __m256i, 256, B256, _mm256_aesenc_epi128, _mm256_aesenclast_epi128, _mm256_xor_si256, "vaes,avx2")
VAES_CHAINS(8, __m256i, 256, B256, _mm256_aesenc_epi128, _mm256_aesenclast_epi128, _mm256_xor_si256, "vaes,avx2")
VAES_CHAINS(12, __m256i, 256, B256, _mm256_aesenc_epi128, _mm256_aesenclast_epi128, _mm256_xor_si256, "vaes,avx2")
VAES_CHAINS(4, __m512i, 512, B512, _mm512_aesenc_epi128, _mm512_aesenclast_epi128, _mm512_xor_si512, "vaes,avx512f")
VAES_CHAINS(8, __m512i, 512, B512, _mm512_aesenc_epi128, _mm512_aesenclast_epi128, _mm512_xor_si512, "vaes,avx512f")
VAES_CHAINS(12, __m512i, 512, B512, _mm512_aesenc_epi128, _mm512_aesenclast_epi128, _mm512_xor_si512, "vaes,avx512f")

void vaes_probe(int width, int chains, long iters)
{
    if (width == 256) { if (chains == 4) vaes256_chains_4(iters); else if (chains == 8) vaes256_chains_8(iters); else vaes256_chains_12(iters); }
    else { if (chains == 4) vaes512_chains_4(iters); else if (chains == 8) vaes512_chains_8(iters); else vaes512_chains_12(iters); }
}
