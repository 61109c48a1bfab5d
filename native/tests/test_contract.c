/* An adversarial conformance audit of the C ABI against docs/c-abi.md, sentence by
 * sentence, as a C program meets it. Every output buffer the library is given sits between guard
 * bytes (canaries) that must survive every call, successful or not. The set_key call sequences
 * are those of two supplicant logs users reported (see test_device.c). Sections follow the contract:
 *   general rules, status codes, software keys (lengths, key ids, PN numbers vs bytes, replay
 *   counters), frames (round trips for every cipher and header shape, in place, BUFFER_TOO_SMALL,
 *   retransmissions, failures change no state), batches, devices (specs, info struct_size,
 *   firmware search path, set_key/del_key), and concurrency (threads with their own keys and
 *   devices at once). */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"

#define CANARY 0xA5
#define GUARD 32

/* A guarded output buffer: GUARD canary bytes either side of cap usable bytes. */
typedef struct { uint8_t *raw; uint8_t *p; size_t cap; } guarded;

static guarded g_new(size_t cap) {
  guarded g;
  g.raw = malloc(cap + 2 * GUARD);
  g.p = g.raw + GUARD;
  g.cap = cap;
  memset(g.raw, CANARY, cap + 2 * GUARD);
  return g;
}
static int g_guards_ok(const guarded *g) {
  for (size_t i = 0; i < GUARD; i++)
    if (g->raw[i] != CANARY || g->raw[GUARD + g->cap + i] != CANARY) return 0;
  return 1;
}
static int all_canary(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) if (p[i] != CANARY) return 0;
  return 1;
}
static void g_free(guarded *g) { free(g->raw); g->raw = g->p = NULL; }

/* ------------------------------------------------------------------------------------------ */
/* Ciphers                                                                                    */

typedef struct {
  int cipher; const char *name; size_t key_len; int min_id, max_id;
  size_t sec_hdr, trailer; /* trailer: ICV/MIC (BIP: the whole MME) */
  int integrity_only, data_only, replay;
} cipher_info;

static const cipher_info CIPHERS[] = {
  {RT_CIPHER_WEP40, "WEP40", 5, 0, 3, 4, 4, 0, 0, 0},
  {RT_CIPHER_WEP104, "WEP104", 13, 0, 3, 4, 4, 0, 0, 0},
  {RT_CIPHER_TKIP, "TKIP", 32, 0, 3, 8, 4 + 8, 0, 1, 1},
  {RT_CIPHER_CCMP, "CCMP", 16, 0, 3, 8, 8, 0, 0, 1},
  {RT_CIPHER_CCMP256, "CCMP256", 32, 0, 3, 8, 16, 0, 0, 1},
  {RT_CIPHER_GCMP, "GCMP", 16, 0, 3, 8, 16, 0, 0, 1},
  {RT_CIPHER_GCMP256, "GCMP256", 32, 0, 3, 8, 16, 0, 0, 1},
  {RT_CIPHER_BIP_CMAC128, "BIP_CMAC128", 16, 4, 5, 0, 18, 1, 0, 1},
  /* rtdriver additions */
  {RT_CIPHER_BIP_GMAC128, "BIP_GMAC128", 16, 4, 5, 0, 26, 1, 0, 1},
  {RT_CIPHER_BIP_GMAC256, "BIP_GMAC256", 32, 4, 5, 0, 26, 1, 0, 1},
  {RT_CIPHER_BIP_CMAC256, "BIP_CMAC256", 32, 4, 5, 0, 26, 1, 0, 1},
};
#define NCIPHERS (sizeof CIPHERS / sizeof CIPHERS[0])

static void key_material(uint8_t *k, size_t n, uint8_t seed) {
  for (size_t i = 0; i < n; i++) k[i] = (uint8_t)(seed * 31 + i * 7 + 1);
}

/* A TKIP key whose two Michael keys are equal, so one key both sends and receives. */
static rt_key *new_key(const cipher_info *c, int key_id, uint8_t seed) {
  uint8_t k[32];
  key_material(k, c->key_len, seed);
  if (c->cipher == RT_CIPHER_TKIP) memcpy(k + 24, k + 16, 8);
  rt_key *key = NULL;
  if (rt_key_new(c->cipher, k, c->key_len, key_id, &key) != RT_OK) return NULL;
  return key;
}

/* ------------------------------------------------------------------------------------------ */
/* Frames                                                                                     */

enum { F_DATA3, F_DATA4, F_QOS3, F_QOS4, F_QOS_HTC, F_QOS4_HTC, F_MGMT, F_MGMT_HTC, F_MGMT_GROUP, F_COUNT };
static const char *FORM_NAMES[] = {"data 3-addr", "data 4-addr", "QoS data", "QoS data 4-addr", "QoS data + HT Control",
                                   "QoS 4-addr + HT Control", "management (action)", "management + HT Control",
                                   "group-addressed management (deauth)"};
static const uint8_t STA[6] = {0x00, 0x0c, 0x43, 0x28, 0x60, 0x01};
static const uint8_t AP[6] = {0x00, 0x09, 0x5b, 0xf9, 0xb6, 0x04};
static const uint8_t BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static size_t header_len(int form) {
  switch (form) {
    case F_DATA3: return 24;
    case F_DATA4: return 30;
    case F_QOS3: return 26;
    case F_QOS4: return 32;
    case F_QOS_HTC: return 30;
    case F_QOS4_HTC: return 36;
    case F_MGMT: return 24;
    case F_MGMT_HTC: return 28;
    default: return 24;
  }
}
static int form_is_mgmt(int form) { return form >= F_MGMT; }

/* A plaintext MPDU (Protected clear) of the given shape; returns its length. */
static size_t make_frame(uint8_t *f, int form, int tid, size_t body, uint8_t seed) {
  size_t hl = header_len(form);
  memset(f, 0, hl);
  switch (form) {
    case F_DATA3: f[0] = 0x08; f[1] = 0x01; break;
    case F_DATA4: f[0] = 0x08; f[1] = 0x03; break;
    case F_QOS3: f[0] = 0x88; f[1] = 0x01; break;
    case F_QOS4: f[0] = 0x88; f[1] = 0x03; break;
    case F_QOS_HTC: f[0] = 0x88; f[1] = 0x81; break;
    case F_QOS4_HTC: f[0] = 0x88; f[1] = 0x83; break;
    case F_MGMT: f[0] = 0xd0; f[1] = 0x00; break;
    case F_MGMT_HTC: f[0] = 0xd0; f[1] = 0x80; break;
    case F_MGMT_GROUP: f[0] = 0xc0; f[1] = 0x00; break;
  }
  memcpy(f + 4, form == F_MGMT_GROUP ? BCAST : AP, 6);
  memcpy(f + 10, STA, 6);
  memcpy(f + 16, AP, 6);
  f[22] = (uint8_t)(seed << 4); f[23] = (uint8_t)(seed >> 4); /* sequence number, fragment 0 */
  if (form == F_DATA4 || form == F_QOS4 || form == F_QOS4_HTC) memcpy(f + 24, "\x02\x11\x22\x33\x44\x55", 6);
  if (form == F_QOS3 || form == F_QOS_HTC) f[24] = (uint8_t)tid;
  if (form == F_QOS4 || form == F_QOS4_HTC) f[30] = (uint8_t)tid;
  if (form == F_QOS_HTC) memcpy(f + 26, "\x01\x02\x03\x04", 4);
  if (form == F_QOS4_HTC) memcpy(f + 32, "\x01\x02\x03\x04", 4);
  if (form == F_MGMT_HTC) memcpy(f + 24, "\x05\x06\x07\x08", 4);
  for (size_t i = 0; i < body; i++) f[hl + i] = (uint8_t)(seed + i * 13);
  if (form_is_mgmt(form) && body > 0) f[hl] = form == F_MGMT_GROUP ? 0x07 : 0x0a; /* reason code / robust action category */
  return hl + body;
}

static int form_allowed(const cipher_info *c, int form) {
  if (c->integrity_only) return form == F_MGMT_GROUP;
  if (c->data_only) return !form_is_mgmt(form);
  return 1;
}

