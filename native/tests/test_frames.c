/* Frame protection through the C ABI, as a supplicant links it: IEEE vectors (CCMP, WEP, TKIP,
 * BIP), encrypt + decrypt with separate buffers and in place, batches, BUFFER_TOO_SMALL with the
 * needed size and nothing written past out_cap, specific failure statuses with no state change,
 * TKIP fragmentation/defragmentation, Michael MIC failure events and countermeasures, NULL
 * arguments, forged and double-freed key handles. */
#include <stdint.h>
#include <stdlib.h>
#include "tap.h"

static size_t hex(const char *s, uint8_t *out) {
  size_t n = 0;
  while (s[0] && s[1]) {
    unsigned v;
    sscanf(s, "%2x", &v);
    out[n++] = (uint8_t)v;
    s += 2;
  }
  return n;
}

/* CCMP-128 vector (802.11i D7.0 I.7.4 mpdu 1 = 802.11-2012 M.6.4); the plaintext's Protected bit cleared. */
static const char *CCMP_TK = "c97c1f67ce371185514a8a19f2bdd52f";
static const char *CCMP_PT = "0808c32c0fd2e128a57c5030f1844408abaea5b8fcba8033f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050";
static const char *CCMP_CT = "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba80330ce70020769703b5f3d0a2fe9a3dbf2342a643e43246e80c3c04d0197845ce0b16f97623";
static const uint64_t CCMP_PN = 0xb5039776e70cULL;

#define CANARY 0xA5

static int canary_ok(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) if (p[i] != CANARY) return 0;
  return 1;
}

