/* rtdriver vs OpenSSL, same frames, same process.
 *
 * For every target of issue 4 it times our C ABI (rt_frame_encrypt / rt_frame_decrypt /
 * rt_frame_*_batch, which parse the MPDU and build nonce and AAD inside the timed loop) and
 * OpenSSL's EVP doing the same cryptographic work (nonce and AAD prepared outside its timed
 * loop), alternating the two sides over ROUNDS rounds and keeping the best of each so machine
 * drift cancels. Both outputs are cross-checked before timing: OpenSSL must produce exactly our
 * ciphertext and MIC, so both sides really do the same work.
 *
 * Prints per target: throughput of each side (MB/s), TSC cycles per payload byte, the ratio
 * (ours / reference) and PASS/FAIL against the target ratio. Exit status 1 if any FAILs.
 * RTDRIVER_BENCH_ROUNDS (default 5) and RTDRIVER_BENCH_MS (per side per round, default 40).
 *
 * Issue 16 ("the harness measures the limit"): the header names the CPU, its AES-related flags,
 * core count and load average; before the frame rows the same run measures this CPU's AES bound
 * (aes_bound.c: AES-128 in 1..16 independent AESENC chains, GHASH with PCLMULQDQ, and the two
 * stitched), with the same TSC clock and best-of-rounds loop as every other row, and every
 * AES-based row also prints its cycles per byte as a percentage of the CCM or GCM bound. The
 * issue-16 targets are extra lines marked "[issue 16]"; they are counted on their own summary
 * line and do not change the exit status (the first-round targets alone decide it). */
#include <rtdriver.h>
#include "aes_bound.h"
#include <openssl/evp.h>
#include <openssl/rc4.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#define NFRAMES 64      /* distinct frames per timed pass (fresh PNs; fits L2) */
#define BATCH 16
#define HDR 24          /* 3-address data frame */
#define MAXBODY 1500

static int rounds = 5, budget_ms = 40, failures = 0, failures16 = 0;

