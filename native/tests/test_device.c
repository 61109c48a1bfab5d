/* Devices as supplicants meet them: the call sequences of two supplicant logs users reported
 * (summarised below) played against every emulated flavour, plus the named faults.
 *  - Linux rt2800pci (PEAP/TKIP): four set_key alg=0 key_idx=0..3 clears at start-up (keys that
 *    were never installed — must succeed quietly), then TKIP pairwise + group keys.
 *  - FreeBSD: del_key keyidx=0..3, then set_key alg=TKIP key_idx=0 set_tx=1 seq_len=6 key_len=32
 *    ("WPA: Failed to set PTK to the driver") — here it is placed, never an error. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

_Static_assert(sizeof(rt_device_info) == 104, "rt_device_info is 104 bytes");
_Static_assert(offsetof(rt_device_info, mac) == 16, "mac at 16");
_Static_assert(offsetof(rt_device_info, bus) == 22, "bus at 22");
_Static_assert(offsetof(rt_device_info, name) == 40, "name at 40");
_Static_assert(sizeof(rt_key_params) == 64, "rt_key_params is 64 bytes on LP64");
_Static_assert(offsetof(rt_key_params, flags) == 56, "flags at 56");
_Static_assert(sizeof(rt_device_key_entry) == 224, "rt_device_key_entry is 224 bytes");
_Static_assert(offsetof(rt_device_key_entry, reason) == 32, "reason at 32");

static const uint8_t AP[6] = {0x00, 0x09, 0x5b, 0xf9, 0xb6, 0x04};
static const uint8_t BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t RSC0[6] = {0, 0, 0, 0, 0, 0};

static void fill(uint8_t *p, size_t n, uint8_t start) { for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(start + i); }

static int set_key(rt_device *dev, int cipher, const uint8_t *addr, int key_id, int set_tx,
                   const uint8_t *key, size_t key_len, uint32_t flags, int *placement) {
  rt_key_params p;
  memset(&p, 0, sizeof p);
  p.struct_size = sizeof p;
  p.cipher = cipher;
  p.addr = addr;
  p.key_id = key_id;
  p.set_tx = set_tx;
  p.seq = RSC0;
  p.seq_len = 6;
  p.key = key;
  p.key_len = key_len;
  p.flags = flags;
  return rt_device_set_key(dev, &p, placement);
}

static int is_usb(const char *spec) { return strstr(spec, "rt2870") || strstr(spec, "rt3070"); }

/* A station's TKIP data frame to the AP, encrypted with the device key's twin, must decrypt
 * with the AP's view of the same PTK (Michael keys swapped: the AP receives with our TX key). */
static void tkip_twin_round_trip(rt_device *dev, const uint8_t *tk) {
  rt_key *twin = NULL, *ap = NULL;
  CHECK_STATUS(RT_OK, rt_device_get_key(dev, AP, 0, 0, &twin));
  uint8_t ap_key[32];
  memcpy(ap_key, tk, 16);
  memcpy(ap_key + 16, tk + 24, 8);
  memcpy(ap_key + 24, tk + 16, 8);
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_TKIP, ap_key, 32, 0, &ap));
  uint8_t frame[24 + 40], enc[128], dec[128];
  memset(frame, 0, sizeof frame);
  frame[0] = 0x08; frame[1] = 0x01;                    /* data, ToDS */
  memcpy(frame + 4, AP, 6);                             /* A1 = BSSID */
  const uint8_t sta[6] = {0x00, 0x0c, 0x43, 0x28, 0x60, 0x01};
  memcpy(frame + 10, sta, 6);                           /* A2 = SA */
  memcpy(frame + 16, AP, 6);                            /* A3 = DA */
  fill(frame + 24, 40, 0x30);
  size_t enc_len = 0, dec_len = 0;
  CHECK_STATUS(RT_OK, rt_frame_encrypt(twin, frame, sizeof frame, enc, sizeof enc, &enc_len));
  CHECK_STATUS(RT_OK, rt_frame_decrypt(ap, enc, enc_len, dec, sizeof dec, &dec_len));
  CHECK(dec_len == sizeof frame && memcmp(dec + 24, frame + 24, 40) == 0, "the twin's TKIP frame decrypts at the AP (Michael keys in the right order)");
  rt_key_free(twin);
  rt_key_free(ap);
}