static void ccmp_tests(void) {
  uint8_t tk[16], pt[64], ct[128], out[256], buf[256];
  hex(CCMP_TK, tk);
  size_t pt_len = hex(CCMP_PT, pt), ct_len = hex(CCMP_CT, ct), out_len = 0;
  rt_key *tx = NULL, *rx = NULL, *wrong = NULL;
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_CCMP, tk, 16, 0, &tx));
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_CCMP, tk, 16, 0, &rx));
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_CCMP, tk, 16, 1, &wrong));

  /* Separate buffers. */
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(tx, CCMP_PN));
  memset(out, CANARY, sizeof out);
  CHECK_STATUS(RT_OK, rt_frame_encrypt(tx, pt, pt_len, out, sizeof out, &out_len));
  CHECK(out_len == ct_len && memcmp(out, ct, ct_len) == 0, "CCMP vector encrypts to the stated MPDU (separate buffers)");
  uint64_t next = 0;
  CHECK(rt_key_get_tx_pn(tx, &next) == RT_OK && next == CCMP_PN + 1, "TX PN advanced to 0x%llx", (unsigned long long)next);

  /* In place. */
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(tx, CCMP_PN));
  memset(buf, CANARY, sizeof buf);
  memcpy(buf, pt, pt_len);
  CHECK_STATUS(RT_OK, rt_frame_encrypt(tx, buf, pt_len, buf, ct_len, &out_len));
  CHECK(out_len == ct_len && memcmp(buf, ct, ct_len) == 0 && canary_ok(buf + ct_len, 16), "CCMP vector encrypts in place, nothing past out_cap");

  /* BUFFER_TOO_SMALL: needed size reported, nothing written, PN not consumed. */
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(tx, CCMP_PN));
  memset(out, CANARY, sizeof out);
  out_len = 0;
  CHECK_STATUS(RT_ERR_BUFFER_TOO_SMALL, rt_frame_encrypt(tx, pt, pt_len, out, ct_len - 1, &out_len));
  CHECK(out_len == ct_len && canary_ok(out, sizeof out), "encrypt BUFFER_TOO_SMALL reports %zu needed and writes nothing", out_len);
  CHECK(rt_key_get_tx_pn(tx, &next) == RT_OK && next == CCMP_PN, "a failed encrypt consumes no PN");
  out_len = 0;
  CHECK_STATUS(RT_ERR_BUFFER_TOO_SMALL, rt_frame_encrypt(tx, pt, pt_len, NULL, 0, &out_len));
  CHECK(out_len == ct_len, "size query (out NULL, out_cap 0) reports %zu", out_len);

  /* Decrypt: separate buffers, replay, in place. */
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, -1, CCMP_PN - 1));
  memset(out, CANARY, sizeof out);
  CHECK_STATUS(RT_ERR_BUFFER_TOO_SMALL, rt_frame_decrypt(rx, ct, ct_len, out, pt_len - 1, &out_len));
  CHECK(out_len == pt_len && canary_ok(out, sizeof out), "decrypt BUFFER_TOO_SMALL reports %zu needed and writes nothing", out_len);
  CHECK_STATUS(RT_OK, rt_frame_decrypt(rx, ct, ct_len, out, sizeof out, &out_len));
  CHECK(out_len == pt_len && memcmp(out, pt, pt_len) == 0, "CCMP vector decrypts to the plaintext MPDU (separate buffers)");
  uint64_t last = 0;
  CHECK(rt_key_get_rx_pn(rx, 16, &last) == RT_OK && last == CCMP_PN, "non-QoS replay counter is now the vector's PN");
  CHECK_STATUS(RT_ERR_REPLAY, rt_frame_decrypt(rx, ct, ct_len, out, sizeof out, &out_len));
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, 16, CCMP_PN - 1));
  memset(buf, CANARY, sizeof buf);
  memcpy(buf, ct, ct_len);
  CHECK_STATUS(RT_OK, rt_frame_decrypt(rx, buf, ct_len, buf, ct_len, &out_len));
  CHECK(out_len == pt_len && memcmp(buf, pt, pt_len) == 0 && canary_ok(buf + ct_len, 16), "CCMP vector decrypts in place");

  /* Failures: specific status, replay counter unchanged. */
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, -1, CCMP_PN - 1));
  memcpy(buf, ct, ct_len);
  buf[ct_len - 1] ^= 0x01;
  CHECK_STATUS(RT_ERR_MIC, rt_frame_decrypt(rx, buf, ct_len, out, sizeof out, &out_len));
  CHECK(strstr(rt_last_error(), "MIC") != NULL, "the MIC error explains itself: \"%s\"", rt_last_error());
  CHECK_STATUS(RT_ERR_NO_KEY, rt_frame_decrypt(wrong, ct, ct_len, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, ct, 30, out, sizeof out, &out_len));
  memcpy(buf, ct, ct_len);
  buf[24 + 3] &= (uint8_t)~0x20; /* ExtIV cleared */
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, buf, ct_len, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, pt, pt_len, out, sizeof out, &out_len)); /* not protected */
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(tx, ct, ct_len, out, sizeof out, &out_len)); /* already protected */
  CHECK(rt_key_get_rx_pn(rx, 16, &last) == RT_OK && last == CCMP_PN - 1, "failed frames left the replay counter alone");
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_decrypt(rx, ct, ct_len, ct + 1, ct_len, &out_len)); /* partial overlap */
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, ct, 0, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, ct, (size_t)1 << 40, out, sizeof out, &out_len)); /* a lying in_len is refused unread */
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_encrypt(tx, pt, 23, out, sizeof out, &out_len));

  /* Replay counters: TIDs, 16, 17 (management), -1. */
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, 5, 77));
  CHECK(rt_key_get_rx_pn(rx, 5, &last) == RT_OK && last == 77, "TID 5 counter set and read back");
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, 16, 500));
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, RT_RX_TID_MGMT, 900));
  CHECK(rt_key_get_rx_pn(rx, 16, &last) == RT_OK && last == 900, "counter 16 reads the larger of non-QoS and management");
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_set_rx_pn(rx, 18, 1));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_set_rx_pn(rx, -2, 1));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_set_tx_pn(tx, 1ULL << 48));

  /* Batches: PNs in array order; a replay in the middle fails only that op. */
  uint8_t bin[3][64], bout[3][128];
  rt_frame_op ops[3];
  for (int i = 0; i < 3; i++) {
    memcpy(bin[i], pt, pt_len);
    bin[i][30] = (uint8_t)i;
    ops[i] = (rt_frame_op){bin[i], pt_len, bout[i], sizeof bout[i], 0, 99};
  }
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(tx, 1000));
  CHECK_STATUS(RT_OK, rt_frame_encrypt_batch(tx, ops, 3));
  int order_ok = 1;
  for (int i = 0; i < 3; i++) order_ok &= ops[i].status == RT_OK && ops[i].out_len == ct_len && bout[i][24] == (uint8_t)(1000 + i);
  CHECK(order_ok, "batch encrypt: every op OK, PNs 1000..1002 in array order");
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, -1, 0));
  uint8_t dout[3][128];
  rt_frame_op dops[3] = {
    {bout[0], ct_len, dout[0], sizeof dout[0], 0, 99},
    {bout[0], ct_len, dout[1], sizeof dout[1], 0, 99}, /* the same frame again: a replay */
    {bout[2], ct_len, dout[2], sizeof dout[2], 0, 99},
  };
  CHECK_STATUS(RT_ERR_REPLAY, rt_frame_decrypt_batch(rx, dops, 3));
  CHECK(dops[0].status == RT_OK && dops[1].status == RT_ERR_REPLAY && dops[2].status == RT_OK
        && memcmp(dout[2], bin[2], pt_len) == 0, "batch decrypt: per-op statuses OK, REPLAY, OK and plaintext back");
  CHECK_STATUS(RT_OK, rt_frame_decrypt_batch(rx, NULL, 0));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_decrypt_batch(rx, NULL, 2));

  /* NULL arguments. */
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(tx, NULL, 10, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(tx, pt, pt_len, out, sizeof out, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_decrypt(rx, ct, ct_len, NULL, 100, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_get_rx_pn(rx, 0, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_get_tx_pn(tx, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_next_event(rx, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_set_frame_flags(rx, 0x80));

  rt_key_free(tx);
  rt_key_free(rx);
  rt_key_free(wrong);
}

/* 802.11i mpdu 3: a QoS frame with Order = 1 and no HT Control (pre-HT rules). */
static void pre_ht_vector(void) {
  uint8_t tk[16], pt[64], ct[128], out[128];
  hex("40cfb7a62e88013bd6d3affcc191041e", tk);
  size_t pt_len = hex("b888dc61d9577df763c8b6a88adf3691dc4a8bca94dd608220852c1bd036831c95496c5f4dbf3d559e72de802a18", pt);
  size_t ct_len = hex("b8c8dc61d9577df763c8b6a88adf3691dc4a8bca94dd60822085aea500a0f3a0dc2f89d8580340b626a0b6d4d013bf18f291b89646c8fd1f1f61a9fb4bb3", ct);
  size_t out_len = 0;
  rt_key *k = NULL;
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_CCMP, tk, 16, 2, &k));
  CHECK_STATUS(RT_OK, rt_key_set_frame_flags(k, RT_FRAME_FLAG_PRE_HT_ORDER));
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(k, 0x2fdca0f3a5aeULL));
  CHECK_STATUS(RT_OK, rt_frame_encrypt(k, pt, pt_len, out, sizeof out, &out_len));
  CHECK(out_len == ct_len && memcmp(out, ct, ct_len) == 0, "802.11i QoS/Order vector with RT_FRAME_FLAG_PRE_HT_ORDER");
  CHECK_STATUS(RT_OK, rt_frame_decrypt(k, ct, ct_len, out, sizeof out, &out_len));
  uint64_t last = 0;
  CHECK(out_len == pt_len && memcmp(out, pt, pt_len) == 0 && rt_key_get_rx_pn(k, 0, &last) == RT_OK && last == 0x2fdca0f3a5aeULL,
        "decrypted back; TID 0 counter holds the PN");
  rt_key_free(k);
}

static void wep_and_bip(void) {
  uint8_t key[16], pt[128], ct[160], out[192];
  size_t out_len = 0;
  rt_key *k = NULL;
  hex("3031323334", key);
  size_t pt_len = hex("0808c32c0fd2e128a57c5030f1844408abaea5b8fcba8033aaaa0300000008004500004e661a00008011be640a0001220affffff00890089003a000080a601100001000000000000204543454a454845434643455046454549454646434341434143414341434141410000200001", pt);
  size_t ct_len = hex("0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033fb029e80f69c5806bd6ce84626bcbefb9474650aad1f7909b0f64d5f58a503a258b7ed22eb0ea64930d3a056a55742fcce141d485f8aa836dea18df42c5380805ad0c61a5d6f58f41040b24b7d1a693856ed0d4398e7aee3bf0e2a2ca8f7", ct);
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_WEP40, key, 5, 2, &k));
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(k, 0xfb029e));
  CHECK_STATUS(RT_OK, rt_frame_encrypt(k, pt, pt_len, out, sizeof out, &out_len));
  CHECK(out_len == ct_len && memcmp(out, ct, ct_len) == 0, "WEP-40 vector: IV number 0xfb029e sent as fb 02 9e");
  CHECK_STATUS(RT_OK, rt_frame_decrypt(k, ct, ct_len, out, sizeof out, &out_len));
  CHECK(out_len == pt_len && memcmp(out, pt, pt_len) == 0, "WEP-40 vector decrypts");
  memcpy(out, ct, ct_len);
  out[40] ^= 0x10;
  CHECK_STATUS(RT_ERR_ICV, rt_frame_decrypt(k, out, ct_len, out, ct_len, &out_len));
  rt_key_free(k);

  hex("4ea9543e09cf2b1eca66ffc58bdecbcf", key);
  pt_len = hex("c0000000ffffffffffff02000000000002000000000009000200", pt);
  ct_len = hex("c0000000ffffffffffff020000000000020000000000090002004c10040004000000000048dfbfa7b8278872", ct);
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_BIP_CMAC128, key, 16, 0, &k));
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_BIP_CMAC128, key, 16, 4, &k));
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(k, 4));
  CHECK_STATUS(RT_OK, rt_frame_encrypt(k, pt, pt_len, out, sizeof out, &out_len));
  CHECK(out_len == ct_len && memcmp(out, ct, ct_len) == 0, "BIP-CMAC-128 vector: MME appended");
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(k, 16, 3));
  CHECK_STATUS(RT_OK, rt_frame_decrypt(k, ct, ct_len, out, sizeof out, &out_len));
  CHECK(out_len == pt_len && memcmp(out, pt, pt_len) == 0, "BIP-CMAC-128 verifies and strips the MME");
  CHECK_STATUS(RT_ERR_REPLAY, rt_frame_decrypt(k, ct, ct_len, out, sizeof out, &out_len));
  rt_key_free(k);

  hex("4ea9543e09cf2b1eca66ffc58bdecbcf", key);
  ct_len = hex("c0000000ffffffffffff020000000000020000000000090002004c1804000400000000003ed862fb0f3338dd3386c897e2ed053d", ct);
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_BIP_GMAC128, key, 16, 4, &k));
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(k, 4));
  CHECK_STATUS(RT_OK, rt_frame_encrypt(k, pt, pt_len, out, sizeof out, &out_len));
  CHECK(out_len == ct_len && memcmp(out, ct, ct_len) == 0, "BIP-GMAC-128 vector (rtdriver addition)");
  rt_key_free(k);
}