static double now_s(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static void die(const char *what, int st) { fprintf(stderr, "crypto_bench: %s failed: %d %s (%s)\n", what, st, rt_status_name(st), rt_last_error()); exit(2); }

/* One measurement: calls fn(ctx) (which processes `bytes` payload bytes) repeatedly for about
 * budget_ms; returns bytes/s and TSC cycles per byte of the best of several short bursts. */
typedef void (*work_fn)(void *ctx);
typedef struct { double bps; double cpb; } perf;
static perf measure(work_fn fn, void *ctx, size_t bytes)
{
    perf best = {0, 1e9};
    double end = now_s() + budget_ms / 1000.0;
    fn(ctx); /* warm */
    do {
        int reps = 8;
        double t0 = now_s(); uint64_t c0 = __rdtsc();
        for (int i = 0; i < reps; i++) fn(ctx);
        uint64_t c1 = __rdtsc(); double t1 = now_s();
        double bps = (double)bytes * reps / (t1 - t0);
        double cpb = (double)(c1 - c0) / ((double)bytes * reps);
        if (bps > best.bps) { best.bps = bps; best.cpb = cpb; }
    } while (now_s() < end);
    return best;
}

/* ---- frames -------------------------------------------------------------------------- */
static uint8_t plain[NFRAMES][HDR + MAXBODY];
static uint8_t prot[NFRAMES][HDR + 8 + MAXBODY + 16 + 16];
static size_t prot_len[NFRAMES];
static uint8_t outbuf[NFRAMES][HDR + 8 + MAXBODY + 32];
static const uint8_t tk16[16] = {0xc9,0x7c,0x1f,0x67,0xce,0x37,0x11,0x85,0x51,0x4a,0x8a,0x19,0xf2,0xbd,0xd5,0x2f};
static uint8_t tkip_key[32];

static void build_plain(int body)
{
    for (int f = 0; f < NFRAMES; f++) {
        uint8_t *h = plain[f];
        memset(h, 0, HDR);
        h[0] = 0x08; h[1] = 0x01;                   /* data, ToDS */
        for (int i = 0; i < 18; i++) h[4 + i] = (uint8_t)(0x10 + i);
        h[4] = 0x02; h[10] = 0x02;
        h[22] = (uint8_t)(f << 4); h[23] = 0;       /* sequence number f */
        for (int i = 0; i < body; i++) h[HDR + i] = (uint8_t)(i * 7 + f);
    }
}

/* CCMP/GCMP nonce and AAD of a plain 3-address data frame (what rtdriver builds inside). */
static void ccmp_nonce_aad(const uint8_t *h, uint64_t pn, uint8_t nonce[13], uint8_t aad[22])
{
    nonce[0] = 0; memcpy(nonce + 1, h + 10, 6);
    for (int i = 0; i < 6; i++) nonce[7 + i] = (uint8_t)(pn >> (8 * (5 - i)));
    aad[0] = h[0] & 0x8f; aad[1] = (h[1] & 0xc7) | 0x40;
    memcpy(aad + 2, h + 4, 18);
    aad[20] = h[22] & 0x0f; aad[21] = 0;
}
static void gcmp_nonce(const uint8_t *h, uint64_t pn, uint8_t nonce[12])
{
    memcpy(nonce, h + 10, 6);
    for (int i = 0; i < 6; i++) nonce[6 + i] = (uint8_t)(pn >> (8 * (5 - i)));
}

/* ---- our side ------------------------------------------------------------------------ */
typedef struct { rt_key *key; int body; int batch; int decrypt; } ours_ctx;
static rt_frame_op ops[NFRAMES];

static void ours_run(void *p)
{
    ours_ctx *c = p;
    if (c->decrypt) rt_key_set_rx_pn(c->key, -1, 0); /* same frames again: reset replay state (cheap) */
    if (!c->batch) {
        for (int f = 0; f < NFRAMES; f++) {
            size_t n;
            int st = c->decrypt ? rt_frame_decrypt(c->key, prot[f], prot_len[f], outbuf[f], sizeof outbuf[f], &n)
                                : rt_frame_encrypt(c->key, plain[f], HDR + c->body, outbuf[f], sizeof outbuf[f], &n);
            if (st) die(c->decrypt ? "rt_frame_decrypt" : "rt_frame_encrypt", st);
        }
    } else {
        for (int f = 0; f < NFRAMES; f++) {
            ops[f].in = c->decrypt ? prot[f] : plain[f];
            ops[f].in_len = c->decrypt ? prot_len[f] : (size_t)(HDR + c->body);
            ops[f].out = outbuf[f]; ops[f].out_cap = sizeof outbuf[f];
        }
        for (int f = 0; f < NFRAMES; f += BATCH) {
            int st = c->decrypt ? rt_frame_decrypt_batch(c->key, ops + f, BATCH) : rt_frame_encrypt_batch(c->key, ops + f, BATCH);
            if (st) die(c->decrypt ? "rt_frame_decrypt_batch" : "rt_frame_encrypt_batch", st);
        }
    }
}

static rt_key *new_key(int cipher, const uint8_t *k, size_t len)
{
    rt_key *key; int st = rt_key_new(cipher, k, len, 0, &key);
    if (st) die("rt_key_new", st);
    return key;
}

/* Protected copies of the frames (PN 1..NFRAMES) for decryption and for the cross-check. */
static void protect_all(int cipher, const uint8_t *k, size_t klen, int body)
{
    rt_key *key = new_key(cipher, k, klen);
    rt_key_set_tx_pn(key, 1);
    for (int f = 0; f < NFRAMES; f++) {
        int st = rt_frame_encrypt(key, plain[f], HDR + body, prot[f], sizeof prot[f], &prot_len[f]);
        if (st) die("rt_frame_encrypt", st);
    }
    rt_key_free(key);
}

/* ---- OpenSSL side ---------------------------------------------------------------------- */
typedef struct { EVP_CIPHER_CTX *ctx; int body; int gcm; uint8_t nonce[NFRAMES][13]; uint8_t aad[NFRAMES][22]; uint8_t tag[16]; } ossl_ctx;

static void ossl_aead_one(ossl_ctx *c, int f, uint8_t *out)
{
    int l;
    EVP_EncryptInit_ex(c->ctx, NULL, NULL, NULL, c->nonce[f]);
    if (!c->gcm) EVP_EncryptUpdate(c->ctx, NULL, &l, NULL, c->body);
    EVP_EncryptUpdate(c->ctx, NULL, &l, c->aad[f], 22);
    EVP_EncryptUpdate(c->ctx, out, &l, plain[f] + HDR, c->body);
    EVP_EncryptFinal_ex(c->ctx, out + l, &l);
    EVP_CIPHER_CTX_ctrl(c->ctx, c->gcm ? EVP_CTRL_GCM_GET_TAG : EVP_CTRL_CCM_GET_TAG, c->gcm ? 16 : 8, c->tag);
}
static void ossl_run(void *p)
{
    ossl_ctx *c = p;
    for (int f = 0; f < NFRAMES; f++) ossl_aead_one(c, f, outbuf[f] + HDR + 8);
}

static void ossl_setup(ossl_ctx *c, int gcm, int body)
{
    memset(c, 0, sizeof *c);
    c->ctx = EVP_CIPHER_CTX_new(); c->body = body; c->gcm = gcm;
    if (gcm) {
        EVP_EncryptInit_ex(c->ctx, EVP_aes_128_gcm(), NULL, NULL, NULL);
        EVP_CIPHER_CTX_ctrl(c->ctx, EVP_CTRL_GCM_SET_IVLEN, 12, NULL);
    } else {
        EVP_EncryptInit_ex(c->ctx, EVP_aes_128_ccm(), NULL, NULL, NULL);
        EVP_CIPHER_CTX_ctrl(c->ctx, EVP_CTRL_CCM_SET_IVLEN, 13, NULL);
        EVP_CIPHER_CTX_ctrl(c->ctx, EVP_CTRL_CCM_SET_TAG, 8, NULL);
    }
    EVP_EncryptInit_ex(c->ctx, NULL, NULL, tk16, NULL);
    for (int f = 0; f < NFRAMES; f++) {
        uint8_t n13[13];
        ccmp_nonce_aad(plain[f], (uint64_t)f + 1, n13, c->aad[f]);
        if (gcm) gcmp_nonce(plain[f], (uint64_t)f + 1, c->nonce[f]); else memcpy(c->nonce[f], n13, 13);
    }
    /* Cross-check: OpenSSL's ciphertext and MIC equal ours (PN f+1 in protect_all). */
    for (int f = 0; f < NFRAMES; f++) {
        uint8_t out[MAXBODY + 32];
        ossl_aead_one(c, f, out);
        int mic = gcm ? 16 : 8;
        if (memcmp(out, prot[f] + HDR + 8, body) || memcmp(c->tag, prot[f] + HDR + 8 + body, mic)) {
            fprintf(stderr, "crypto_bench: OpenSSL and rtdriver disagree on frame %d (%s, %d bytes)\n", f, gcm ? "GCMP" : "CCMP", body);
            exit(2);
        }
    }
}

/* TKIP reference: OpenSSL RC4, keyed afresh per frame (key setup + the whole body). */
typedef struct { int body; uint8_t keys[NFRAMES][16]; } rc4_ctx;
static void rc4_run(void *p)
{
    rc4_ctx *c = p;
    RC4_KEY k;
    for (int f = 0; f < NFRAMES; f++) {
        RC4_set_key(&k, 16, c->keys[f]);
        RC4(&k, (size_t)c->body, plain[f] + HDR, outbuf[f] + HDR + 8);
    }
}

/* ---- reporting ----------------------------------------------------------------------- */
/* bound: the CCM or GCM AES bound in c/B for this row (0: not an AES row); both sides are
 * shown as a percentage of it (bound c/B / measured c/B). */
static void report(const char *name, const char *ref_name, perf ours, perf ref, double target, double bound, const char *bound_name)
{
    double ratio = ours.bps / ref.bps;
    int pass = ratio >= target;
    if (!pass) failures++;
    printf("%-44s ours %8.1f MB/s %5.2f c/B | %-22s %8.1f MB/s %5.2f c/B | ratio %5.2fx (target >= %.2fx) %s",
           name, ours.bps / 1e6, ours.cpb, ref_name, ref.bps / 1e6, ref.cpb, ratio, target, pass ? "PASS" : "FAIL");
    if (bound > 0) printf(" | %s AES bound: ours %3.0f%%, ref %3.0f%%", bound_name, 100 * bound / ours.cpb, 100 * bound / ref.cpb);
    printf("\n");
    fflush(stdout);
}

/* An issue-16 target: figure is the measured value in words; evaluated 0 prints why instead. */
static void verdict16(const char *name, const char *figure, int evaluated, int pass, const char *why)
{
    if (evaluated && !pass) failures16++;
    printf("[issue 16] %-50s %s -> %s\n", name, figure, !evaluated ? why : pass ? "PASS" : "FAIL");
    fflush(stdout);
}

/* Alternates the two sides over the rounds and keeps the best of each. */
static void duel(work_fn a, void *actx, work_fn b, void *bctx, size_t bytes, perf *pa, perf *pb)
{
    perf ba = {0, 1e9}, bb = {0, 1e9};
    for (int r = 0; r < rounds; r++) {
        perf x = measure(a, actx, bytes), y = measure(b, bctx, bytes);
        if (x.bps > ba.bps) ba = x;
        if (y.bps > bb.bps) bb = y;
    }
    *pa = ba; *pb = bb;
}

/* ---- the machine and its AES bound (issue 16) -------------------------------------------- */
static char cpu_model[128] = "unknown", cpu_flags[256] = "";
static int has_vaes, has_avx512f, has_avx512vl, has_vpclmulqdq;

static int flag_in(const char *line, const char *flag)
{
    size_t n = strlen(flag);
    for (const char *p = line; (p = strstr(p, flag)); p += n)
        if ((p == line || p[-1] == ' ' || p[-1] == '\t') && (p[n] == ' ' || p[n] == '\n' || p[n] == 0)) return 1;
    return 0;
}
static void read_cpu(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[8192];
    int got_model = 0, got_flags = 0;
    if (!f) return;
    while (fgets(line, sizeof line, f) && !(got_model && got_flags)) {
        char *v = strchr(line, ':');
        if (!v) continue;
        v += 1 + (v[1] == ' ');
        if (!got_model && !strncmp(line, "model name", 10)) {
            snprintf(cpu_model, sizeof cpu_model, "%s", v);
            cpu_model[strcspn(cpu_model, "\n")] = 0; got_model = 1;
        } else if (!got_flags && !strncmp(line, "flags", 5)) {
            static const char *want[] = {"aes", "pclmulqdq", "avx2", "avx512f", "avx512vl", "vaes", "vpclmulqdq", "gfni", "constant_tsc", "nonstop_tsc"};
            for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
                int has = flag_in(v, want[i]);
                size_t l = strlen(cpu_flags);
                snprintf(cpu_flags + l, sizeof cpu_flags - l, "%s%s%s", l ? " " : "", has ? "" : "-", want[i]);
            }
            has_vaes = flag_in(v, "vaes"); has_avx512f = flag_in(v, "avx512f"); has_avx512vl = flag_in(v, "avx512vl"); has_vpclmulqdq = flag_in(v, "vpclmulqdq");
            got_flags = 1;
        }
    }
    fclose(f);
}

