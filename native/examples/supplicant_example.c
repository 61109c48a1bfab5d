/*
 * supplicant_example.c — what a WPA supplicant does with librtdriver once a 4-way handshake has
 * finished: open the NIC, install the pairwise key (PTK's TK) and the group key (GTK, with the RSC
 * from message 3), protect outgoing and unprotect incoming frames, and act on TKIP Michael MIC
 * failures (report each, and on the second within 60 s run countermeasures: drop the keys and
 * rekey). The access point's side is played by plain software keys (rt_key_new).
 *
 *   make run ART=/path/to/artifacts          (SPEC=emu:rt2860 by default: no hardware needed)
 *
 * Every call's status is checked against the one expected; any surprise prints the call, the
 * status name and rt_last_error(), and the program exits 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rtdriver.h>

static int failures;

/* Runs a call, compares its status with the expected one, says what happened. */
#define EXPECT(expected, call)                                                                    \
  do {                                                                                            \
    int st_ = (call);                                                                             \
    if (st_ != (expected)) {                                                                      \
      fprintf(stderr, "UNEXPECTED %s -> %s (wanted %s): %s\n", #call, rt_status_name(st_),        \
              rt_status_name(expected), rt_last_error());                                         \
      failures++;                                                                                 \
    }                                                                                             \
  } while (0)

#define REQUIRE(cond, ...)                                                                        \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      fprintf(stderr, "UNEXPECTED: " __VA_ARGS__);                                                \
      fputc('\n', stderr);                                                                        \
      failures++;                                                                                 \
    }                                                                                             \
  } while (0)

static const uint8_t AP_CCMP[6] = {0x00, 0x0b, 0x86, 0xc2, 0xa4, 0x85};   /* BSSID of the CCMP network */
static const uint8_t AP_TKIP[6] = {0x00, 0x0d, 0x93, 0xeb, 0xb0, 0x8c};   /* BSSID of the TKIP network */
static const uint8_t BROADCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

/* A QoS data frame carrying an LLC/SNAP + IPv4 payload. to_ds: station -> AP, else AP -> station. */
static size_t make_frame(uint8_t *f, int to_ds, const uint8_t *a1, const uint8_t *a2, const uint8_t *a3,
                         uint16_t seq, const char *text) {
  static const uint8_t snap[8] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00};
  size_t n = 0;
  f[n++] = 0x88;                       /* QoS data */
  f[n++] = to_ds ? 0x01 : 0x02;        /* ToDS or FromDS */
  f[n++] = 0; f[n++] = 0;              /* duration */
  memcpy(f + n, a1, 6); n += 6;
  memcpy(f + n, a2, 6); n += 6;
  memcpy(f + n, a3, 6); n += 6;
  f[n++] = (uint8_t)(seq << 4); f[n++] = (uint8_t)(seq >> 4);
  f[n++] = 0; f[n++] = 0;              /* QoS control: TID 0 */
  memcpy(f + n, snap, sizeof snap); n += sizeof snap;
  size_t len = strlen(text);
  memcpy(f + n, text, len); n += len;
  return n;
}

/* The plaintext a receiver gets equals what was sent (the Protected bit is clear on both). */
static int same_frame(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen) {
  return alen == blen && memcmp(a, b, alen) == 0;
}

static const char *placement_name(int p) { return p == RT_PLACED_HARDWARE ? "hardware" : "software"; }