/* TKIP: the 802.11 vector, fragmentation and defragmentation, MIC failures and countermeasures. */
static void tkip_tests(void) {
  uint8_t key[32], rxkey[32], badkey[32], pt[160], ct[200], out[2400], frags[2400], msdu[1100];
  size_t out_len = 0;
  hex("1234567890123456789012345678901234567890123456789012345678901234", key);
  memcpy(rxkey, key, 16); memcpy(rxkey + 16, key + 24, 8); memcpy(rxkey + 24, key + 16, 8);
  size_t pt_len = hex("08022c00020304050608020304050607020304050607d002aaaa03000000080045000054000040004001a555c0a80a02c0a80a0108003ab000000000cd4c05000000000008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637", pt);
  size_t ct_len = hex("08422c00020304050608020304050607020304050607d0020020012000000000c00e14fce7cfabc77547e666e57c0dac704a1e358a88c11c8e2e282e3801027a4656055ee93e9c254702e9735805ddb5769ba73f1ebb56e844ef912285d3dd6e541e823873558adba079068abd7f7f50959675acc4b4de9aa99c05f289a7c52fee5bfc14f6f8e5f8", ct);
  rt_key *tx = NULL, *rx = NULL, *bad = NULL;
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_TKIP, key, 32, 0, &tx));
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_TKIP, rxkey, 32, 0, &rx));
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(tx, 1));
  CHECK_STATUS(RT_OK, rt_frame_encrypt(tx, pt, pt_len, out, sizeof out, &out_len));
  CHECK(out_len == ct_len && memcmp(out, ct, ct_len) == 0, "TKIP vector: Michael, IV/ExtIV, RC4, ICV");
  CHECK_STATUS(RT_OK, rt_frame_decrypt(rx, ct, ct_len, out, sizeof out, &out_len));
  CHECK(out_len == pt_len && memcmp(out, pt, pt_len) == 0, "TKIP vector decrypts with the mirrored Michael keys");

  /* Fragmentation: a 1000-byte MSDU in MPDUs of at most 300 bytes. */
  memcpy(msdu, pt, 24);
  for (int i = 0; i < 1000; i++) msdu[24 + i] = (uint8_t)(i * 7);
  size_t lens[16], count = 0, total = 0;
  CHECK_STATUS(RT_ERR_BUFFER_TOO_SMALL, rt_frame_encrypt_msdu(tx, msdu, 1024, 300, frags, 100, &total, lens, 16, &count));
  CHECK(count == 4 && total > 1024, "encrypt_msdu BUFFER_TOO_SMALL says %zu fragments, %zu bytes", count, total);
  CHECK_STATUS(RT_OK, rt_frame_encrypt_msdu(tx, msdu, 1024, 300, frags, sizeof frags, &total, lens, 16, &count));
  int frag_ok = count == 4;
  for (size_t i = 0; i < count; i++) frag_ok &= lens[i] <= 300;
  CHECK(frag_ok, "1000-byte MSDU + MIC in %zu fragments of at most 300 bytes", count);
  size_t off = 0;
  int complete = -1, all = 1;
  for (size_t i = 0; i < count; i++) {
    int s = rt_frame_decrypt_msdu(rx, frags + off, lens[i], out, sizeof out, &out_len, &complete);
    all &= s == RT_OK && complete == (i + 1 == count);
    off += lens[i];
  }
  CHECK(all && out_len == 1024 && memcmp(out + 24, msdu + 24, 1000) == 0 && (out[1] & 0x44) == 0,
        "fragments reassemble into the MSDU; Michael verified over it");
  CHECK_STATUS(RT_ERR_MALFORMED_FRAME, rt_frame_decrypt(rx, frags, lens[0], out, sizeof out, &out_len));

  /* Michael MIC failures: a sender with a different Michael key (ICV still good). */
  memcpy(badkey, key, 32);
  badkey[16] ^= 0xff;
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_TKIP, badkey, 32, 0, &bad));
  CHECK_STATUS(RT_OK, rt_key_set_tx_pn(bad, 5000));
  rt_key_event ev;
  memset(&ev, 0, sizeof ev);
  ev.struct_size = sizeof ev;
  CHECK(rt_key_next_event(rx, &ev) == RT_OK && ev.type == RT_KEY_EVENT_NONE, "no event before any failure");
  CHECK_STATUS(RT_OK, rt_frame_encrypt(bad, pt, pt_len, out, sizeof out, &out_len));
  uint64_t before = 0, after = 0;
  rt_key_get_rx_pn(rx, 16, &before);
  CHECK_STATUS(RT_ERR_MIC, rt_frame_decrypt(rx, out, out_len, out, out_len, &out_len));
  rt_key_get_rx_pn(rx, 16, &after);
  CHECK(before == after, "a Michael failure does not move the replay counter");
  memset(&ev, 0, sizeof ev);
  ev.struct_size = sizeof ev;
  CHECK(rt_key_next_event(rx, &ev) == RT_OK && ev.type == RT_KEY_EVENT_MICHAEL_MIC_FAILURE && ev.group == 0
        && ev.tsc == 5000 && ev.key_id == 0 && memcmp(ev.src_addr, "\x02\x03\x04\x05\x06\x07", 6) == 0 && ev.countermeasures == 0,
        "MIC failure event: pairwise, TSC 5000, transmitter 02:03:04:05:06:07");
  int active = -1;
  CHECK(rt_key_get_countermeasures(rx, &active) == RT_OK && active == 0, "one failure: no countermeasures yet");
  CHECK_STATUS(RT_OK, rt_frame_encrypt(bad, pt, pt_len, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_MIC, rt_frame_decrypt(rx, out, out_len, out, out_len, &out_len));
  memset(&ev, 0, sizeof ev);
  ev.struct_size = 8; /* an older, smaller struct gets type only */
  CHECK(rt_key_next_event(rx, &ev) == RT_OK && ev.type == RT_KEY_EVENT_MICHAEL_MIC_FAILURE && ev.tsc == 0,
        "struct_size 8 receives only the type");
  CHECK(rt_key_get_countermeasures(rx, &active) == RT_OK && active == 1, "second failure within 60 s: countermeasures");
  CHECK_STATUS(RT_ERR_STATE, rt_frame_decrypt(rx, ct, ct_len, out, sizeof out, &out_len));
  CHECK_STATUS(RT_ERR_STATE, rt_frame_encrypt(rx, pt, pt_len, out, sizeof out, &out_len));
  CHECK_STATUS(RT_OK, rt_key_clear_countermeasures(rx));
  CHECK_STATUS(RT_OK, rt_key_set_rx_pn(rx, -1, 0));
  CHECK_STATUS(RT_OK, rt_frame_decrypt(rx, ct, ct_len, out, sizeof out, &out_len));
  CHECK(1, "after rt_key_clear_countermeasures the key works again");
  rt_key_free(tx); rt_key_free(rx); rt_key_free(bad);
}