typedef struct { int kind, chains, width; long iters; } probe_ctx;  /* kind 0 AES, 1 GHASH, 2 stitched GCM, 3 VAES */
static void probe_run(void *p)
{
    probe_ctx *c = p;
    switch (c->kind) {
    case 0: aes_probe(c->chains, c->iters); break;
    case 1: ghash_probe(c->chains, c->iters); break;
    case 2: gcm_stitch_probe(c->iters); break;
    default: vaes_probe(c->width, c->chains, c->iters); break;
    }
}
static size_t probe_blocks(const probe_ctx *c)
{
    switch (c->kind) {
    case 0: return (size_t)c->chains * c->iters;
    case 1: return (size_t)c->chains * 8 * c->iters;
    case 2: return (size_t)8 * c->iters;
    default: return (size_t)c->chains * (c->width / 128) * c->iters;
    }
}
/* Best of the rounds (all configurations measured once per round, in turn, like the duels):
 * TSC cycles per 16-byte block. */
static void probe_best(probe_ctx *pc, int n, double *cblk)
{
    for (int i = 0; i < n; i++) cblk[i] = 1e9;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            perf x = measure(probe_run, &pc[i], probe_blocks(&pc[i]) * 16);
            if (x.cpb * 16 < cblk[i]) cblk[i] = x.cpb * 16;
        }
}