int main(int argc, char **argv) {
  const char *spec = argc > 1 ? argv[1] : "emu:rt2860";
  rt_device *dev = NULL;
  int st = rt_device_open(spec, &dev);
  if (st != RT_OK) {
    fprintf(stderr, "cannot open %s: %s: %s\n", spec, rt_status_name(st), rt_last_error());
    return 1;
  }
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  EXPECT(RT_OK, rt_device_get_info(dev, &info));
  EXPECT(RT_OK, rt_device_load_firmware(dev, NULL));
  printf("opened %s: %s, chip %04x, MAC %02x:%02x:%02x:%02x:%02x:%02x, %u pairwise key slots\n", spec, info.name,
         info.chip_id, info.mac[0], info.mac[1], info.mac[2], info.mac[3], info.mac[4], info.mac[5], info.hw_key_slots);
  const uint8_t *me = info.mac;

  /* ---- 1. WPA2/CCMP: keys as after the 4-way handshake ---------------------------------- */
  const uint8_t tk[16] = {0x1d, 0x03, 0x5e, 0x8b, 0xeb, 0x4f, 0x83, 0x61, 0x1d, 0xc9, 0x3e, 0x26, 0x57, 0xce, 0xcf, 0x69};
  const uint8_t gtk[16] = {0xd8, 0x79, 0x3b, 0x69, 0xed, 0x6d, 0x1a, 0xa9, 0xcf, 0x76, 0x24, 0x41, 0x23, 0xf5, 0x72, 0x8d};
  const uint8_t rsc[6] = {0x05, 0x00, 0x00, 0x00, 0x00, 0x00};      /* Key RSC of message 3: last group PN 5 */
  int placement = 0;
  rt_key_params p;
  memset(&p, 0, sizeof p);
  p.struct_size = sizeof p;
  p.cipher = RT_CIPHER_CCMP; p.addr = AP_CCMP; p.key_id = 0; p.set_tx = 1;
  p.key = tk; p.key_len = sizeof tk; p.flags = RT_KEY_PAIRWISE;
  EXPECT(RT_OK, rt_device_set_key(dev, &p, &placement));
  printf("pairwise CCMP key for %02x:..:%02x placed in %s (%s)\n", AP_CCMP[0], AP_CCMP[5], placement_name(placement), rt_last_error());
  memset(&p, 0, sizeof p);
  p.struct_size = sizeof p;
  p.cipher = RT_CIPHER_CCMP; p.addr = NULL; p.key_id = 1; p.set_tx = 0;
  p.seq = rsc; p.seq_len = sizeof rsc; p.key = gtk; p.key_len = sizeof gtk; p.flags = RT_KEY_GROUP;
  EXPECT(RT_OK, rt_device_set_key(dev, &p, &placement));
  printf("group CCMP key id 1 placed in %s\n", placement_name(placement));

  /* The frame path uses each device key's software twin (same PN and replay state). */
  rt_key *ptk = NULL, *group = NULL;
  EXPECT(RT_OK, rt_device_get_key(dev, AP_CCMP, 0, RT_KEY_PAIRWISE, &ptk));
  EXPECT(RT_OK, rt_device_get_key(dev, NULL, 1, RT_KEY_GROUP, &group));
  /* The access point's side of the same keys. */
  rt_key *ap_ptk = NULL, *ap_gtk = NULL;
  EXPECT(RT_OK, rt_key_new(RT_CIPHER_CCMP, tk, sizeof tk, 0, &ap_ptk));
  EXPECT(RT_OK, rt_key_new(RT_CIPHER_CCMP, gtk, sizeof gtk, 1, &ap_gtk));

  uint8_t plain[256], prot[320], out[320];
  size_t plen, clen, olen;

  /* TX: the station protects, the AP unprotects. */
  plen = make_frame(plain, 1, AP_CCMP, me, BROADCAST, 1, "station to AP, CCMP");
  EXPECT(RT_OK, rt_frame_encrypt(ptk, plain, plen, prot, sizeof prot, &clen));
  REQUIRE(clen == plen + 16, "CCMP adds 16 bytes (header + MIC), got %zu", clen - plen);
  EXPECT(RT_OK, rt_frame_decrypt(ap_ptk, prot, clen, out, sizeof out, &olen));
  REQUIRE(same_frame(out, olen, plain, plen), "AP recovered the station's frame");

  /* RX: the AP protects, the station unprotects; a retransmission is a replay. */
  plen = make_frame(plain, 0, me, AP_CCMP, AP_CCMP, 2, "AP to station, CCMP");
  EXPECT(RT_OK, rt_frame_encrypt(ap_ptk, plain, plen, prot, sizeof prot, &clen));
  EXPECT(RT_OK, rt_frame_decrypt(ptk, prot, clen, out, sizeof out, &olen));
  REQUIRE(same_frame(out, olen, plain, plen), "station recovered the AP's frame");
  EXPECT(RT_ERR_REPLAY, rt_frame_decrypt(ptk, prot, clen, out, sizeof out, &olen));

  /* Group traffic: PN 5 (the RSC) was already seen; PN 6 is new. */
  plen = make_frame(plain, 0, BROADCAST, AP_CCMP, AP_CCMP, 3, "AP to everyone, group key");
  EXPECT(RT_OK, rt_key_set_tx_pn(ap_gtk, 5));
  EXPECT(RT_OK, rt_frame_encrypt(ap_gtk, plain, plen, prot, sizeof prot, &clen));
  EXPECT(RT_ERR_REPLAY, rt_frame_decrypt(group, prot, clen, out, sizeof out, &olen));
  EXPECT(RT_OK, rt_frame_encrypt(ap_gtk, plain, plen, prot, sizeof prot, &clen));
  EXPECT(RT_OK, rt_frame_decrypt(group, prot, clen, out, sizeof out, &olen));
  REQUIRE(same_frame(out, olen, plain, plen), "station recovered the group frame");
  /* A frame for another key id is not ours. */
  EXPECT(RT_ERR_NO_KEY, rt_frame_decrypt(ptk, prot, clen, out, sizeof out, &olen));
  printf("CCMP: protected and unprotected unicast and group frames; replay and wrong key id refused\n");

  /* ---- 2. WPA/TKIP: Michael keys, MIC failures, countermeasures ---------------------------- */
  /* PTK bytes 32..63: TK | Michael key of the AP's (Authenticator's) transmissions | of the station's. */
  uint8_t tkip_tk[16], mic_ap[8], mic_sta[8];
  for (int i = 0; i < 16; i++) tkip_tk[i] = (uint8_t)(0x40 + i);
  for (int i = 0; i < 8; i++) { mic_ap[i] = (uint8_t)(0xa0 + i); mic_sta[i] = (uint8_t)(0xb0 + i); }
  uint8_t sta_key[32], ap_key[32], bad_ap_key[32];
  /* rt_key layout, from each side: TK | MIC key this side transmits with | MIC key it receives with. */
  memcpy(sta_key, tkip_tk, 16); memcpy(sta_key + 16, mic_sta, 8); memcpy(sta_key + 24, mic_ap, 8);
  memcpy(ap_key, tkip_tk, 16);  memcpy(ap_key + 16, mic_ap, 8);   memcpy(ap_key + 24, mic_sta, 8);
  memcpy(bad_ap_key, ap_key, 32); bad_ap_key[16] ^= 0xff;            /* an AP (or attacker) with the wrong Michael key */

  memset(&p, 0, sizeof p);
  p.struct_size = sizeof p;
  p.cipher = RT_CIPHER_TKIP; p.addr = AP_TKIP; p.key_id = 0; p.set_tx = 1;
  p.key = sta_key; p.key_len = sizeof sta_key; p.flags = RT_KEY_PAIRWISE;
  EXPECT(RT_OK, rt_device_set_key(dev, &p, &placement));
  printf("pairwise TKIP key placed in %s\n", placement_name(placement));
  rt_key *tkip = NULL, *ap_tkip = NULL, *forger = NULL;
  EXPECT(RT_OK, rt_device_get_key(dev, AP_TKIP, 0, RT_KEY_PAIRWISE, &tkip));
  EXPECT(RT_OK, rt_key_new(RT_CIPHER_TKIP, ap_key, sizeof ap_key, 0, &ap_tkip));
  EXPECT(RT_OK, rt_key_new(RT_CIPHER_TKIP, bad_ap_key, sizeof bad_ap_key, 0, &forger));

  plen = make_frame(plain, 1, AP_TKIP, me, BROADCAST, 4, "station to AP, TKIP");
  EXPECT(RT_OK, rt_frame_encrypt(tkip, plain, plen, prot, sizeof prot, &clen));
  REQUIRE(clen == plen + 20, "TKIP adds IV/ExtIV 8 + Michael 8 + ICV 4, got %zu", clen - plen);
  EXPECT(RT_OK, rt_frame_decrypt(ap_tkip, prot, clen, out, sizeof out, &olen));
  REQUIRE(same_frame(out, olen, plain, plen), "AP recovered the station's TKIP frame");
  plen = make_frame(plain, 0, me, AP_TKIP, AP_TKIP, 5, "AP to station, TKIP");
  EXPECT(RT_OK, rt_frame_encrypt(ap_tkip, plain, plen, prot, sizeof prot, &clen));
  EXPECT(RT_OK, rt_frame_decrypt(tkip, prot, clen, out, sizeof out, &olen));
  REQUIRE(same_frame(out, olen, plain, plen), "station recovered the AP's TKIP frame");

  /* Two frames whose Michael MIC fails: each is an event to report; the second starts countermeasures. */
  EXPECT(RT_OK, rt_key_set_tx_pn(forger, 100));
  for (int n = 1; n <= 2; n++) {
    plen = make_frame(plain, 0, me, AP_TKIP, AP_TKIP, (uint16_t)(5 + n), "forged");
    EXPECT(RT_OK, rt_frame_encrypt(forger, plain, plen, prot, sizeof prot, &clen));
    EXPECT(RT_ERR_MIC, rt_frame_decrypt(tkip, prot, clen, out, sizeof out, &olen));
    rt_key_event ev;
    memset(&ev, 0, sizeof ev);
    ev.struct_size = sizeof ev;
    EXPECT(RT_OK, rt_key_next_event(tkip, &ev));
    REQUIRE(ev.type == RT_KEY_EVENT_MICHAEL_MIC_FAILURE, "a Michael MIC failure event (type %u)", ev.type);
    REQUIRE(!ev.group && ev.tsc == 99 + (uint64_t)n && memcmp(ev.src_addr, AP_TKIP, 6) == 0,
            "event names the pairwise key, TSC %llu and the transmitter", (unsigned long long)ev.tsc);
    REQUIRE(ev.countermeasures == (n == 2), "countermeasures start with the second failure");
    printf("MIC failure %d: send EAPOL-Key Michael MIC Failure Report (pairwise, TSC %llu)%s\n", n,
           (unsigned long long)ev.tsc, ev.countermeasures ? "; countermeasures: disassociate, rekey after 60 s" : "");
  }
  int active = 0;
  EXPECT(RT_OK, rt_key_get_countermeasures(tkip, &active));
  REQUIRE(active == 1, "countermeasures are active");
  plen = make_frame(plain, 1, AP_TKIP, me, BROADCAST, 9, "while countermeasures run");
  EXPECT(RT_ERR_STATE, rt_frame_encrypt(tkip, plain, plen, prot, sizeof prot, &clen));

  /* Countermeasures: drop the TKIP key, later install the keys of a fresh handshake. */
  EXPECT(RT_OK, rt_device_del_key(dev, AP_TKIP, 0, RT_KEY_PAIRWISE));
  EXPECT(RT_OK, rt_key_clear_countermeasures(tkip));
  rt_key_free(tkip);
  tkip = NULL;
  sta_key[0] ^= 0x5a; ap_key[0] ^= 0x5a;                                /* the new handshake's TK */
  EXPECT(RT_OK, rt_device_set_key(dev, &p, &placement));
  EXPECT(RT_OK, rt_device_get_key(dev, AP_TKIP, 0, RT_KEY_PAIRWISE, &tkip));
  rt_key_free(ap_tkip);
  EXPECT(RT_OK, rt_key_new(RT_CIPHER_TKIP, ap_key, sizeof ap_key, 0, &ap_tkip));
  plen = make_frame(plain, 0, me, AP_TKIP, AP_TKIP, 10, "after the rekey");
  EXPECT(RT_OK, rt_frame_encrypt(ap_tkip, plain, plen, prot, sizeof prot, &clen));
  EXPECT(RT_OK, rt_frame_decrypt(tkip, prot, clen, out, sizeof out, &olen));
  REQUIRE(same_frame(out, olen, plain, plen), "station recovered a frame under the new key");
  printf("TKIP: frames both ways, two MIC failures reported, countermeasures, rekey\n");

  /* ---- 3. Clean up: keys off the device, handles freed ------------------------------------- */
  size_t count = 0;
  EXPECT(RT_OK, rt_device_key_count(dev, &count));
  REQUIRE(count == 3, "3 keys installed (CCMP pairwise, CCMP group, TKIP pairwise), found %zu", count);
  EXPECT(RT_OK, rt_device_del_key(dev, AP_CCMP, 0, RT_KEY_PAIRWISE));
  EXPECT(RT_OK, rt_device_del_key(dev, NULL, 1, RT_KEY_GROUP));
  EXPECT(RT_OK, rt_device_del_key(dev, AP_TKIP, 0, RT_KEY_PAIRWISE));
  rt_key_free(ptk); rt_key_free(group); rt_key_free(ap_ptk); rt_key_free(ap_gtk);
  rt_key_free(tkip); rt_key_free(ap_tkip); rt_key_free(forger);
  rt_device_close(dev);

  if (failures) {
    fprintf(stderr, "supplicant example: %d unexpected result(s)\n", failures);
    return 1;
  }
  printf("supplicant example: all steps behaved as expected\n");
  return 0;
}