static void handles(void) {
  uint8_t key[16] = {0}, buf[64] = {0};
  size_t out_len = 0, count = 0, lens[4];
  int complete = 0, active = 0;
  uint64_t pn = 0;
  rt_key_event ev = {sizeof ev, 0, 0, 0, 0, {0}, 0, 0};
  rt_key *k = NULL;
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_CCMP, key, 16, 0, &k));
  rt_key_free(k);
  rt_key_free(k); /* double free: quiet */
  static const uintptr_t forged[] = {0x1, 0xdeadbeef, UINTPTR_MAX, 0xA};
  rt_key *handles[5] = {k, (rt_key *)forged[0], (rt_key *)forged[1], (rt_key *)forged[2], (rt_key *)forged[3]};
  for (int i = 0; i < 5; i++) {
    rt_key *h = handles[i];
    rt_frame_op op = {buf, sizeof buf, buf, sizeof buf, 0, 0};
    int all = rt_key_set_tx_pn(h, 1) == RT_ERR_INVALID_ARGUMENT
      && rt_key_get_tx_pn(h, &pn) == RT_ERR_INVALID_ARGUMENT
      && rt_key_set_rx_pn(h, 0, 1) == RT_ERR_INVALID_ARGUMENT
      && rt_key_get_rx_pn(h, 0, &pn) == RT_ERR_INVALID_ARGUMENT
      && rt_key_set_frame_flags(h, 0) == RT_ERR_INVALID_ARGUMENT
      && rt_key_next_event(h, &ev) == RT_ERR_INVALID_ARGUMENT
      && rt_key_get_countermeasures(h, &active) == RT_ERR_INVALID_ARGUMENT
      && rt_key_clear_countermeasures(h) == RT_ERR_INVALID_ARGUMENT
      && rt_frame_encrypt(h, buf, sizeof buf, buf, sizeof buf, &out_len) == RT_ERR_INVALID_ARGUMENT
      && rt_frame_decrypt(h, buf, sizeof buf, buf, sizeof buf, &out_len) == RT_ERR_INVALID_ARGUMENT
      && rt_frame_encrypt_batch(h, &op, 1) == RT_ERR_INVALID_ARGUMENT
      && rt_frame_decrypt_batch(h, &op, 1) == RT_ERR_INVALID_ARGUMENT
      && rt_frame_encrypt_msdu(h, buf, sizeof buf, 100, buf, sizeof buf, &out_len, lens, 4, &count) == RT_ERR_INVALID_ARGUMENT
      && rt_frame_decrypt_msdu(h, buf, sizeof buf, buf, sizeof buf, &out_len, &complete) == RT_ERR_INVALID_ARGUMENT;
    CHECK(all, "%s handle %p rejected by every rt_key_*/rt_frame_* call", i == 0 ? "double-freed" : "forged", (void *)h);
    rt_key_free(h);
  }
  CHECK(strstr(rt_last_error(), "handle") != NULL, "the error names the handle: \"%s\"", rt_last_error());
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_TKIP, key, 16, 0, &k));
  CHECK(strstr(rt_last_error(), "16") != NULL, "wrong TKIP key length named: \"%s\"", rt_last_error());
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(12, key, 16, 0, &k));
  CHECK(k == NULL, "*out is NULL after a failed rt_key_new");
}

int main(void) {
  tap_crypto_path(1);
  ccmp_tests();
  pre_ht_vector();
  wep_and_bip();
  tkip_tests();
  handles();
  return tap_done();
}