static double bound_ccm, bound_gcm;   /* c/B */

static void measure_bound(void)
{
    static const int aes_n[] = {1, 2, 4, 8, 12, 16};
    probe_ctx pc[6];
    double c[6];
    /* the TSC rate, to say what a "cycle" here is */
    double t0 = now_s(); uint64_t k0 = __rdtsc();
    while (now_s() - t0 < 0.05) {}
    double tsc_ghz = (double)(__rdtsc() - k0) / (now_s() - t0) / 1e9;
    printf("AES bound (issue 16): c = TSC cycles (%.2f GHz reference cycles, not core cycles: with turbo the core runs more per TSC tick; the same clock as every row below)\n", tsc_ghz);
    aes_bound_init();

    for (int i = 0; i < 6; i++) pc[i] = (probe_ctx){0, aes_n[i], 0, 4096 / aes_n[i]};
    probe_best(pc, 6, c);
    int best = 0;
    printf("  AES-128 (AESENC x9 + AESENCLAST, xmm), independent chains:");
    for (int i = 0; i < 6; i++) { printf(" %d: %.2f", aes_n[i], c[i]); if (c[i] < c[best]) best = i; }
    /* "saturates": the fewest chains within 3 % of the best */
    int sat = best;
    for (int i = 0; i < best; i++) if (c[i] <= c[best] * 1.03) { sat = i; break; }
    double aes = c[best];
    printf(" c/block\n  -> AES bound %.2f c/block (%.2f blocks per TSC cycle, %.1f AESENC per TSC cycle), saturated from %d chains\n",
           aes, 1 / aes, 10 / aes, aes_n[sat]);

    static const int gh_n[] = {1, 2, 4};
    for (int i = 0; i < 3; i++) pc[i] = (probe_ctx){1, gh_n[i], 0, 512 / gh_n[i]};
    probe_best(pc, 3, c);
    double gh = c[0];
    printf("  GHASH (PCLMULQDQ: 3 per block Karatsuba + 2 per 8-block aggregated reduction), chains:");
    for (int i = 0; i < 3; i++) { printf(" %d: %.2f", gh_n[i], c[i]); if (c[i] < gh) gh = c[i]; }
    printf(" c/block -> %.2f c/block\n", gh);

    gcm_stitch_evex_ok = has_avx512f && has_avx512vl && has_vaes && has_vpclmulqdq;
    pc[0] = (probe_ctx){2, 8, 0, 512};
    probe_best(pc, 1, c);
    double st = c[0], sum = aes + gh, mx = aes > gh ? aes : gh;
    printf("  GCM stitched (8 CTR blocks of AES + GHASH of 8 earlier ones, hand-interleaved, %s): %.2f c/block; AES + GHASH sum %.2f, max %.2f\n",
           gcm_stitch_evex_ok ? "32 registers (EVEX)" : "16 registers", st, sum, mx);

    double vaes_best = 1e9;
    if (has_vaes) {
        static const int vn[] = {4, 8, 12};
        for (int w = 256; w <= 512; w += 256) {
            if (w == 512 && !has_avx512f) break;
            for (int i = 0; i < 3; i++) pc[i] = (probe_ctx){3, vn[i], w, 4096 / (vn[i] * w / 128)};
            probe_best(pc, 3, c);
            printf("  (info) VAES-%d, %d blocks per instruction, chains:", w, w / 128);
            double b = c[0];
            for (int i = 0; i < 3; i++) { printf(" %d: %.2f", vn[i], c[i]); if (c[i] < b) b = c[i]; }
            printf(" c/block -> %.2f c/block (%.2fx the xmm AESENC bound; not used for the %% figures)\n", b, aes / b);
            if (b < vaes_best) vaes_best = b;
        }
    }

    /* CCM: CBC-MAC and CTR, 2 AES blocks per 16 payload bytes. GCM: 1 AES block + 1 GHASH
     * block per 16 bytes; AES and PCLMULQDQ may overlap on different units, so the bound lies
     * between max and sum: the stitched measurement, kept within [max, sum] (so: the sum when
     * our stitched loop does no better than the two one after the other, as on Zen 4). */
    bound_ccm = 2 * aes / 16;
    double g = st < mx ? mx : st > sum ? sum : st;
    bound_gcm = g / 16;
    printf("  -> CCM bound = 2 x %.2f / 16 = %.3f c/B; GCM bound = %s %.2f / 16 = %.3f c/B (max %.3f, sum %.3f c/B)\n",
           aes, bound_ccm, g == sum ? "AES + GHASH sum" : g == mx ? "max(AES, GHASH)" : "stitched", g, bound_gcm, mx / 16, sum / 16);
    if (vaes_best < 1e9)
        printf("  (info) with VAES the AES part would be %.2f c/block: CCM %.3f c/B, GCM AES part alone %.3f c/B\n",
               vaes_best, 2 * vaes_best / 16, vaes_best / 16);
    fflush(stdout);
}