/* Every counter a key has: TX PN and the 18 RX replay counters (0..15, 16, 17). */
typedef struct { uint64_t tx; uint64_t rx[18]; } key_state;
static int snapshot(rt_key *k, key_state *s) {
  memset(s, 0, sizeof *s);
  if (rt_key_get_tx_pn(k, &s->tx) != RT_OK) return 0;
  for (int t = 0; t < 18; t++) if (rt_key_get_rx_pn(k, t, &s->rx[t]) != RT_OK) return 0;
  return 1;
}
static int same_state(rt_key *k, const key_state *before) {
  key_state now;
  return snapshot(k, &now) && memcmp(&now, before, sizeof now) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* General rules                                                                              */

static void *fresh_thread_last_error(void *arg) {
  const char **out = arg;
  *out = rt_last_error(); /* no call made on this thread yet */
  return NULL;
}

static void general_rules(void) {
  printf("# general rules and status codes\n");
  CHECK(rt_abi_version() == 1, "rt_abi_version() returns 1");
  const char *v = rt_version();
  CHECK(v && v[0] >= '0' && v[0] <= '9' && strchr(v, '.'), "rt_version() is a version: %s", v ? v : "(null)");
  const char *cp = rt_cpu_path();
  CHECK(cp && cp[0], "rt_cpu_path() names a path: %s", cp ? cp : "(null)");
  static const struct { int v; const char *n; } st[] = {
    {0, "RT_OK"}, {-1, "RT_ERR_INVALID_ARGUMENT"}, {-2, "RT_ERR_NO_MEMORY"}, {-3, "RT_ERR_NO_DEVICE"}, {-4, "RT_ERR_IO"},
    {-5, "RT_ERR_TIMEOUT"}, {-6, "RT_ERR_UNSUPPORTED"}, {-7, "RT_ERR_BAD_FIRMWARE"}, {-8, "RT_ERR_BUFFER_TOO_SMALL"},
    {-9, "RT_ERR_MALFORMED_FRAME"}, {-10, "RT_ERR_NO_KEY"}, {-11, "RT_ERR_REPLAY"}, {-12, "RT_ERR_ICV"},
    {-13, "RT_ERR_MIC"}, {-14, "RT_ERR_PERMISSION"}, {-15, "RT_ERR_DEVICE_GONE"}, {-16, "RT_ERR_STATE"}};
  int names_ok = 1;
  for (size_t i = 0; i < sizeof st / sizeof st[0]; i++) names_ok &= strcmp(rt_status_name(st[i].v), st[i].n) == 0;
  CHECK(names_ok, "rt_status_name gives the contract's 17 names for 0..-16");
  CHECK(RT_OK == 0 && RT_ERR_INVALID_ARGUMENT == -1 && RT_ERR_NO_MEMORY == -2 && RT_ERR_NO_DEVICE == -3 && RT_ERR_IO == -4
        && RT_ERR_TIMEOUT == -5 && RT_ERR_UNSUPPORTED == -6 && RT_ERR_BAD_FIRMWARE == -7 && RT_ERR_BUFFER_TOO_SMALL == -8
        && RT_ERR_MALFORMED_FRAME == -9 && RT_ERR_NO_KEY == -10 && RT_ERR_REPLAY == -11 && RT_ERR_ICV == -12
        && RT_ERR_MIC == -13 && RT_ERR_PERMISSION == -14 && RT_ERR_DEVICE_GONE == -15 && RT_ERR_STATE == -16,
        "status values are the contract's");
  int unknown_ok = 1;
  static const int others[] = {1, 2, -17, -100, 1000, INT32_MIN, INT32_MAX};
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) unknown_ok &= strcmp(rt_status_name(others[i]), "RT_UNKNOWN") == 0;
  CHECK(unknown_ok, "every other status is RT_UNKNOWN");
  CHECK(RT_CIPHER_WEP40 == 1 && RT_CIPHER_WEP104 == 2 && RT_CIPHER_TKIP == 3 && RT_CIPHER_CCMP == 4 && RT_CIPHER_CCMP256 == 5
        && RT_CIPHER_GCMP == 6 && RT_CIPHER_GCMP256 == 7 && RT_CIPHER_BIP_CMAC128 == 8, "cipher values are the contract's");
  CHECK(RT_KEY_PAIRWISE == 1 && RT_KEY_GROUP == 2 && RT_KEY_FORCE_SOFTWARE == 4 && RT_KEY_FORCE_HARDWARE == 8
        && RT_PLACED_HARDWARE == 1 && RT_PLACED_SOFTWARE == 2, "key flag and placement values are the contract's");

  const char *fresh = (const char *)1;
  pthread_t t;
  pthread_create(&t, NULL, fresh_thread_last_error, &fresh);
  pthread_join(t, NULL);
  CHECK(fresh != NULL && fresh[0] == 0, "rt_last_error() on a thread that never failed is \"\" (never NULL)");

  rt_key *k = (rt_key *)(uintptr_t)0x1234;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(77, (const uint8_t *)"0123456789abcdef", 16, 0, &k));
  CHECK(k == NULL, "a failed rt_key_new sets *out to NULL");
  CHECK(strstr(rt_last_error(), "77") != NULL, "rt_last_error names the offending value: \"%s\"", rt_last_error());
  rt_key_free(NULL);
  rt_device_close(NULL);
  CHECK(1, "rt_key_free(NULL) and rt_device_close(NULL) return");
}

/* ------------------------------------------------------------------------------------------ */
/* Software keys: lengths, key ids, PN/TSC ranges                                              */