static void supplicant_sequences(const char *spec) {
  printf("# %s\n", spec);
  rt_device *dev = NULL;
  CHECK_STATUS(RT_OK, rt_device_open(spec, &dev));
  if (!dev) return;
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK_STATUS(RT_OK, rt_device_get_info(dev, &info));
  CHECK(info.hw_key_slots == 189 && info.hw_key_slots_used == 0 && info.bus == 0, "%s: %s, chip 0x%04x, %u key slots", spec, info.name, info.chip_id, info.hw_key_slots);

  /* Linux report: set_key alg=0 key_idx=0..3 → clears of keys that were never set. */
  for (int i = 0; i < 4; i++) CHECK_STATUS(RT_OK, rt_device_del_key(dev, NULL, i, 0));
  /* FreeBSD report: wpa_driver_bsd_del_key keyidx=0..3. */
  for (int i = 0; i < 4; i++) CHECK_STATUS(RT_OK, rt_device_del_key(dev, BCAST, i, RT_KEY_GROUP));

  /* WPA: Installing PTK to the driver. set_key alg=TKIP addr=AP key_idx=0 set_tx=1 seq_len=6 key_len=32 */
  uint8_t ptk[32];
  fill(ptk, 32, 0x40);
  int placement = 0;
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_TKIP, AP, 0, 1, ptk, 32, RT_KEY_PAIRWISE, &placement));
  int want = is_usb(spec) ? RT_PLACED_SOFTWARE : RT_PLACED_HARDWARE;
  CHECK(placement == want, "TKIP PTK placed in %s: %s", placement == RT_PLACED_HARDWARE ? "hardware" : "software", rt_last_error());
  CHECK(strlen(rt_last_error()) > 0, "set_key leaves its reason in rt_last_error even on success");

  /* GTK: TKIP key id 1 for the broadcast address. */
  uint8_t gtk[32];
  fill(gtk, 32, 0x90);
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_TKIP, BCAST, 1, 0, gtk, 32, 0, &placement));
  CHECK(placement == want, "TKIP GTK placed: %s", rt_last_error());

  size_t count = 0;
  CHECK_STATUS(RT_OK, rt_device_key_count(dev, &count));
  CHECK(count == 2, "two keys listed (%zu)", count);
  for (size_t i = 0; i < count; i++) {
    rt_device_key_entry e;
    memset(&e, 0, sizeof e);
    e.struct_size = sizeof e;
    CHECK_STATUS(RT_OK, rt_device_key_at(dev, i, &e));
    CHECK(e.placement == want && e.cipher == RT_CIPHER_TKIP && e.reason[0] != 0,
          "  wcid %d %02x:..:%02x key id %d %s: %s", e.wcid, e.addr[0], e.addr[5], e.key_id,
          e.placement == RT_PLACED_HARDWARE ? "hardware" : "software", e.reason);
  }
  CHECK_STATUS(RT_OK, rt_device_get_info(dev, &info));
  CHECK(info.hw_key_slots_used == (is_usb(spec) ? 0u : 1u), "hw_key_slots_used %u", info.hw_key_slots_used);

  tkip_twin_round_trip(dev, ptk);

  /* CCMP goes to hardware on every flavour. */
  uint8_t ccmp[16];
  fill(ccmp, 16, 1);
  const uint8_t peer2[6] = {0x02, 0, 0, 0, 0, 2};
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_CCMP, peer2, 0, 1, ccmp, 16, 0, &placement));
  CHECK(placement == RT_PLACED_HARDWARE, "CCMP pairwise in hardware: %s", rt_last_error());
  /* GCMP has no engine: software, and FORCE_HARDWARE makes that an error. */
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_GCMP, peer2, 1, 0, ccmp, 16, 0, &placement));
  CHECK(placement == RT_PLACED_SOFTWARE && strstr(rt_last_error(), "GCMP"), "GCMP in software: %s", rt_last_error());
  CHECK_STATUS(RT_ERR_UNSUPPORTED, set_key(dev, RT_CIPHER_GCMP, AP, 2, 0, ccmp, 16, RT_KEY_FORCE_HARDWARE, &placement));
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_CCMP, AP, 3, 0, ccmp, 16, RT_KEY_FORCE_SOFTWARE, &placement));
  CHECK(placement == RT_PLACED_SOFTWARE, "RT_KEY_FORCE_SOFTWARE honoured");

  /* Deleting clears the slot; deleting again is quiet. */
  CHECK_STATUS(RT_OK, rt_device_del_key(dev, AP, 0, 0));
  CHECK_STATUS(RT_OK, rt_device_del_key(dev, AP, 0, 0));
  CHECK_STATUS(RT_OK, rt_device_del_key(dev, NULL, 1, RT_KEY_GROUP));
  rt_device_close(dev);
}

