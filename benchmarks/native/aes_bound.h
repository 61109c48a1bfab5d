/* The AES-bound probe kernels (aes_bound.c); crypto_bench.c times them. */
#ifndef AES_BOUND_H
#define AES_BOUND_H
void aes_bound_init(void);
/* iters × chains AES-128 blocks (10 rounds each), chains in {1, 2, 4, 8, 12, 16}. */
void aes_probe(int chains, long iters);
/* iters × chains × 8 GHASH blocks (aggregated 8 per reduction), chains in {1, 2, 4}. */
void ghash_probe(int chains, long iters);
/* iters × 8 blocks of AES-128-CTR stitched with GHASH of 8 earlier ciphertext blocks. */
void gcm_stitch_probe(long iters);
/* Set to 1 where avx512vl, vaes and vpclmulqdq are present: the stitched loop then uses 32 registers. */
extern int gcm_stitch_evex_ok;
/* iters × chains × (width/128) AES-128 blocks with VAES; width 256 or 512, chains in {4, 8, 12}.
 * Only on a CPU with vaes (and avx512f for 512). */
void vaes_probe(int width, int chains, long iters);
#endif