static void key_lengths_and_ids(void) {
  printf("# key material lengths and key ids, per cipher\n");
  uint8_t km[80];
  key_material(km, sizeof km, 3);
  for (size_t c = 0; c < NCIPHERS; c++) {
    const cipher_info *ci = &CIPHERS[c];
    int only_exact = 1;
    for (size_t len = 0; len <= 65; len++) {
      rt_key *k = NULL;
      int st = rt_key_new(ci->cipher, km, len, ci->min_id, &k);
      if (len == ci->key_len) only_exact &= st == RT_OK && k != NULL;
      else only_exact &= st == RT_ERR_INVALID_ARGUMENT && k == NULL;
      rt_key_free(k);
    }
    CHECK(only_exact, "%s: key_len %zu accepted, every other length 0..65 is RT_ERR_INVALID_ARGUMENT", ci->name, ci->key_len);
    int ids_ok = 1;
    for (int id = -3; id <= 8; id++) {
      rt_key *k = NULL;
      int st = rt_key_new(ci->cipher, km, ci->key_len, id, &k);
      int want = id >= ci->min_id && id <= ci->max_id ? RT_OK : RT_ERR_INVALID_ARGUMENT;
      ids_ok &= st == want && (st == RT_OK) == (k != NULL);
      rt_key_free(k);
    }
    CHECK(ids_ok, "%s: key ids %d..%d only", ci->name, ci->min_id, ci->max_id);
  }
  rt_key *k = NULL;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, km, (size_t)1 << 40, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, km, SIZE_MAX, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(0, km, 16, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(-1, km, 16, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(12, km, 16, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, NULL, 16, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, NULL, 0, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, km, 16, 0, NULL));
}

static void pn_ranges(void) {
  printf("# TX PN / WEP IV ranges, rt_key_set_rx_pn tid range\n");
  for (size_t c = 0; c < NCIPHERS; c++) {
    const cipher_info *ci = &CIPHERS[c];
    rt_key *k = new_key(ci, ci->min_id, 1);
    int wep = ci->cipher == RT_CIPHER_WEP40 || ci->cipher == RT_CIPHER_WEP104;
    uint64_t max = wep ? 0xffffffULL : 0xffffffffffffULL, got = 0;
    int ok = rt_key_set_tx_pn(k, max) == RT_OK && rt_key_get_tx_pn(k, &got) == RT_OK && got == max
             && rt_key_set_tx_pn(k, max + 1) == RT_ERR_INVALID_ARGUMENT
             && rt_key_get_tx_pn(k, &got) == RT_OK && got == max
             && rt_key_set_tx_pn(k, UINT64_MAX) == RT_ERR_INVALID_ARGUMENT;
    CHECK(ok, "%s: next TX %s 0..0x%llx, larger refused and changes nothing", ci->name, wep ? "IV" : "PN", (unsigned long long)max);
    int tids_ok = 1;
    for (int t = -1; t <= 16; t++) tids_ok &= rt_key_set_rx_pn(k, t, 1000 + (uint64_t)(t + 1)) == RT_OK;
    uint64_t last = 0;
    for (int t = 0; t <= 15; t++) tids_ok &= rt_key_get_rx_pn(k, t, &last) == RT_OK && last == 1000 + (uint64_t)(t + 1);
    tids_ok &= rt_key_get_rx_pn(k, 16, &last) == RT_OK && last == 1017;
    tids_ok &= rt_key_set_rx_pn(k, -1, 5) == RT_OK;
    for (int t = 0; t <= 16; t++) tids_ok &= rt_key_get_rx_pn(k, t, &last) == RT_OK && last == 5;
    static const int bad[] = {-2, -100, 18, 19, 1000, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) tids_ok &= rt_key_set_rx_pn(k, bad[i], 1) == RT_ERR_INVALID_ARGUMENT;
    tids_ok &= rt_key_set_rx_pn(k, 0, 0x1000000000000ULL) == RT_ERR_INVALID_ARGUMENT;
    tids_ok &= rt_key_set_rx_pn(k, 0, 0xffffffffffffULL) == RT_OK;
    CHECK(tids_ok, "%s: rt_key_set_rx_pn tid -1 (all), 0..15, 16; others and PNs past 48 bits refused", ci->name);
    rt_key_free(k);
  }
  /* get_rx_pn writes exactly one uint64_t. */
  rt_key *k = new_key(&CIPHERS[3], 0, 1);
  struct { uint8_t pre[8]; uint64_t v; uint8_t post[8]; } box;
  memset(&box, CANARY, sizeof box);
  rt_key_set_rx_pn(k, 3, 0x123456789abcULL);
  CHECK(rt_key_get_rx_pn(k, 3, &box.v) == RT_OK && box.v == 0x123456789abcULL && all_canary(box.pre, 8) && all_canary(box.post, 8),
        "rt_key_get_rx_pn writes exactly its uint64_t");
  rt_key_free(k);
}

/* Numbers, not bytes: PN 0xb5039776e70c is sent as PN0=0x0c ... PN5=0xb5; WEP IV 0xfb029e as fb 02 9e. */
static void pn_byte_order(void) {
  printf("# PN numbers, not bytes\n");
  const uint64_t PN = 0xb5039776e70cULL;
  uint8_t f[128], out[256];
  for (size_t c = 0; c < NCIPHERS; c++) {
    const cipher_info *ci = &CIPHERS[c];
    int id = ci->integrity_only ? 5 : 2;
    rt_key *k = new_key(ci, id, 9);
    int wep = ci->cipher == RT_CIPHER_WEP40 || ci->cipher == RT_CIPHER_WEP104;
    int form = ci->integrity_only ? F_MGMT_GROUP : F_DATA3;
    size_t n = make_frame(f, form, 0, 40, 1), hl = header_len(form), out_len = 0;
    CHECK_STATUS(RT_OK, rt_key_set_tx_pn(k, wep ? 0xfb029eULL : PN));
    CHECK_STATUS(RT_OK, rt_frame_encrypt(k, f, n, out, sizeof out, &out_len));
    const uint8_t *h = out + hl;
    int ok;
    if (wep) ok = h[0] == 0xfb && h[1] == 0x02 && h[2] == 0x9e && h[3] == (uint8_t)(id << 6);
    else if (ci->cipher == RT_CIPHER_TKIP)
      ok = h[0] == 0xe7 && h[1] == ((0xe7 | 0x20) & 0x7f) && h[2] == 0x0c && h[3] == (uint8_t)(0x20 | id << 6)
           && h[4] == 0x76 && h[5] == 0x97 && h[6] == 0x03 && h[7] == 0xb5;
    else if (ci->integrity_only) {
      const uint8_t *m = out + n; /* the MME follows the body */
      ok = m[0] == 0x4c && m[1] == ci->trailer - 2 && m[2] == id && m[3] == 0 && m[4] == 0x0c && m[5] == 0xe7 && m[6] == 0x76
           && m[7] == 0x97 && m[8] == 0x03 && m[9] == 0xb5 && (out[1] & 0x40) == 0;
    } else
      ok = h[0] == 0x0c && h[1] == 0xe7 && h[2] == 0 && h[3] == (uint8_t)(0x20 | id << 6) && h[4] == 0x76 && h[5] == 0x97
           && h[6] == 0x03 && h[7] == 0xb5;
    CHECK(ok && out_len == n + ci->sec_hdr + ci->trailer, "%s: %s sent in the right byte order, key id %d, %zu bytes",
          ci->name, wep ? "IV 0xfb029e" : "PN 0xb5039776e70c", id, out_len);
    uint64_t next = 0;
    CHECK(rt_key_get_tx_pn(k, &next) == RT_OK && next == (wep ? 0xfb029fULL : PN + 1), "%s: next TX counter advanced by one", ci->name);
    /* and the receiver records the number, not the bytes */
    rt_key *r = new_key(ci, id, 9);
    CHECK_STATUS(RT_OK, rt_frame_decrypt(r, out, out_len, out, out_len, &out_len));
    uint64_t last = 0;
    if (!wep) CHECK(rt_key_get_rx_pn(r, ci->integrity_only ? RT_RX_TID_MGMT : 16, &last) == RT_OK && last == PN,
                    "%s: receiver's counter holds 0x%llx", ci->name, (unsigned long long)last);
    rt_key_free(k);
    rt_key_free(r);
  }
  /* WEP IV wraps (24 bits); 48-bit PNs run out: the key then refuses to send. */
  rt_key *w = new_key(&CIPHERS[0], 0, 1);
  size_t n = make_frame(f, F_DATA3, 0, 20, 1), out_len = 0;
  uint64_t next = 0;
  rt_key_set_tx_pn(w, 0xffffff);
  CHECK(rt_frame_encrypt(w, f, n, out, sizeof out, &out_len) == RT_OK && rt_key_get_tx_pn(w, &next) == RT_OK && next == 0,
        "WEP IV 0xffffff is followed by 0");
  rt_key_free(w);
  rt_key *c = new_key(&CIPHERS[3], 0, 1);
  rt_key_set_tx_pn(c, 0xffffffffffffULL);
  CHECK_STATUS(RT_OK, rt_frame_encrypt(c, f, n, out, sizeof out, &out_len));
  int st = rt_frame_encrypt(c, f, n, out, sizeof out, &out_len);
  CHECK(st != RT_OK, "CCMP after PN 0xffffffffffff: %s (no PN reuse): %s", rt_status_name(st), rt_last_error());
  rt_key_free(c);
}

/* ------------------------------------------------------------------------------------------ */
/* Frames: round trips, in place, sizes, guards                                               */

static void round_trips(void) {
  printf("# encrypt/decrypt: every cipher x header shape, separate buffers and in place, guards\n");
  uint8_t plain[1600];
  for (size_t c = 0; c < NCIPHERS; c++) {
    const cipher_info *ci = &CIPHERS[c];
    for (int form = 0; form < F_COUNT; form++) {
      if (!form_allowed(ci, form)) continue;
      static const size_t bodies[] = {0, 1, 15, 16, 17, 100, 1500};
      int ok = 1, sizes_ok = 1, inplace_ok = 1, guards_ok = 1, state_ok = 1;
      for (size_t b = 0; b < sizeof bodies / sizeof bodies[0]; b++) {
        size_t body = bodies[b];
        if (form_is_mgmt(form) && body == 0) continue;
        rt_key *tx = new_key(ci, ci->min_id, (uint8_t)c), *rx = new_key(ci, ci->min_id, (uint8_t)c);
        size_t n = make_frame(plain, form, (int)(body % 16), body, (uint8_t)(b + 1));
        size_t prot = n + ci->sec_hdr + ci->trailer, out_len = 12345;
        guarded e = g_new(prot), d = g_new(n);
        /* size query and too small: needed size, nothing written, no PN used */
        key_state before;
        snapshot(tx, &before);
        sizes_ok &= rt_frame_encrypt(tx, plain, n, NULL, 0, &out_len) == RT_ERR_BUFFER_TOO_SMALL && out_len == prot;
        out_len = 0;
        sizes_ok &= rt_frame_encrypt(tx, plain, n, e.p, prot - 1, &out_len) == RT_ERR_BUFFER_TOO_SMALL && out_len == prot;
        guards_ok &= g_guards_ok(&e) && all_canary(e.p, prot);
        state_ok &= same_state(tx, &before);
        /* exact capacity */
        ok &= rt_frame_encrypt(tx, plain, n, e.p, prot, &out_len) == RT_OK && out_len == prot;
        guards_ok &= g_guards_ok(&e);
        ok &= ci->integrity_only ? (e.p[1] & 0x40) == 0 : (e.p[1] & 0x40) != 0;
        ok &= memcmp(e.p, plain, 1) == 0 && memcmp(e.p + 2, plain + 2, header_len(form) - 2) == 0; /* header kept */
        snapshot(rx, &before);
        out_len = 0;
        sizes_ok &= rt_frame_decrypt(rx, e.p, prot, d.p, n - 1, &out_len) == RT_ERR_BUFFER_TOO_SMALL && out_len == n;
        guards_ok &= g_guards_ok(&d);
        state_ok &= same_state(rx, &before);
        ok &= rt_frame_decrypt(rx, e.p, prot, d.p, n, &out_len) == RT_OK && out_len == n && memcmp(d.p, plain, n) == 0;
        guards_ok &= g_guards_ok(&d);
        /* in place: encrypt into the input buffer, decrypt back in place */
        guarded ip = g_new(prot);
        memcpy(ip.p, plain, n);
        inplace_ok &= rt_frame_encrypt(tx, ip.p, n, ip.p, prot, &out_len) == RT_OK && out_len == prot;
        inplace_ok &= rt_frame_decrypt(rx, ip.p, prot, ip.p, prot, &out_len) == RT_OK && out_len == n && memcmp(ip.p, plain, n) == 0;
        guards_ok &= g_guards_ok(&ip);
        /* in place with out_cap = in_len on encrypt is too small, reported, nothing changed */
        memcpy(ip.p, plain, n);
        inplace_ok &= rt_frame_encrypt(tx, ip.p, n, ip.p, n, &out_len) == RT_ERR_BUFFER_TOO_SMALL && out_len == prot
                      && memcmp(ip.p, plain, n) == 0;
        guards_ok &= g_guards_ok(&ip);
        g_free(&ip); g_free(&e); g_free(&d);
        rt_key_free(tx); rt_key_free(rx);
      }
      CHECK(ok && sizes_ok && inplace_ok && guards_ok && state_ok,
            "%s %s: round trip exact, Protected cleared (ok %d sizes %d in-place %d guards %d state %d)",
            ci->name, FORM_NAMES[form], ok, sizes_ok, inplace_ok, guards_ok, state_ok);
    }
  }
}

/* TKIP: 32 bytes TK | Michael key this side transmits with | Michael key this side receives with. */
static void tkip_layout(void) {
  printf("# TKIP key layout\n");
  uint8_t sta_key[32], ap_key[32], f[200], out[300], back[300];
  key_material(sta_key, 32, 44);
  memcpy(ap_key, sta_key, 16);
  memcpy(ap_key + 16, sta_key + 24, 8);
  memcpy(ap_key + 24, sta_key + 16, 8);
  rt_key *sta = NULL, *ap = NULL;
  rt_key_new(RT_CIPHER_TKIP, sta_key, 32, 0, &sta);
  rt_key_new(RT_CIPHER_TKIP, ap_key, 32, 0, &ap);
  size_t n = make_frame(f, F_QOS3, 3, 60, 1), out_len = 0, back_len = 0;
  CHECK_STATUS(RT_OK, rt_frame_encrypt(sta, f, n, out, sizeof out, &out_len));
  CHECK(rt_frame_decrypt(ap, out, out_len, back, sizeof back, &back_len) == RT_OK && back_len == n && memcmp(back, f, n) == 0,
        "station → AP: the AP receives with the station's bytes 16..23");
  CHECK_STATUS(RT_OK, rt_frame_encrypt(ap, f, n, out, sizeof out, &out_len));
  CHECK_STATUS(RT_OK, rt_frame_decrypt(sta, out, out_len, back, sizeof back, &back_len));
  /* the station's own key does not accept its own frames: Michael keys differ per direction */
  rt_key *sta2 = NULL;
  rt_key_new(RT_CIPHER_TKIP, sta_key, 32, 0, &sta2);
  CHECK_STATUS(RT_OK, rt_frame_encrypt(sta, f, n, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_MIC, rt_frame_decrypt(sta2, out, out_len, back, sizeof back, &back_len));
  rt_key_free(sta); rt_key_free(ap); rt_key_free(sta2);
}

/* ------------------------------------------------------------------------------------------ */
/* Decrypt checks and replay                                                                  */

static void decrypt_checks(void) {
  printf("# decrypt: key id, ICV/MIC, malformed, replay per TID, retransmissions; failures change no state\n");
  uint8_t f[300], e[400], d[400];
  for (size_t c = 0; c < NCIPHERS; c++) {
    const cipher_info *ci = &CIPHERS[c];
    int wep = ci->cipher == RT_CIPHER_WEP40 || ci->cipher == RT_CIPHER_WEP104;
    int form = ci->integrity_only ? F_MGMT_GROUP : F_QOS3;
    rt_key *tx = new_key(ci, ci->min_id, 5), *rx = new_key(ci, ci->min_id, 5), *other_id = new_key(ci, ci->min_id + 1, 5);
    size_t n = make_frame(f, form, 6, 64, 2), el = 0, dl = 0;
    rt_key_set_tx_pn(tx, 100);
    CHECK_STATUS(RT_OK, rt_frame_encrypt(tx, f, n, e, sizeof e, &el));
    key_state st;
    snapshot(rx, &st);
    /* wrong key id */
    CHECK_STATUS(RT_ERR_NO_KEY, rt_frame_decrypt(other_id, e, el, d, sizeof d, &dl));
    /* tampered body/MIC/ICV */
    uint8_t bad[400];
    memcpy(bad, e, el);
    bad[el - 1] ^= 0x80;
    int want = ci->integrity_only || (!wep && ci->cipher != RT_CIPHER_TKIP) ? RT_ERR_MIC : RT_ERR_ICV;
    CHECK_STATUS(want, rt_frame_decrypt(rx, bad, el, d, sizeof d, &dl));
    CHECK(same_state(rx, &st), "%s: a tampered frame changed no counter", ci->name);
    /* malformed: truncated at every length below the minimum */
    int mal_ok = 1;
    size_t min = header_len(form) + ci->sec_hdr + ci->trailer;
    for (size_t len = 0; len < min; len++) {
      int s = rt_frame_decrypt(rx, e, len, d, sizeof d, &dl);
      mal_ok &= s == RT_ERR_MALFORMED_FRAME || (len >= header_len(form) + 4 && (s == RT_ERR_NO_KEY || s == RT_ERR_ICV || s == RT_ERR_MIC));
    }
    CHECK(mal_ok && same_state(rx, &st), "%s: every truncation below %zu bytes is refused, no state change", ci->name, min);
    if (!ci->integrity_only) {
      CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, f, n, d, sizeof d, &dl)); /* Protected clear */
      if (!wep) {
        memcpy(bad, e, el);
        bad[header_len(form) + 3] &= (uint8_t)~0x20; /* ExtIV */
        CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, bad, el, d, sizeof d, &dl));
      }
    }
    if (!ci->integrity_only) CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(tx, e, el, d, sizeof d, &dl)); /* already protected */
    uint8_t ctl[40] = {0xb4, 0x00};
    CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(tx, ctl, sizeof ctl, d, sizeof d, &dl)); /* control frame */
    CHECK(same_state(rx, &st), "%s: failures changed no state", ci->name);

    /* accepted once, then replay; Retry-bit retransmission is a replay too */
    CHECK_STATUS(RT_OK, rt_frame_decrypt(rx, e, el, d, sizeof d, &dl));
    if (ci->replay) {
      snapshot(rx, &st);
      CHECK_STATUS(RT_ERR_REPLAY, rt_frame_decrypt(rx, e, el, d, sizeof d, &dl));
      memcpy(bad, e, el);
      bad[1] |= 0x08; /* Retry */
      CHECK_STATUS(RT_ERR_REPLAY, rt_frame_decrypt(rx, bad, el, d, sizeof d, &dl));
      CHECK(same_state(rx, &st), "%s: replays changed no state", ci->name);
      /* a first copy lost: the retransmission (Retry set) with a fresh PN is accepted */
      CHECK_STATUS(RT_OK, rt_frame_encrypt(tx, f, n, e, sizeof e, &el));
      e[1] |= 0x08;
      CHECK(rt_frame_decrypt(rx, e, el, d, sizeof d, &dl) == RT_OK && dl == n && (d[1] & 0x08) && (d[1] & 0x40) == 0,
            "%s: a retransmission with a new PN is accepted (Retry kept, Protected cleared)", ci->name);
      /* older PN than accepted, after set_rx_pn: refused; newer accepted */
      uint64_t last = 0;
      int t = ci->integrity_only ? RT_RX_TID_MGMT : 6;
      rt_key_get_rx_pn(rx, t, &last);
      CHECK(last == 101, "%s: counter %d holds the last accepted PN 101 (%llu)", ci->name, t, (unsigned long long)last);
    }
    rt_key_free(tx); rt_key_free(rx); rt_key_free(other_id);
  }

  /* Replay counters per TID: set_rx_pn(t, P) refuses PN P on TID t but not on another TID. */
  const cipher_info *ccmp = &CIPHERS[3];
  rt_key *tx = new_key(ccmp, 1, 8), *rx = new_key(ccmp, 1, 8);
  int per_tid = 1;
  for (int t = 0; t < 16; t++) {
    size_t n = make_frame(f, F_QOS3, t, 30, (uint8_t)t), el, dl;
    rt_key_set_rx_pn(rx, -1, 0);
    rt_key_set_rx_pn(rx, t, 500);
    rt_key_set_tx_pn(tx, 500);
    rt_frame_encrypt(tx, f, n, e, sizeof e, &el);
    per_tid &= rt_frame_decrypt(rx, e, el, d, sizeof d, &dl) == RT_ERR_REPLAY;
    size_t n2 = make_frame(f, F_QOS3, (t + 1) % 16, 30, (uint8_t)t);
    rt_key_set_tx_pn(tx, 500);
    rt_frame_encrypt(tx, f, n2, e, sizeof e, &el);
    per_tid &= rt_frame_decrypt(rx, e, el, d, sizeof d, &dl) == RT_OK;
    rt_key_set_tx_pn(tx, 501);
    rt_frame_encrypt(tx, f, n, e, sizeof e, &el);
    per_tid &= rt_frame_decrypt(rx, e, el, d, sizeof d, &dl) == RT_OK;
  }
  /* tid 16: non-QoS data (and management) */
  size_t n = make_frame(f, F_DATA3, 0, 30, 1), el, dl;
  rt_key_set_rx_pn(rx, -1, 0);
  rt_key_set_rx_pn(rx, 16, 700);
  rt_key_set_tx_pn(tx, 700);
  rt_frame_encrypt(tx, f, n, e, sizeof e, &el);
  per_tid &= rt_frame_decrypt(rx, e, el, d, sizeof d, &dl) == RT_ERR_REPLAY;
  n = make_frame(f, F_MGMT, 0, 30, 1);
  rt_key_set_tx_pn(tx, 700);
  rt_frame_encrypt(tx, f, n, e, sizeof e, &el);
  per_tid &= rt_frame_decrypt(rx, e, el, d, sizeof d, &dl) == RT_ERR_REPLAY;
  CHECK(per_tid, "replay counters are per TID 0..15; 16 guards non-QoS data and management");
  rt_key_free(tx); rt_key_free(rx);
}