int main(void)
{
    const char *e;
    if ((e = getenv("RTDRIVER_BENCH_ROUNDS"))) rounds = atoi(e);
    if ((e = getenv("RTDRIVER_BENCH_MS"))) budget_ms = atoi(e);
    printf("rtdriver %s, crypto path %s; %s; %d alternating rounds x %d ms per side; best of each\n",
           rt_version(), rt_cpu_path(), OpenSSL_version(OPENSSL_VERSION), rounds, budget_ms);
    read_cpu();
    double load[3] = {0, 0, 0};
    FILE *la = fopen("/proc/loadavg", "r");
    if (la) { if (fscanf(la, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1; fclose(la); }
    printf("CPU: %s; %ld online cores; flags: %s; load average at start %.2f %.2f %.2f\n",
           cpu_model, sysconf(_SC_NPROCESSORS_ONLN), cpu_flags, load[0], load[1], load[2]);
    measure_bound();
    for (int i = 0; i < 32; i++) tkip_key[i] = (uint8_t)(0x12 + i * 3);

    static const int sizes[] = {64, 256, 1500};
    static ossl_ctx oc;
    char name[96];

    for (int s = 0; s < 3; s++) {
        int body = sizes[s];
        size_t bytes = (size_t)body * NFRAMES;
        build_plain(body);
        protect_all(RT_CIPHER_CCMP, tk16, 16, body);
        ossl_setup(&oc, 0, body);
        ours_ctx oe = { new_key(RT_CIPHER_CCMP, tk16, 16), body, 0, 0 };
        ours_ctx od = { new_key(RT_CIPHER_CCMP, tk16, 16), body, 0, 1 };
        perf po, pr, pd, pe2;
        duel(ours_run, &oe, ossl_run, &oc, bytes, &po, &pr);
        snprintf(name, sizeof name, "CCMP-128 rt_frame_encrypt %4d B", body);
        report(name, "OpenSSL AES-128-CCM", po, pr, body == 1500 ? 1.0 : 1.5, bound_ccm, "CCM");
        duel(ours_run, &od, ours_run, &oe, bytes, &pd, &pe2);
        snprintf(name, sizeof name, "CCMP-128 rt_frame_decrypt %4d B", body);
        report(name, "our rt_frame_encrypt", pd, pe2, 0.9, bound_ccm, "CCM");
        /* batch, encrypt and decrypt, at the same size */
        ours_ctx be = { oe.key, body, 1, 0 }, bd = { od.key, body, 1, 1 };
        perf pbe, pbd;
        duel(ours_run, &bd, ours_run, &be, bytes, &pbd, &pbe);
        snprintf(name, sizeof name, "CCMP-128 rt_frame_decrypt_batch 16x%d B", body);
        report(name, "our encrypt_batch", pbd, pbe, 0.9, bound_ccm, "CCM");
        if (body == 1500) {
            perf pb2, pr2;
            duel(ours_run, &be, ossl_run, &oc, bytes, &pb2, &pr2);
            report("CCMP-128 rt_frame_encrypt_batch 16x1500 B", "OpenSSL AES-128-CCM", pb2, pr2, 3.0, bound_ccm, "CCM");
            char fig[160], why[96];
            snprintf(fig, sizeof fig, "%.2f c/B = %3.0f%% of the CCM AES bound (%.3f c/B), target >= 85%%", pb2.cpb, 100 * bound_ccm / pb2.cpb, bound_ccm);
            verdict16("CCMP-128 rt_frame_encrypt_batch 16x1500 B", fig, 1, bound_ccm / pb2.cpb >= 0.85, "");
            /* 3x OpenSSL only where the bound allows it: OpenSSL's c/B / the bound >= 3 */
            double allows = pr2.cpb / bound_ccm;
            snprintf(fig, sizeof fig, "%.2fx OpenSSL AES-128-CCM (%.2f c/B), target >= 3x; the bound allows %.2fx", pb2.bps / pr2.bps, pr2.cpb, allows);
            snprintf(why, sizeof why, "not reachable on this CPU: bound allows %.2fx", allows);
            verdict16("CCMP-128 rt_frame_encrypt_batch 16x1500 B", fig, allows >= 3.0, pb2.bps / pr2.bps >= 3.0, why);
        }
        rt_key_free(oe.key); rt_key_free(od.key);
        EVP_CIPHER_CTX_free(oc.ctx);
    }

    /* GCMP-128 batch vs OpenSSL AES-128-GCM single frame, 1500 B. */
    {
        int body = 1500;
        build_plain(body);
        protect_all(RT_CIPHER_GCMP, tk16, 16, body);
        ossl_setup(&oc, 1, body);
        ours_ctx be = { new_key(RT_CIPHER_GCMP, tk16, 16), body, 1, 0 };
        perf pb, pr;
        duel(ours_run, &be, ossl_run, &oc, (size_t)body * NFRAMES, &pb, &pr);
        report("GCMP-128 rt_frame_encrypt_batch 16x1500 B", "OpenSSL AES-128-GCM", pb, pr, 1.0, bound_gcm, "GCM");
        {
            char fig[160];
            double t = has_vpclmulqdq ? 2.0 : 1.2;
            snprintf(fig, sizeof fig, "%.2fx OpenSSL AES-128-GCM single (%.2f c/B), target >= %.1fx (%s VPCLMULQDQ); the bound allows %.2fx",
                     pb.bps / pr.bps, pr.cpb, t, has_vpclmulqdq ? "with" : "no", pr.cpb / bound_gcm);
            verdict16("GCMP-128 rt_frame_encrypt_batch 16x1500 B", fig, 1, pb.bps / pr.bps >= t, "");
            snprintf(fig, sizeof fig, "%.2f c/B = %3.0f%% of the GCM AES bound (%.3f c/B), target >= 60%%", pb.cpb, 100 * bound_gcm / pb.cpb, bound_gcm);
            verdict16("GCMP-128 rt_frame_encrypt_batch 16x1500 B", fig, 1, bound_gcm / pb.cpb >= 0.60, "");
        }
        ours_ctx se = { be.key, body, 0, 0 };
        duel(ours_run, &se, ossl_run, &oc, (size_t)body * NFRAMES, &pb, &pr);
        report("GCMP-128 rt_frame_encrypt 1500 B (info)", "OpenSSL AES-128-GCM", pb, pr, 0.0, bound_gcm, "GCM");
        rt_key_free(be.key);
        EVP_CIPHER_CTX_free(oc.ctx);
    }

    /* TKIP: phase-1 cached per TSC high word (the library does), phase 2, Michael, ICV, RC4 —
     * against OpenSSL RC4 keyed afresh for each 1500-byte frame. */
    {
        int body = 1500;
        build_plain(body);
        static rc4_ctx rc;
        rc.body = body;
        for (int f = 0; f < NFRAMES; f++) for (int i = 0; i < 16; i++) rc.keys[f][i] = (uint8_t)(f * 17 + i);
        ours_ctx te = { new_key(RT_CIPHER_TKIP, tkip_key, 32), body, 0, 0 };
        perf pt, pr;
        duel(ours_run, &te, rc4_run, &rc, (size_t)body * NFRAMES, &pt, &pr);
        report("TKIP rt_frame_encrypt 1500 B", "OpenSSL RC4 (rekeyed)", pt, pr, 1.0, 0, "");
        /* issue 16: the batch call, 16 frames of 1500 B per call, against the same RC4 */
        ours_ctx tb = { te.key, body, 1, 0 };
        duel(ours_run, &tb, rc4_run, &rc, (size_t)body * NFRAMES, &pt, &pr);
        char fig[160];
        snprintf(fig, sizeof fig, "ours %.2f c/B, OpenSSL RC4 (rekeyed) %.2f c/B: %.2fx, target >= 1.0x", pt.cpb, pr.cpb, pt.bps / pr.bps);
        verdict16("TKIP rt_frame_encrypt_batch 16x1500 B", fig, 1, pt.bps / pr.bps >= 1.0, "");
        rt_key_free(te.key);
    }

    printf("[issue 16] %d of its target(s) not met (not part of the exit status)\n", failures16);
    printf("%s: %d target(s) not met\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