static void bad_arguments(void) {
  rt_device *dev = NULL;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open(NULL, &dev));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open("emu:rt2860", NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open("emu:rt9999", &dev));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open("nonsense", &dev));
  int st = rt_device_open("auto", &dev);
  CHECK(st == RT_ERR_NO_DEVICE ? strstr(rt_last_error(), "emu:rt2860") != NULL : st == RT_OK,
        "auto: %s (%s)", rt_status_name(st), rt_last_error());
  if (st == RT_OK) rt_device_close(dev);
  CHECK_STATUS(RT_OK, rt_device_open("emu:rt2860", &dev));
  uint32_t v = 0;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32(NULL, 0x1000, &v));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32((rt_device *)(uintptr_t)0x1234567a, 0x1000, &v));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32(dev, 0x1002, &v));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_write32(dev, 0x10000, 0));
  CHECK_STATUS(RT_OK, rt_device_read32(dev, 0x1000, &v));
  CHECK(v >> 16 == 0x2860, "MAC_CSR0 reads 0x%08x", v);
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_set_key(dev, NULL, NULL));
  uint8_t key[32] = {0};
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, set_key(dev, 0, AP, 0, 0, NULL, 0, 0, NULL));
  CHECK(strstr(rt_last_error(), "delete it with del_key") != NULL, "cipher 0 points at del_key: %s", rt_last_error());
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, set_key(dev, RT_CIPHER_TKIP, AP, 0, 0, key, 16, 0, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, set_key(dev, RT_CIPHER_CCMP, AP, 4, 0, key, 16, 0, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, set_key(dev, RT_CIPHER_CCMP, NULL, 0, 0, key, 16, RT_KEY_PAIRWISE, NULL));
  rt_key_params small;
  memset(&small, 0, sizeof small);
  small.struct_size = 8;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_set_key(dev, &small, NULL));
  rt_device_info old;
  memset(&old, 0xcc, sizeof old);
  old.struct_size = 16; /* an older, smaller caller: only 16 bytes written */
  CHECK_STATUS(RT_OK, rt_device_get_info(dev, &old));
  CHECK(old.chip_id == 0x2860 && old.mac[0] == 0xcc, "get_info writes only struct_size bytes");
  rt_device_close(dev);
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32(dev, 0x1000, &v)); /* closed */
  rt_device_close(dev);
  rt_device_close(NULL);
}

static void fault_keytable_stuck(void) {
  rt_device *dev = NULL;
  CHECK_STATUS(RT_OK, rt_device_open("emu:rt2860,fault=keytable-stuck", &dev));
  uint8_t key[16];
  fill(key, 16, 7);
  int placement = 0;
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_CCMP, AP, 0, 1, key, 16, 0, &placement));
  CHECK(placement == RT_PLACED_SOFTWARE && strstr(rt_last_error(), "did not read back"), "keytable-stuck: software: %s", rt_last_error());
  CHECK_STATUS(RT_ERR_IO, set_key(dev, RT_CIPHER_CCMP, AP, 0, 1, key, 16, RT_KEY_FORCE_HARDWARE, &placement));
  rt_device_close(dev);
}