/* out == in; any other overlap refused; NULLs; lying lengths */
static void buffer_rules(void) {
  printf("# buffer rules: NULLs, overlap, lengths\n");
  const cipher_info *ccmp = &CIPHERS[3];
  rt_key *k = new_key(ccmp, 0, 1);
  uint8_t f[200], buf[400];
  size_t n = make_frame(f, F_DATA3, 0, 50, 1), out_len = 77;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(k, NULL, n, buf, sizeof buf, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(k, f, n, NULL, 100, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(k, f, n, buf, sizeof buf, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_decrypt(k, NULL, n, buf, sizeof buf, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_decrypt(k, f, n, buf, sizeof buf, NULL));
  memcpy(buf + 1, f, n);
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(k, buf + 1, n, buf, sizeof buf - 1, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(k, buf, n, buf + 8, sizeof buf - 8, &out_len));
  uint64_t pn = 0;
  CHECK(rt_key_get_tx_pn(k, &pn) == RT_OK && pn == 1, "overlapping calls used no PN (next PN %llu)", (unsigned long long)pn);
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(k, f, (size_t)1 << 33, buf, sizeof buf, &out_len));
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(k, f, SIZE_MAX, buf, sizeof buf, &out_len));
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(k, f, 0, buf, sizeof buf, &out_len));
  /* in place, out_cap SIZE_MAX (no overflow in size arithmetic; only what is needed is written) */
  memset(buf, CANARY, sizeof buf);
  memcpy(buf, f, n);
  CHECK_STATUS(RT_OK, rt_frame_encrypt(k, buf, n, buf, SIZE_MAX, &out_len));
  CHECK(out_len == n + 16 && all_canary(buf + out_len, sizeof buf - out_len), "in place with out_cap SIZE_MAX writes %zu bytes only", out_len);
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(k, -1, 0));
  CHECK_STATUS(RT_OK, rt_frame_decrypt(k, buf, out_len, buf, SIZE_MAX, &out_len));
  CHECK(out_len == n && memcmp(buf, f, n) == 0, "in place with out_cap SIZE_MAX: exact plaintext");
  rt_key_free(k);
}

/* ------------------------------------------------------------------------------------------ */
/* Batches                                                                                    */

static void batches_for(const cipher_info *ci, size_t count) {
  enum { MAXOPS = 40 };
  uint8_t plain[MAXOPS][200];
  size_t plen[MAXOPS] = {0};
  guarded enc[MAXOPS], dec[MAXOPS];
  rt_frame_op ops[MAXOPS];
  rt_key *tx = new_key(ci, ci->min_id, 21), *rx = new_key(ci, ci->min_id, 21), *other = new_key(ci, ci->min_id + 1, 21);
  int form = ci->integrity_only ? F_MGMT_GROUP : F_QOS3;
  int wep = ci->cipher == RT_CIPHER_WEP40 || ci->cipher == RT_CIPHER_WEP104;
  for (size_t i = 0; i < count; i++) {
    plen[i] = make_frame(plain[i], form, 0, 20 + i * 3, (uint8_t)i);
    enc[i] = g_new(plen[i] + ci->sec_hdr + ci->trailer);
    dec[i] = g_new(plen[i]);
  }
  /* Encrypt: op 5 too small, op 9 in NULL, op 12 already protected; every other op OK, PNs in order. */
  rt_key_set_tx_pn(tx, 1000);
  for (size_t i = 0; i < count; i++) ops[i] = (rt_frame_op){plain[i], plen[i], enc[i].p, enc[i].cap, 999, 999};
  ops[5].out_cap -= 1;
  ops[9].in = NULL;
  uint8_t prot[200];
  memcpy(prot, plain[12], plen[12]);
  prot[1] |= 0x40;
  ops[12].in = prot;
  int r = rt_frame_encrypt_batch(tx, ops, count);
  int ok = r == RT_ERR_BUFFER_TOO_SMALL, guards = 1, order = 1;
  uint64_t expect = 1000;
  for (size_t i = 0; i < count; i++) {
    guards &= g_guards_ok(&enc[i]);
    if (i == 5) { ok &= ops[i].status == RT_ERR_BUFFER_TOO_SMALL && ops[i].out_len == enc[i].cap; continue; }
    if (i == 9) { ok &= ops[i].status == RT_ERR_INVALID_ARGUMENT && ops[i].out_len == 0; continue; }
    if (i == 12) { ok &= ops[i].status == (ci->integrity_only ? RT_ERR_MALFORMED_FRAME : RT_ERR_MALFORMED_FRAME) && ops[i].out_len == 0; continue; }
    ok &= ops[i].status == RT_OK && ops[i].out_len == enc[i].cap;
    if (!wep && !ci->integrity_only) {
      const uint8_t *h = enc[i].p + header_len(form);
      uint64_t pn = ci->cipher == RT_CIPHER_TKIP ? (uint64_t)h[2] | (uint64_t)h[0] << 8 : (uint64_t)h[0] | (uint64_t)h[1] << 8;
      order &= pn == expect;
    }
    expect++;
  }
  uint64_t next = 0;
  rt_key_get_tx_pn(tx, &next);
  order &= wep || next == 1000 + count - 3;
  CHECK(ok && guards && order, "%s batch encrypt x%zu: returns the first failure (%s), per-op status/out_len, PNs in array order to the ops that succeed",
        ci->name, count, rt_status_name(r));
  /* Encrypt everything cleanly for the decrypt batch. */
  rt_key_set_tx_pn(tx, 2000);
  for (size_t i = 0; i < count; i++) ops[i] = (rt_frame_op){plain[i], plen[i], enc[i].p, enc[i].cap, 0, 0};
  CHECK_STATUS(RT_OK, rt_frame_encrypt_batch(tx, ops, count));
  /* Decrypt: op 3 tampered (MIC/ICV), op 4 too small, op 7 = op 6 again (replay, for ciphers with
   * replay protection), op 10 wrong key id (encrypted by "other"), op 11 truncated. */
  uint8_t tampered[300], foreign[300], *copy7 = NULL;
  memcpy(tampered, enc[3].p, enc[3].cap);
  tampered[enc[3].cap - 1] ^= 1;
  size_t fl = 0;
  rt_frame_encrypt(other, plain[10], plen[10], foreign, sizeof foreign, &fl);
  for (size_t i = 0; i < count; i++) ops[i] = (rt_frame_op){enc[i].p, enc[i].cap, dec[i].p, dec[i].cap, 999, 999};
  ops[3].in = tampered;
  ops[4].out_cap -= 1;
  copy7 = enc[6].p;
  ops[7].in = copy7; ops[7].in_len = enc[6].cap; ops[7].out = dec[7].p; ops[7].out_cap = dec[7].cap;
  ops[10].in = foreign; ops[10].in_len = fl;
  ops[11].in_len = 5;
  rt_key_set_rx_pn(rx, -1, 0);
  r = rt_frame_decrypt_batch(rx, ops, count);
  int want3 = ci->integrity_only || (!wep && ci->cipher != RT_CIPHER_TKIP) ? RT_ERR_MIC : RT_ERR_ICV;
  ok = r == want3;
  guards = 1;
  for (size_t i = 0; i < count; i++) {
    guards &= g_guards_ok(&dec[i]);
    if (i == 3) ok &= ops[i].status == want3 && ops[i].out_len == 0;
    else if (i == 4) ok &= ops[i].status == RT_ERR_BUFFER_TOO_SMALL && ops[i].out_len == plen[4];
    else if (i == 7 && ci->replay) ok &= ops[i].status == RT_ERR_REPLAY && ops[i].out_len == 0;
    else if (i == 10) ok &= ops[i].status == RT_ERR_NO_KEY && ops[i].out_len == 0;
    else if (i == 11) ok &= ops[i].status == RT_ERR_MALFORMED_FRAME && ops[i].out_len == 0;
    else if (i == 7) ok &= ops[i].status == RT_OK && memcmp(dec[7].p, plain[6], plen[6]) == 0;
    else ok &= ops[i].status == RT_OK && ops[i].out_len == plen[i] && memcmp(dec[i].p, plain[i], plen[i]) == 0;
  }
  CHECK(ok && guards, "%s batch decrypt x%zu: returns the first failure (%s), each op its own status (MIC/ICV, too small, replay, key id, malformed)",
        ci->name, count, rt_status_name(r));
  /* The same PN twice in one batch where the first copy fails its MIC: the second is accepted
   * (exactly as op by op). */
  if (ci->replay) {
    rt_key_set_rx_pn(rx, -1, 0);
    uint8_t scratch[300];
    rt_frame_op two[2] = {{tampered, enc[3].cap, scratch, sizeof scratch, 0, 0}, {enc[3].p, enc[3].cap, dec[3].p, dec[3].cap, 0, 0}};
    r = rt_frame_decrypt_batch(rx, two, 2);
    CHECK(r == want3 && two[0].status == want3 && two[1].status == RT_OK && memcmp(dec[3].p, plain[3], plen[3]) == 0,
          "%s batch: a PN whose first copy failed its check is accepted from the next op", ci->name);
  }
  /* An empty batch, and NULL ops only with count 0. */
  CHECK_STATUS(RT_OK, rt_frame_encrypt_batch(tx, NULL, 0));
  CHECK_STATUS(RT_OK, rt_frame_encrypt_batch(tx, ops, 0));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt_batch(tx, NULL, 3));
  for (size_t i = 0; i < count; i++) { g_free(&enc[i]); g_free(&dec[i]); }
  rt_key_free(tx); rt_key_free(rx); rt_key_free(other);
}

/* Batches in place (out == in for every op), across multi-frame chunks. */
static void batch_in_place(const cipher_info *ci) {
  enum { N = 37 };
  static uint8_t plain[N][300];
  guarded buf[N];
  size_t plen[N] = {0};
  rt_frame_op ops[N];
  rt_key *tx = new_key(ci, ci->min_id, 3), *rx = new_key(ci, ci->min_id, 3);
  int form = ci->integrity_only ? F_MGMT_GROUP : F_QOS_HTC;
  for (size_t i = 0; i < N; i++) {
    plen[i] = make_frame(plain[i], form, (int)(i % 16), 1 + i * 7, (uint8_t)i);
    buf[i] = g_new(plen[i] + ci->sec_hdr + ci->trailer);
    memcpy(buf[i].p, plain[i], plen[i]);
    ops[i] = (rt_frame_op){buf[i].p, plen[i], buf[i].p, buf[i].cap, 0, 99};
  }
  int ok = rt_frame_encrypt_batch(tx, ops, N) == RT_OK;
  for (size_t i = 0; i < N; i++) {
    ok &= ops[i].status == RT_OK && ops[i].out_len == buf[i].cap && g_guards_ok(&buf[i]);
    ops[i] = (rt_frame_op){buf[i].p, buf[i].cap, buf[i].p, buf[i].cap, 0, 99};
  }
  ok &= rt_frame_decrypt_batch(rx, ops, N) == RT_OK;
  for (size_t i = 0; i < N; i++) {
    ok &= ops[i].status == RT_OK && ops[i].out_len == plen[i] && memcmp(buf[i].p, plain[i], plen[i]) == 0 && g_guards_ok(&buf[i]);
    g_free(&buf[i]);
  }
  CHECK(ok, "%s: batch of %d in place (out == in) encrypts and decrypts back exactly", ci->name, N);
  rt_key_free(tx); rt_key_free(rx);
}

static void batches(void) {
  printf("# batches\n");
  for (size_t c = 0; c < NCIPHERS; c++) batch_in_place(&CIPHERS[c]);
  for (size_t c = 0; c < NCIPHERS; c++) batches_for(&CIPHERS[c], 13);
  batches_for(&CIPHERS[3], 40); /* CCMP over several multi-frame chunks */
  batches_for(&CIPHERS[6], 40); /* GCMP-256 */
  batches_for(&CIPHERS[2], 40); /* TKIP frame by frame */
}

/* ------------------------------------------------------------------------------------------ */
/* Devices                                                                                    */

static int open_ok(const char *spec, rt_device **dev) {
  *dev = (rt_device *)(uintptr_t)0x55;
  int st = rt_device_open(spec, dev);
  return st;
}

static void device_specs(void) {
  printf("# device specs\n");
  static const struct { const char *spec; uint32_t chip; const char *name; } chips[] = {
    {"emu:rt2860", 0x2860, "RT2860"}, {"emu:rt3090", 0x3090, "RT3090"}, {"emu:rt2870", 0, "RT2870"}, {"emu:rt3070", 0x3070, "RT3070"}};
  for (size_t i = 0; i < 4; i++) {
    rt_device *dev;
    CHECK_STATUS(RT_OK, open_ok(chips[i].spec, &dev));
    rt_device_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    uint32_t csr0 = 0;
    CHECK_STATUS(RT_OK, rt_device_get_info(dev, &info));
    CHECK_STATUS(RT_OK, rt_device_read32(dev, 0x1000, &csr0));
    CHECK(info.chip_id == csr0 >> 16 && (chips[i].chip == 0 || info.chip_id == chips[i].chip) && info.bus == 0
          && memchr(info.name, 0, sizeof info.name) && strstr(info.name, chips[i].name) && info.hw_key_slots > 0
          && info.firmware_loaded == 0 && info.firmware_crc == 0 && info.struct_size == sizeof info,
          "%s: chip 0x%04x (MAC_CSR0 0x%08x) rev 0x%x rf 0x%x bus %u \"%s\" slots %u", chips[i].spec, info.chip_id, csr0,
          info.chip_rev, info.rf_id, info.bus, info.name, info.hw_key_slots);
    rt_device_close(dev);
  }
  static const char *faults[] = {"emu:rt2860,fault=mcu-silent", "emu:rt3090,fault=fw-never-ready", "emu:rt2870,fault=keytable-stuck",
                                 "emu:rt3070,fault=gone-after=100000", "emu:rt2860,fault=mcu-silent,fault=keytable-stuck"};
  for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
    rt_device *dev;
    CHECK_STATUS(RT_OK, open_ok(faults[i], &dev));
    rt_device_close(dev);
  }
  rt_device *dev;
  CHECK_STATUS(RT_OK, open_ok("emu:rt3070,mac=02:11:22:33:44:55", &dev));
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK(rt_device_get_info(dev, &info) == RT_OK && memcmp(info.mac, "\x02\x11\x22\x33\x44\x55", 6) == 0, "mac= sets the MAC");
  rt_device_close(dev);
  /* Bad options: RT_ERR_INVALID_ARGUMENT naming the value. */
  static const struct { const char *spec; const char *named; } bad[] = {
    {"emu:rt9999", "rt9999"}, {"emu:", "emu:"}, {"emu:rt2860,fault=melt", "melt"}, {"emu:rt2860,fault=gone-after=abc", "abc"},
    {"emu:rt2860,fault=gone-after=-5", "-5"}, {"emu:rt2860,fault=gone-after=", "gone-after"}, {"emu:rt2860,mac=00:11:22", "00:11:22"},
    {"emu:rt2860,mac=zz:11:22:33:44:55", "zz:11"}, {"emu:rt2860,mac=01:00:5e:00:00:01", "01:00:5e"}, {"emu:rt2860,speed=9", "speed"},
    {"emu:rt2860,", "emu:rt2860,"}, {"bogus:1", "bogus"}, {"", "empty"}, {"pci:nonsense", "nonsense"}, {"usb:xyz", "xyz"},
    /* the grammar is exact (rtdriver.h at rt_device_open): case, whitespace, repeats and unusable MACs are refused */
    {"EMU:RT2860", "'EMU' must be written in lower case"}, {" emu:rt2860 ", "unexpected space at position 0"},
    {"emu: rt2860", "unexpected space at position 4"}, {"emu:rt2860\n", "unexpected newline at position 10"},
    {"emu:RT2860", "'RT2860' must be written in lower case"}, {"emu:rt2860,mac=00:00:00:00:00:00", "all-zero address"},
    {"emu:rt2860,mac=ff:ff:ff:ff:ff:ff", "broadcast address"}, {"emu:rt2860,mac=01:00:5e:00:00:01", "is a group address"},
    {"emu:rt2860,mac=00:11:22:33:44:55,mac=00:11:22:33:44:56", "option 'mac' given twice"},
    {"emu:rt2860,fault=mcu-silent,fault=mcu-silent", "fault 'mcu-silent' given twice"}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int st = open_ok(bad[i].spec, &dev);
    CHECK(st == RT_ERR_INVALID_ARGUMENT && dev == NULL && strstr(rt_last_error(), bad[i].named),
          "\"%s\" -> %s: %s", bad[i].spec, rt_status_name(st), rt_last_error());
  }
  /* Real transports on a machine without the NIC: a clear error, never a crash. */
  static const char *real[] = {"pci:0000:7f:1f.7", "usb:148f:3070", "usb:148f:3070#3", "usb:250.127", "auto"};
  for (size_t i = 0; i < sizeof real / sizeof real[0]; i++) {
    int st = open_ok(real[i], &dev);
    CHECK((st == RT_OK && dev) || (st < 0 && dev == NULL && strlen(rt_last_error()) > 10),
          "\"%s\" -> %s: %s", real[i], rt_status_name(st), rt_last_error());
    if (st == RT_ERR_NO_DEVICE && !strcmp(real[i], "auto"))
      CHECK(strstr(rt_last_error(), "emu:rt2860") != NULL, "auto's RT_ERR_NO_DEVICE suggests emu:rt2860");
    if (st == RT_OK) rt_device_close(dev);
  }
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open(NULL, &dev));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open("emu:rt2860", NULL));
}