static void fault_mcu_silent(const char *spec) {
  rt_device *dev = NULL;
  CHECK_STATUS(RT_OK, rt_device_open(spec, &dev));
  rt_device_load_firmware(dev, NULL); /* may itself time out on the USB boot signal */
  int st = rt_device_mcu_command(dev, 0x31, 0, 0);
  if (st == RT_OK) st = rt_device_mcu_command(dev, 0x31, 0, 0); /* USB: the first command is only posted */
  CHECK(st == RT_ERR_TIMEOUT, "%s: MCU command -> %s: %s", spec, rt_status_name(st), rt_last_error());
  uint8_t key[16];
  fill(key, 16, 9);
  int placement = 0;
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_CCMP, AP, 0, 1, key, 16, 0, &placement));
  CHECK(placement == RT_PLACED_HARDWARE, "keys still placed in hardware with a silent MCU");
  uint32_t v;
  CHECK_STATUS(RT_OK, rt_device_read32(dev, 0x1000, &v));
  rt_device_close(dev);
}

static void firmware_and_mcu(const char *spec) {
  rt_device *dev = NULL;
  CHECK_STATUS(RT_OK, rt_device_open(spec, &dev));
  CHECK_STATUS(RT_OK, rt_device_load_firmware(dev, NULL));
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK_STATUS(RT_OK, rt_device_get_info(dev, &info));
  CHECK(info.firmware_loaded == 1 && info.firmware_crc != 0, "%s: firmware loaded, crc 0x%04x", spec, info.firmware_crc);
  uint32_t status = 0;
  uint64_t rtt = 0;
  CHECK_STATUS(RT_OK, rt_device_mcu_probe(dev, 0x31, 0, 0, &status, &rtt));
  CHECK(status == 1 || status == 0xff, "MCU status %u, round trip %llu us", status, (unsigned long long)rtt);
  uint8_t junk[100] = {0};
  CHECK_STATUS(RT_ERR_BAD_FIRMWARE, rt_device_load_firmware_mem(dev, junk, sizeof junk));
  CHECK_STATUS(RT_ERR_BAD_FIRMWARE, rt_device_load_firmware(dev, "/nonexistent/rt2860.bin"));
  rt_device_close(dev);
}

/* Resident memory of this process in KiB (VmRSS), -1 if /proc is unavailable. */
static long rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kib = -1;
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, "VmRSS:", 6)) kib = strtol(line + 6, NULL, 10);
  fclose(f);
  return kib;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Issue 11, 3b: a path that never ends (/dev/zero) used to be read whole: ~10 s, RT_ERR_NO_MEMORY
 * and gigabytes kept resident. Now it is refused after the largest image size (8192) + 1 byte:
 * quickly (10 s is a generous bound), naming the size, and memory does not stay grown. */
static void firmware_from_endless_path(const char *spec) {
  rt_device *dev = NULL;
  CHECK_STATUS(RT_OK, rt_device_open(spec, &dev));
  if (!dev) return;
  CHECK_STATUS(RT_ERR_BAD_FIRMWARE, rt_device_load_firmware(dev, "/nonexistent/rt2860.bin")); /* warm-up: first-call costs */
  long before = rss_kib();
  double t0 = now_s();
  int st = rt_device_load_firmware(dev, "/dev/zero");
  double took = now_s() - t0;
  long after = rss_kib();
  CHECK(st == RT_ERR_BAD_FIRMWARE && strstr(rt_last_error(), "/dev/zero") && strstr(rt_last_error(), "more than 8192 bytes"),
        "/dev/zero: %s: %s", rt_status_name(st), rt_last_error());
  CHECK(took < 10.0, "/dev/zero refused in %.3f s", took);
  CHECK(before > 0 && after - before < 8 * 1024, "RSS %ld KiB -> %ld KiB around the /dev/zero load (under 8 MiB growth)", before, after);
  /* A regular file larger than any image is refused from its size, unread: 16 GiB, sparse. */
  char path[] = "/tmp/rtdriver-bigfw-XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0 && ftruncate(fd, (off_t)16 << 30) == 0) {
    t0 = now_s();
    st = rt_device_load_firmware(dev, path);
    took = now_s() - t0;
    CHECK(st == RT_ERR_BAD_FIRMWARE && strstr(rt_last_error(), path) && strstr(rt_last_error(), "17179869184 bytes") && took < 10.0,
          "16 GiB sparse file: %s in %.3f s: %s", rt_status_name(st), took, rt_last_error());
  } else {
    CHECK(0, "could not make a sparse file in /tmp");
  }
  if (fd >= 0) { close(fd); unlink(path); }
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK(rt_device_get_info(dev, &info) == RT_OK && info.firmware_loaded == 0, "a refused load leaves firmware_loaded 0");
  rt_device_close(dev);
}