static void device_info_sizes(void) {
  printf("# rt_device_info struct_size\n");
  CHECK(sizeof(rt_device_info) == 104 && offsetof(rt_device_info, chip_id) == 4 && offsetof(rt_device_info, chip_rev) == 8
        && offsetof(rt_device_info, rf_id) == 12 && offsetof(rt_device_info, mac) == 16 && offsetof(rt_device_info, bus) == 22
        && offsetof(rt_device_info, firmware_loaded) == 24 && offsetof(rt_device_info, firmware_crc) == 28
        && offsetof(rt_device_info, hw_key_slots) == 32 && offsetof(rt_device_info, hw_key_slots_used) == 36
        && offsetof(rt_device_info, name) == 40, "rt_device_info layout: 104 bytes, fields where the contract puts them");
  rt_device *dev;
  if (rt_device_open("emu:rt2860", &dev) != RT_OK) { CHECK(0, "open"); return; }
  struct { uint8_t bytes[104 + 64]; } box;
  rt_device_info full;
  memset(&full, 0, sizeof full);
  full.struct_size = sizeof full;
  rt_device_get_info(dev, &full);
  /* every prefix size from 4 to sizeof: exactly that many bytes written, all correct */
  int prefixes_ok = 1;
  for (uint32_t size = 4; size <= sizeof(rt_device_info); size++) {
    memset(&box, CANARY, sizeof box);
    memcpy(box.bytes, &size, 4);
    int st = rt_device_get_info(dev, (rt_device_info *)(void *)box.bytes);
    uint32_t echoed;
    memcpy(&echoed, box.bytes, 4);
    prefixes_ok &= st == RT_OK && echoed == size && memcmp(box.bytes + 4, (uint8_t *)&full + 4, size - 4) == 0
                   && all_canary(box.bytes + size, sizeof box - size);
  }
  CHECK(prefixes_ok, "struct_size 4..104: exactly struct_size bytes written, each field the full call's");
  /* larger (a newer caller): the known 104 bytes, the rest untouched, struct_size left as given */
  memset(&box, CANARY, sizeof box);
  uint32_t big = sizeof box.bytes;
  memcpy(box.bytes, &big, 4);
  int st = rt_device_get_info(dev, (rt_device_info *)(void *)box.bytes);
  uint32_t echoed;
  memcpy(&echoed, box.bytes, 4);
  CHECK(st == RT_OK && echoed == big && memcmp(box.bytes + 4, (uint8_t *)&full + 4, 100) == 0 && all_canary(box.bytes + 104, 64),
        "struct_size %u (> sizeof): 104 bytes filled, the unknown tail untouched", big);
  uint32_t huge = 0xffffffffu;
  memset(&box, CANARY, sizeof box);
  memcpy(box.bytes, &huge, 4);
  CHECK(rt_device_get_info(dev, (rt_device_info *)(void *)box.bytes) == RT_OK && all_canary(box.bytes + 104, 64),
        "struct_size 0xffffffff (garbage): never more than 104 bytes written");
  static const uint32_t too_small[] = {0, 1, 2, 3};
  for (size_t i = 0; i < 4; i++) {
    memset(&box, CANARY, sizeof box);
    memcpy(box.bytes, &too_small[i], 4);
    CHECK(rt_device_get_info(dev, (rt_device_info *)(void *)box.bytes) == RT_ERR_INVALID_ARGUMENT && all_canary(box.bytes + 4, sizeof box - 4),
          "struct_size %u is RT_ERR_INVALID_ARGUMENT, nothing written", too_small[i]);
  }
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_get_info(dev, NULL));
  uint32_t v = 0;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32(dev, 0x1000, NULL));
  struct { uint8_t pre[4]; uint32_t v; uint8_t post[4]; } b32;
  memset(&b32, CANARY, sizeof b32);
  CHECK(rt_device_read32(dev, 0x1000, &b32.v) == RT_OK && all_canary(b32.pre, 4) && all_canary(b32.post, 4), "read32 writes exactly 4 bytes");
  (void)v;
  rt_device_close(dev);
}

static void write_file(const char *path, const void *data, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fwrite(data, 1, n, f);
  fclose(f);
}

static void firmware_search(void) {
  printf("# firmware search path\n");
  char dir[] = "/tmp/rtcontract-fwXXXXXX";
  if (!mkdtemp(dir)) { CHECK(0, "mkdtemp"); return; }
  char path[256];
  snprintf(path, sizeof path, "%s/rt2860.bin", dir);
  uint8_t junk[8192];
  memset(junk, 0x42, sizeof junk);
  write_file(path, junk, sizeof junk);
  rt_device *dev;
  if (rt_device_open("emu:rt2860", &dev) != RT_OK) { CHECK(0, "open"); return; }
  setenv("RTDRIVER_FIRMWARE_DIR", dir, 1);
  int st = rt_device_load_firmware(dev, NULL);
  CHECK(st == RT_ERR_BAD_FIRMWARE && strstr(rt_last_error(), path), "$RTDRIVER_FIRMWARE_DIR is searched first: %s: %s",
        rt_status_name(st), rt_last_error());
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK(rt_device_get_info(dev, &info) == RT_OK && info.firmware_loaded == 0 && info.firmware_crc == 0, "a failed load leaves firmware_loaded 0, crc 0");
  unlink(path);
  st = rt_device_load_firmware(dev, NULL);
  CHECK(st == RT_OK, "emulated: the open image is found after the system directories: %s", rt_last_error());
  CHECK(rt_device_get_info(dev, &info) == RT_OK && info.firmware_loaded == 1 && info.firmware_crc != 0, "firmware_loaded 1, crc 0x%x", info.firmware_crc);
  unsetenv("RTDRIVER_FIRMWARE_DIR");
  /* explicit paths */
  st = rt_device_load_firmware(dev, "/nonexistent/dir/rt2860.bin");
  CHECK(st == RT_ERR_BAD_FIRMWARE && strstr(rt_last_error(), "/nonexistent/dir/rt2860.bin"), "missing file: %s: %s", rt_status_name(st), rt_last_error());
  st = rt_device_load_firmware(dev, dir);
  CHECK(st == RT_ERR_BAD_FIRMWARE && strstr(rt_last_error(), dir), "a directory is not a firmware image: %s: %s", rt_status_name(st), rt_last_error());
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_load_firmware(dev, ""));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_load_firmware_mem(dev, NULL, 10));
  CHECK_STATUS(RT_ERR_BAD_FIRMWARE, rt_device_load_firmware_mem(dev, junk, 0));
  CHECK_STATUS(RT_ERR_BAD_FIRMWARE, rt_device_load_firmware_mem(dev, junk, sizeof junk));
  CHECK_STATUS(RT_ERR_BAD_FIRMWARE, rt_device_load_firmware_mem(dev, junk, (size_t)1 << 40)); /* a lying length, refused unread */
  rmdir(dir);
  rt_device_close(dev);
}

static int set_key_p(rt_device *dev, uint32_t size, int cipher, const uint8_t *addr, int key_id, int set_tx,
                     const uint8_t *seq, size_t seq_len, const uint8_t *key, size_t key_len, uint32_t flags, int *placement) {
  struct { rt_key_params p; uint8_t tail[64]; } box;
  memset(&box, 0, sizeof box);
  box.p.struct_size = size;
  box.p.cipher = cipher;
  box.p.addr = addr;
  box.p.key_id = key_id;
  box.p.set_tx = set_tx;
  box.p.seq = seq;
  box.p.seq_len = seq_len;
  box.p.key = key;
  box.p.key_len = key_len;
  box.p.flags = flags;
  memset(box.tail, 0x5a, sizeof box.tail); /* a newer caller's unknown fields */
  return rt_device_set_key(dev, &box.p, placement);
}

static void set_key_contract(void) {
  printf("# set_key / del_key as supplicants call them\n");
  CHECK(sizeof(rt_key_params) == 64 && offsetof(rt_key_params, cipher) == 4 && offsetof(rt_key_params, addr) == 8
        && offsetof(rt_key_params, key_id) == 16 && offsetof(rt_key_params, set_tx) == 20 && offsetof(rt_key_params, seq) == 24
        && offsetof(rt_key_params, seq_len) == 32 && offsetof(rt_key_params, key) == 40 && offsetof(rt_key_params, key_len) == 48
        && offsetof(rt_key_params, flags) == 56, "rt_key_params layout (LP64)");
  static const uint8_t RSC[6] = {0, 0, 0, 0, 0, 0};
  uint8_t tk[32];
  key_material(tk, 32, 77);
  rt_device *dev;
  if (rt_device_open("emu:rt2860", &dev) != RT_OK) { CHECK(0, "open"); return; }
  /* Linux report: four clears of keys never installed, quiet success, a sentence in rt_last_error. */
  int quiet = 1;
  for (int i = 0; i < 4; i++) quiet &= rt_device_del_key(dev, NULL, i, 0) == RT_OK;
  for (int i = 0; i < 4; i++) quiet &= rt_device_del_key(dev, BCAST, i, 0) == RT_OK;
  for (int i = 0; i < 4; i++) quiet &= rt_device_del_key(dev, AP, i, 0) == RT_OK;
  CHECK(quiet, "del_key of keys that were never set succeeds (NULL, broadcast and peer addresses, ids 0..3)");
  size_t count = 99;
  CHECK(rt_device_key_count(dev, &count) == RT_OK && count == 0, "and nothing is listed");
  /* FreeBSD report: set_key alg=TKIP addr=AP key_idx=0 set_tx=1 seq_len=6 key_len=32 — placed, never an error. */
  int placement = 0;
  CHECK_STATUS(RT_OK, set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_TKIP, AP, 0, 1, RSC, 6, tk, 32, 0, &placement));
  CHECK((placement == RT_PLACED_HARDWARE || placement == RT_PLACED_SOFTWARE) && strlen(rt_last_error()) > 0,
        "PTK placed (%d), reason on success: %s", placement, rt_last_error());
  /* GTK: broadcast address, and NULL address */
  CHECK_STATUS(RT_OK, set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_TKIP, BCAST, 1, 0, RSC, 6, tk, 32, 0, &placement));
  CHECK_STATUS(RT_OK, set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_TKIP, NULL, 2, 0, RSC, 6, tk, 32, 0, &placement));
  CHECK(rt_device_key_count(dev, &count) == RT_OK && count == 3, "PTK + two GTKs listed (%zu)", count);
  /* RSC is little-endian: the group key's replay counter is the number */
  static const uint8_t RSC2[6] = {0x0c, 0xe7, 0x76, 0x97, 0x03, 0xb5};
  CHECK_STATUS(RT_OK, set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_CCMP, BCAST, 3, 0, RSC2, 6, tk, 16, 0, &placement));
  rt_key *twin = NULL;
  uint64_t last = 0;
  CHECK(rt_device_get_key(dev, NULL, 3, RT_KEY_GROUP, &twin) == RT_OK && rt_key_get_rx_pn(twin, 16, &last) == RT_OK
        && last == 0xb5039776e70cULL, "seq is the little-endian RSC: RX counter 0x%llx", (unsigned long long)last);
  rt_key_free(twin);
  /* struct_size: smallest sensible prefix (up to key_len) .. larger than sizeof; 0 and short refused */
  const uint8_t peer[6] = {0x02, 0, 0, 0, 0, 0x31};
  CHECK_STATUS(RT_OK, set_key_p(dev, offsetof(rt_key_params, flags), RT_CIPHER_CCMP, peer, 0, 1, RSC, 6, tk, 16, RT_KEY_FORCE_SOFTWARE, &placement));
  CHECK(placement == RT_PLACED_HARDWARE, "struct_size %zu (without flags): flags read as 0 → hardware", offsetof(rt_key_params, flags));
  CHECK_STATUS(RT_OK, set_key_p(dev, offsetof(rt_key_params, flags) + 4, RT_CIPHER_CCMP, peer, 0, 1, RSC, 6, tk, 16, RT_KEY_FORCE_SOFTWARE, &placement));
  CHECK(placement == RT_PLACED_SOFTWARE, "struct_size %zu (flags, no padding): flags honoured", offsetof(rt_key_params, flags) + 4);
  CHECK_STATUS(RT_OK, set_key_p(dev, sizeof(rt_key_params) + 64, RT_CIPHER_CCMP, peer, 0, 1, RSC, 6, tk, 16, 0, &placement));
  CHECK(placement == RT_PLACED_HARDWARE, "struct_size %zu (a newer caller): known fields used, the rest ignored", sizeof(rt_key_params) + 64);
  static const uint32_t bad_sizes[] = {0, 4, 8, 16, 48, 55};
  for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
    placement = 77;
    int st = set_key_p(dev, bad_sizes[i], RT_CIPHER_CCMP, peer, 0, 1, RSC, 6, tk, 16, 0, &placement);
    CHECK(st == RT_ERR_INVALID_ARGUMENT && placement != RT_PLACED_HARDWARE && placement != RT_PLACED_SOFTWARE,
          "struct_size %u: %s: %s", bad_sizes[i], rt_status_name(st), rt_last_error());
  }
  /* Invalid parameters: the only failures */
  struct { int cipher; const uint8_t *addr; int id; const uint8_t *seq; size_t seq_len; const uint8_t *key; size_t key_len; uint32_t flags; const char *what; } inv[] = {
    {0, NULL, 0, NULL, 0, NULL, 0, 0, "cipher 0 (alg=0)"},
    {99, peer, 0, RSC, 6, tk, 16, 0, "cipher 99"},
    {RT_CIPHER_CCMP, peer, 0, RSC, 6, tk, 15, 0, "CCMP key_len 15"},
    {RT_CIPHER_TKIP, peer, 0, RSC, 6, tk, 16, 0, "TKIP key_len 16"},
    {RT_CIPHER_CCMP, peer, 0, RSC, 6, NULL, 16, 0, "key NULL"},
    {RT_CIPHER_CCMP, peer, 0, NULL, 6, tk, 16, 0, "seq NULL with seq_len 6"},
    {RT_CIPHER_CCMP, peer, 4, RSC, 6, tk, 16, 0, "key id 4"},
    {RT_CIPHER_CCMP, peer, -1, RSC, 6, tk, 16, 0, "key id -1"},
    {RT_CIPHER_BIP_CMAC128, NULL, 0, RSC, 6, tk, 16, 0, "BIP key id 0"},
    {RT_CIPHER_CCMP, NULL, 0, RSC, 6, tk, 16, RT_KEY_PAIRWISE, "pairwise without address"},
    {RT_CIPHER_CCMP, BCAST, 0, RSC, 6, tk, 16, RT_KEY_PAIRWISE, "pairwise with broadcast"},
    {RT_CIPHER_CCMP, peer, 0, RSC, 6, tk, 16, RT_KEY_PAIRWISE | RT_KEY_GROUP, "PAIRWISE|GROUP"},
    {RT_CIPHER_CCMP, peer, 0, RSC, 6, tk, 16, RT_KEY_FORCE_SOFTWARE | RT_KEY_FORCE_HARDWARE, "FORCE both"},
    {RT_CIPHER_CCMP, peer, 0, RSC, 6, tk, 16, 0x1000, "unknown flag"},
    {RT_CIPHER_CCMP, peer, 0, RSC, (size_t)1 << 40, tk, 16, 0, "lying seq_len"},
    {RT_CIPHER_CCMP, peer, 0, RSC, 6, tk, (size_t)1 << 40, 0, "lying key_len"},
  };
  for (size_t i = 0; i < sizeof inv / sizeof inv[0]; i++) {
    placement = 77;
    int st = set_key_p(dev, sizeof(rt_key_params), inv[i].cipher, inv[i].addr, inv[i].id, 0, inv[i].seq, inv[i].seq_len,
                       inv[i].key, inv[i].key_len, inv[i].flags, &placement);
    CHECK(st == RT_ERR_INVALID_ARGUMENT && placement != RT_PLACED_HARDWARE && placement != RT_PLACED_SOFTWARE,
          "%s: %s: %s", inv[i].what, rt_status_name(st), rt_last_error());
  }
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_set_key(dev, NULL, &placement));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_set_key(NULL, NULL, &placement));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_del_key(dev, peer, 9, 0));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_del_key(NULL, peer, 0, 0));
  /* Every cipher, every key id: placed (hardware or software), never a hardware failure. */
  int all_placed = 1;
  for (size_t c = 0; c < NCIPHERS; c++) {
    const cipher_info *ci = &CIPHERS[c];
    for (int id = ci->min_id; id <= ci->max_id; id++) {
      uint8_t addr[6] = {0x02, 0, 0, 0, (uint8_t)c, (uint8_t)id};
      int p = 0;
      int st = set_key_p(dev, sizeof(rt_key_params), ci->cipher, ci->integrity_only ? BCAST : addr, id, 1, RSC,
                         ci->cipher <= RT_CIPHER_WEP104 ? 0 : 6, tk, ci->key_len, 0, &p);
      all_placed &= st == RT_OK && (p == RT_PLACED_HARDWARE || p == RT_PLACED_SOFTWARE);
      if (st != RT_OK) printf("#   %s id %d: %s: %s\n", ci->name, id, rt_status_name(st), rt_last_error());
    }
  }
  CHECK(all_placed, "every cipher and key id is placed");
  rt_device_close(dev);

  /* A full table: never an error, the rest in software. */
  if (rt_device_open("emu:rt3090", &dev) != RT_OK) { CHECK(0, "open"); return; }
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  rt_device_get_info(dev, &info);
  int full_ok = 1, hw = 0, sw = 0;
  for (uint32_t i = 0; i < info.hw_key_slots + 10; i++) {
    uint8_t addr[6] = {0x02, 0x00, 0x00, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
    int p = 0;
    full_ok &= set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_CCMP, addr, 0, 1, RSC, 6, tk, 16, 0, &p) == RT_OK;
    if (p == RT_PLACED_HARDWARE) hw++; else if (p == RT_PLACED_SOFTWARE) sw++;
  }
  uint8_t addr[6] = {0x02, 0x00, 0x00, 0x7f, 0x7f, 0x7f};
  int p = 0;
  int st = set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_CCMP, addr, 0, 1, RSC, 6, tk, 16, RT_KEY_FORCE_HARDWARE, &p);
  CHECK(full_ok && hw == (int)info.hw_key_slots && sw == 10 && st != RT_OK, "full table: %d in hardware, %d in software, FORCE_HARDWARE then fails (%s: %s)",
        hw, sw, rt_status_name(st), rt_last_error());
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK(rt_device_get_info(dev, &info) == RT_OK && info.hw_key_slots_used == info.hw_key_slots, "hw_key_slots_used %u", info.hw_key_slots_used);
  rt_device_close(dev);

  /* Every fault: set_key still succeeds for every chip (keys in software where hardware fails). */
  static const char *specs[] = {"emu:rt2860,fault=mcu-silent", "emu:rt2860,fault=fw-never-ready", "emu:rt2860,fault=keytable-stuck",
                                "emu:rt2870,fault=keytable-stuck", "emu:rt3070,fault=mcu-silent"};
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
    if (rt_device_open(specs[i], &dev) != RT_OK) { CHECK(0, "open %s", specs[i]); continue; }
    rt_device_load_firmware(dev, NULL); /* may fail under the fault: irrelevant to set_key */
    int ok = 1;
    for (int c = RT_CIPHER_WEP40; c <= RT_CIPHER_GCMP256; c++) {
      int pl = 0;
      ok &= set_key_p(dev, sizeof(rt_key_params), c, AP, 0, 1, RSC, c <= RT_CIPHER_WEP104 ? 0 : 6, tk, CIPHERS[c - 1].key_len, 0, &pl) == RT_OK
            && (pl == RT_PLACED_HARDWARE || pl == RT_PLACED_SOFTWARE);
      ok &= set_key_p(dev, sizeof(rt_key_params), c, BCAST, 1, 0, RSC, c <= RT_CIPHER_WEP104 ? 0 : 6, tk, CIPHERS[c - 1].key_len, 0, &pl) == RT_OK;
    }
    CHECK(ok, "%s: every cipher's pairwise and group key placed", specs[i]);
    rt_device_close(dev);
  }
  /* A gone device: set_key places in software; del_key of a missing key on it */
  for (long n = 4096; n <= (1L << 22); n *= 2) {
    char spec[80];
    snprintf(spec, sizeof spec, "emu:rt2860,fault=gone-after=%ld", n);
    if (rt_device_open(spec, &dev) != RT_OK) continue;
    uint32_t v;
    while (rt_device_read32(dev, 0x1000, &v) == RT_OK) {}
    int pl = 0;
    CHECK(set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_CCMP, AP, 0, 1, RSC, 6, tk, 16, 0, &pl) == RT_OK && pl == RT_PLACED_SOFTWARE,
          "gone device (%s): set_key still places in software: %s", spec, rt_last_error());
    st = set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_CCMP, BCAST, 1, 0, RSC, 6, tk, 16, RT_KEY_FORCE_HARDWARE, &pl);
    CHECK(st != RT_OK, "gone device: FORCE_HARDWARE impossible → %s", rt_status_name(st));
    rt_device_close(dev);
    break;
  }
}