/* gone-after=N: find the smallest power of two that lets open succeed, install a hardware key,
 * then read until the device disappears. */
static void fault_gone(const char *chip) {
  char spec[96];
  rt_device *dev = NULL;
  int st = RT_ERR_DEVICE_GONE;
  long n;
  for (n = 1024; n <= (1L << 22) && st == RT_ERR_DEVICE_GONE; n *= 2) {
    snprintf(spec, sizeof spec, "emu:%s,fault=gone-after=%ld", chip, n);
    st = rt_device_open(spec, &dev);
  }
  CHECK(st == RT_OK, "%s opens; early gone-after values fail with RT_ERR_DEVICE_GONE", spec);
  if (st != RT_OK) return;
  uint8_t key[16];
  fill(key, 16, 3);
  int placement = 0;
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_CCMP, AP, 0, 1, key, 16, 0, &placement));
  int hw_before = placement == RT_PLACED_HARDWARE;
  uint32_t v;
  long reads = 0;
  do st = rt_device_read32(dev, 0x1000, &v); while (st == RT_OK && ++reads < (1L << 23));
  CHECK(st == RT_ERR_DEVICE_GONE, "read32 turns into RT_ERR_DEVICE_GONE after %ld reads: %s", reads, rt_last_error());
  CHECK_STATUS(RT_ERR_DEVICE_GONE, rt_device_read32(dev, 0x1000, &v));
  CHECK_STATUS(RT_ERR_DEVICE_GONE, rt_device_write32(dev, 0x1004, 1));
  CHECK_STATUS(RT_ERR_DEVICE_GONE, rt_device_mcu_command(dev, 0x31, 0, 0));
  CHECK_STATUS(RT_ERR_DEVICE_GONE, rt_device_load_firmware(dev, NULL));
  CHECK_STATUS(RT_ERR_DEVICE_GONE, rt_device_del_key(dev, AP, 0, 0));
  rt_device_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  CHECK_STATUS(RT_ERR_DEVICE_GONE, rt_device_get_info(dev, &info));
  /* set_key never fails because of the device: software. */
  const uint8_t peer[6] = {0x02, 0, 0, 0, 0, 5};
  CHECK_STATUS(RT_OK, set_key(dev, RT_CIPHER_CCMP, peer, 0, 1, key, 16, 0, &placement));
  CHECK(placement == RT_PLACED_SOFTWARE && strstr(rt_last_error(), "gone"), "set_key on a gone device: software: %s", rt_last_error());
  rt_device_key_entry e;
  memset(&e, 0, sizeof e);
  e.struct_size = sizeof e;
  CHECK_STATUS(RT_OK, rt_device_key_at(dev, 0, &e));
  CHECK(hw_before && e.placement == RT_PLACED_SOFTWARE && e.wcid == -1, "the hardware key was kept in software: %s", e.reason);
  rt_key *twin = NULL;
  CHECK_STATUS(RT_OK, rt_device_get_key(dev, AP, 0, 0, &twin));
  rt_key_free(twin);
  rt_device_close(dev);
}

int main(void) {
  static const char *chips[] = {"emu:rt2860", "emu:rt3090", "emu:rt2870", "emu:rt3070"};
  for (size_t i = 0; i < sizeof chips / sizeof *chips; i++) supplicant_sequences(chips[i]);
  bad_arguments();
  fault_keytable_stuck();
  fault_mcu_silent("emu:rt2860,fault=mcu-silent");
  fault_mcu_silent("emu:rt3070,fault=mcu-silent");
  firmware_and_mcu("emu:rt2860");
  firmware_and_mcu("emu:rt2870");
  firmware_from_endless_path("emu:rt2860");
  fault_gone("rt2860");
  fault_gone("rt3070");
  return tap_done();
}