static void device_null_args(void) {
  printf("# device calls: NULLs, closed handles, outputs bounded\n");
  rt_device *dev;
  if (rt_device_open("emu:rt2860", &dev) != RT_OK) { CHECK(0, "open"); return; }
  size_t count;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_key_count(dev, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_key_at(dev, 0, NULL));
  rt_key *k = (rt_key *)(uintptr_t)0x99;
  CHECK_STATUS(RT_ERR_NO_KEY, rt_device_get_key(dev, AP, 0, 0, &k));
  CHECK(k == NULL, "get_key failure sets *out NULL");
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_get_key(dev, AP, 0, 0, NULL));
  struct { rt_device_key_entry e; uint8_t tail[32]; } box;
  uint8_t tk[16] = {1};
  int p;
  set_key_p(dev, sizeof(rt_key_params), RT_CIPHER_CCMP, AP, 0, 1, NULL, 0, tk, 16, 0, &p);
  memset(&box, CANARY, sizeof box);
  box.e.struct_size = 12;
  CHECK(rt_device_key_at(dev, 0, &box.e) == RT_OK && all_canary((uint8_t *)&box + 12, sizeof box - 12), "key_at struct_size 12 writes 12 bytes");
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_key_at(dev, 1, &box.e));
  memset(&box, CANARY, sizeof box);
  box.e.struct_size = sizeof box;
  CHECK(rt_device_key_at(dev, 0, &box.e) == RT_OK && box.e.struct_size == sizeof box && box.e.cipher == RT_CIPHER_CCMP
        && memchr(box.e.reason, 0, sizeof box.e.reason) && all_canary(box.tail, sizeof box.tail),
        "key_at struct_size %zu (> sizeof): %zu bytes filled, tail untouched", sizeof box, sizeof box.e);
  struct { rt_key_event ev; uint8_t tail[32]; } evbox;
  memset(&evbox, CANARY, sizeof evbox);
  evbox.ev.struct_size = sizeof evbox;
  rt_key *ek = new_key(&CIPHERS[2], 0, 1);
  CHECK(rt_key_next_event(ek, &evbox.ev) == RT_OK && evbox.ev.type == RT_KEY_EVENT_NONE && evbox.ev.struct_size == sizeof evbox
        && all_canary(evbox.tail, sizeof evbox.tail), "next_event struct_size %zu (> sizeof): tail untouched", sizeof evbox);
  rt_key_free(ek);
  rt_key_event ev;
  memset(&ev, 0, sizeof ev);
  ev.struct_size = 4;
  rt_key *kk = new_key(&CIPHERS[3], 0, 1);
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_next_event(kk, &ev));
  rt_key_free(kk);
  rt_device_close(dev);
  uint32_t v;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32(dev, 0x1000, &v));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_key_count(dev, &count));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_set_key(dev, NULL, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_del_key(dev, NULL, 0, 0));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_load_firmware(dev, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_mcu_command(dev, 0x31, 0, 0));
  rt_device_close(dev); /* twice: quiet */
  CHECK(1, "closing a closed device is quiet");
}

/* ------------------------------------------------------------------------------------------ */
/* Concurrency: different objects on different threads work at the same time                 */

#define THREADS 4
#define FRAMES 2000

struct worker { int index; int failures; int frames; int batch_frames; int error_ok; int device_ok; };
static pthread_barrier_t start_line;

static void *worker(void *arg) {
  struct worker *w = arg;
  static const char *chips[THREADS] = {"emu:rt2860", "emu:rt3090", "emu:rt2870", "emu:rt3070"};
  static const int ciphers[THREADS] = {RT_CIPHER_CCMP, RT_CIPHER_TKIP, RT_CIPHER_GCMP256, RT_CIPHER_CCMP256};
  const cipher_info *ci = &CIPHERS[ciphers[w->index] - 1];
  rt_device *dev = NULL;
  w->device_ok = rt_device_open(chips[w->index], &dev) == RT_OK;
  pthread_barrier_wait(&start_line);
  /* four firmware loads and MCU commands at once, one per device */
  w->device_ok &= rt_device_load_firmware(dev, NULL) == RT_OK;
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  w->device_ok &= rt_device_get_info(dev, &info) == RT_OK && info.firmware_loaded == 1;
  uint32_t mcu = 0;
  w->device_ok &= rt_device_mcu_probe(dev, 0x31, 0, 0, &mcu, NULL) == RT_OK && (mcu == 1 || mcu == 0xff);
  uint8_t tk[32];
  key_material(tk, 32, (uint8_t)(100 + w->index));
  uint8_t peer[6] = {0x02, 0x10, 0x20, 0x30, 0x40, (uint8_t)w->index};
  int pl = 0;
  w->device_ok &= set_key_p(dev, sizeof(rt_key_params), ci->cipher, peer, 0, 1, NULL, 0, tk, ci->key_len, 0, &pl) == RT_OK;
  rt_key *twin = NULL, *peer_key = NULL;
  w->device_ok &= rt_device_get_key(dev, peer, 0, 0, &twin) == RT_OK;
  uint8_t pk[32];
  memcpy(pk, tk, 32);
  if (ci->cipher == RT_CIPHER_TKIP) { memcpy(pk + 16, tk + 24, 8); memcpy(pk + 24, tk + 16, 8); }
  rt_key_new(ci->cipher, pk, ci->key_len, 0, &peer_key);
  pthread_barrier_wait(&start_line);
  uint8_t f[600], e[700], d[700];
  for (int i = 0; i < FRAMES; i++) {
    size_t n = make_frame(f, i % 3 == 0 ? F_QOS3 : F_DATA3, i % 8, 16 + (size_t)((i * 37 + w->index) % 500), (uint8_t)(i + w->index));
    size_t el = 0, dl = 0;
    if (rt_frame_encrypt(twin, f, n, e, sizeof e, &el) != RT_OK || rt_frame_decrypt(peer_key, e, el, d, sizeof d, &dl) != RT_OK
        || dl != n || memcmp(d, f, n) != 0) w->failures++;
    else w->frames++;
    if (i % 100 == 50) {
      /* a failure of this thread's own making: its rt_last_error must name its own value */
      rt_key *bad = NULL;
      int id = 40 + w->index;
      if (rt_key_new(RT_CIPHER_CCMP, tk, 16, id, &bad) == RT_ERR_INVALID_ARGUMENT) {
        char want[16];
        snprintf(want, sizeof want, "%d", id);
        w->error_ok += strstr(rt_last_error(), want) != NULL;
      }
      /* and a batch of 8 */
      uint8_t bin[8][200], benc[8][260], bdec[8][260];
      rt_frame_op ops[8];
      for (int j = 0; j < 8; j++) {
        size_t bn = make_frame(bin[j], F_QOS3, j, 100 + (size_t)j, (uint8_t)(j + i));
        ops[j] = (rt_frame_op){bin[j], bn, benc[j], sizeof benc[j], 0, 0};
      }
      if (rt_frame_encrypt_batch(twin, ops, 8) != RT_OK) { w->failures++; continue; }
      rt_frame_op dops[8];
      for (int j = 0; j < 8; j++) dops[j] = (rt_frame_op){benc[j], ops[j].out_len, bdec[j], sizeof bdec[j], 0, 0};
      if (rt_frame_decrypt_batch(peer_key, dops, 8) != RT_OK) { w->failures++; continue; }
      for (int j = 0; j < 8; j++)
        if (dops[j].out_len == ops[j].in_len && memcmp(bdec[j], bin[j], ops[j].in_len) == 0) w->batch_frames++;
        else w->failures++;
    }
    if (i % 250 == 0) {
      uint32_t v = 0;
      if (rt_device_read32(dev, 0x1000, &v) != RT_OK || (v >> 16) == 0) w->failures++;
    }
  }
  rt_key_free(twin);
  rt_key_free(peer_key);
  rt_device_close(dev);
  return NULL;
}

static void concurrency(void) {
  printf("# concurrency: %d threads x %d frames, each with its own device, keys and errors\n", THREADS, FRAMES);
  pthread_t t[THREADS];
  struct worker w[THREADS];
  pthread_barrier_init(&start_line, NULL, THREADS);
  for (int i = 0; i < THREADS; i++) {
    memset(&w[i], 0, sizeof w[i]);
    w[i].index = i;
    pthread_create(&t[i], NULL, worker, &w[i]);
  }
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  pthread_barrier_destroy(&start_line);
  for (int i = 0; i < THREADS; i++)
    CHECK(w[i].device_ok && w[i].failures == 0 && w[i].frames == FRAMES && w[i].batch_frames == 8 * (FRAMES / 100) && w[i].error_ok == FRAMES / 100,
          "thread %d: device %d, %d frames + %d batch frames verified, %d failures, own error seen %d times",
          i, w[i].device_ok, w[i].frames, w[i].batch_frames, w[i].failures, w[i].error_ok);
}

int main(void) {
  tap_crypto_path(0); /* test_frames reports a path this machine lacks */
  general_rules();
  key_lengths_and_ids();
  pn_ranges();
  pn_byte_order();
  round_trips();
  tkip_layout();
  decrypt_checks();
  buffer_rules();
  batches();
  device_specs();
  device_info_sizes();
  firmware_search();
  set_key_contract();
  device_null_args();
  concurrency();
  return tap_done();
}
