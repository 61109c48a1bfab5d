/* The general ABI as a supplicant meets it: versions, status names, rt_last_error per thread,
 * NULL arguments, forged and double-freed handles (rejected, never dereferenced). */
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include "tap.h"

static pthread_barrier_t barrier;

struct thread_result { char error[512]; int status; };

/* Thread A fails with an unknown cipher (99), thread B with a wrong CCMP key length (7). Both
 * fail before either reads its error, so a shared (non-thread-local) buffer would be caught. */
static void *fail_with_cipher(void *arg) {
  struct thread_result *r = arg;
  uint8_t key[16] = {0};
  rt_key *k = NULL;
  r->status = rt_key_new(99, key, sizeof key, 0, &k);
  pthread_barrier_wait(&barrier);
  snprintf(r->error, sizeof r->error, "%s", rt_last_error());
  pthread_barrier_wait(&barrier);
  return NULL;
}

static void *fail_with_length(void *arg) {
  struct thread_result *r = arg;
  uint8_t key[16] = {0};
  rt_key *k = NULL;
  r->status = rt_key_new(RT_CIPHER_CCMP, key, 7, 0, &k);
  pthread_barrier_wait(&barrier);
  snprintf(r->error, sizeof r->error, "%s", rt_last_error());
  pthread_barrier_wait(&barrier);
  return NULL;
}

/* A short-lived thread that fails once (its rt_last_error buffer is then allocated). */
static void *fail_once(void *arg) {
  (void)arg;
  rt_key *k = NULL;
  rt_key_new(12345, NULL, 0, 0, &k);
  return (void *)(uintptr_t)(rt_last_error()[0] != 0);
}

/* Bytes the C heap has handed out and not had back (every arena, small and mmapped blocks).
 * This is what the library's own per-thread buffers are made of; unlike the resident size it
 * does not move with the garbage collector's heap, whose size depends on the machine's cache. */
static size_t heap_in_use(void) {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

/* Runs n threads one after another; returns how many saw their own message. When growth is not
 * NULL, growth[i] is how much the C heap grew across thread i's whole life (create to join). */
static int run_failing_threads(int n, long *growth) {
  int seen = 0;
  for (int i = 0; i < n; i++) {
    pthread_t t;
    void *r = NULL;
    size_t before = heap_in_use();
    if (pthread_create(&t, NULL, fail_once, NULL) != 0) break;
    pthread_join(t, &r);
    if (growth) growth[i] = (long)heap_in_use() - (long)before;
    seen += r != NULL;
  }
  return seen;
}

static int compare_long(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

int main(void) {
  CHECK(rt_abi_version() == 1, "rt_abi_version() == 1");
  CHECK(rt_version() != NULL && strcmp(rt_version(), "0.1.0") == 0, "rt_version() is \"%s\"", rt_version());
  const char *path = rt_cpu_path();
  CHECK(path && (!strcmp(path, "aesni") || !strcmp(path, "arm64-aes") || !strcmp(path, "portable")),
        "rt_cpu_path() names a path: %s", path ? path : "(null)");
  CHECK(rt_last_error() != NULL, "rt_last_error() is never NULL");

  static const struct { int value; const char *name; } names[] = {
    {RT_OK, "RT_OK"}, {RT_ERR_INVALID_ARGUMENT, "RT_ERR_INVALID_ARGUMENT"}, {RT_ERR_NO_MEMORY, "RT_ERR_NO_MEMORY"},
    {RT_ERR_NO_DEVICE, "RT_ERR_NO_DEVICE"}, {RT_ERR_IO, "RT_ERR_IO"}, {RT_ERR_TIMEOUT, "RT_ERR_TIMEOUT"},
    {RT_ERR_UNSUPPORTED, "RT_ERR_UNSUPPORTED"}, {RT_ERR_BAD_FIRMWARE, "RT_ERR_BAD_FIRMWARE"},
    {RT_ERR_BUFFER_TOO_SMALL, "RT_ERR_BUFFER_TOO_SMALL"}, {RT_ERR_MALFORMED_FRAME, "RT_ERR_MALFORMED_FRAME"},
    {RT_ERR_NO_KEY, "RT_ERR_NO_KEY"}, {RT_ERR_REPLAY, "RT_ERR_REPLAY"}, {RT_ERR_ICV, "RT_ERR_ICV"},
    {RT_ERR_MIC, "RT_ERR_MIC"}, {RT_ERR_PERMISSION, "RT_ERR_PERMISSION"}, {RT_ERR_DEVICE_GONE, "RT_ERR_DEVICE_GONE"},
    {RT_ERR_STATE, "RT_ERR_STATE"},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    CHECK(strcmp(rt_status_name(names[i].value), names[i].name) == 0, "status %d is %s", names[i].value, names[i].name);
  CHECK(RT_ERR_INVALID_ARGUMENT == -1 && RT_ERR_STATE == -16 && RT_ERR_MIC == -13, "status values are the contract's");
  CHECK(strcmp(rt_status_name(-17), "RT_UNKNOWN") == 0 && strcmp(rt_status_name(1), "RT_UNKNOWN") == 0
        && strcmp(rt_status_name(-2147483647 - 1), "RT_UNKNOWN") == 0, "unknown statuses are RT_UNKNOWN");

  /* rt_last_error is per thread: two threads, two different errors. */
  struct thread_result a = {{0}, 0}, b = {{0}, 0};
  pthread_t ta, tb;
  pthread_barrier_init(&barrier, NULL, 2);
  pthread_create(&ta, NULL, fail_with_cipher, &a);
  pthread_create(&tb, NULL, fail_with_length, &b);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  pthread_barrier_destroy(&barrier);
  CHECK(a.status == RT_ERR_INVALID_ARGUMENT && b.status == RT_ERR_INVALID_ARGUMENT, "both threads failed with RT_ERR_INVALID_ARGUMENT");
  CHECK(strstr(a.error, "99") != NULL, "thread A's error names cipher 99: \"%s\"", a.error);
  CHECK(strstr(b.error, "7") != NULL && strcmp(a.error, b.error) != 0, "thread B's error names length 7 and differs: \"%s\"", b.error);

  /* NULL arguments. */
  uint8_t key[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  rt_key *k = NULL;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, NULL, 16, 0, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, key, 16, 0, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_new(RT_CIPHER_CCMP, key, 16, 4, &k));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_get_rx_pn(NULL, 0, NULL));
  uint8_t frame[64] = {0x08, 0x00};
  size_t out_len = 0;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt(NULL, frame, sizeof frame, frame, sizeof frame, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_decrypt(NULL, frame, sizeof frame, frame, sizeof frame, &out_len));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_frame_encrypt_batch(NULL, NULL, 1));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_open(NULL, NULL));
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_get_info(NULL, NULL));
  rt_key_free(NULL);
  rt_device_close(NULL);
  CHECK(1, "rt_key_free(NULL) and rt_device_close(NULL) return quietly");

  /* Forged handles: never dereferenced, always RT_ERR_INVALID_ARGUMENT. */
  static const uintptr_t forged[] = {0x1, 0x1000, 0xdeadbeef, 0x7fffffffffffULL, UINTPTR_MAX, 0xA, 0x10000000AULL};
  for (size_t i = 0; i < sizeof forged / sizeof forged[0]; i++) {
    rt_key *fk = (rt_key *)forged[i];
    rt_device *fd = (rt_device *)forged[i];
    uint64_t pn = 0;
    uint32_t v = 0;
    CHECK(rt_key_set_tx_pn(fk, 1) == RT_ERR_INVALID_ARGUMENT && rt_key_get_rx_pn(fk, 0, &pn) == RT_ERR_INVALID_ARGUMENT
          && rt_frame_encrypt(fk, frame, sizeof frame, frame, sizeof frame, &out_len) == RT_ERR_INVALID_ARGUMENT
          && rt_device_read32(fd, 0x1000, &v) == RT_ERR_INVALID_ARGUMENT,
          "forged handle %#lx rejected", (unsigned long)forged[i]);
    rt_key_free(fk);
    rt_device_close(fd);
  }
  CHECK(1, "freeing forged handles returns quietly");

  /* A real key, freed twice, then used: rejected. A device handle is not a key handle. */
  CHECK_STATUS(RT_OK, rt_key_new(RT_CIPHER_CCMP, key, 16, 0, &k));
  CHECK(k != NULL, "rt_key_new gave a handle");
  rt_device *as_device = (rt_device *)k;
  uint32_t value = 0;
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_device_read32(as_device, 0x1000, &value));
  rt_key_free(k);
  rt_key_free(k); /* double free: rejected quietly */
  CHECK_STATUS(RT_ERR_INVALID_ARGUMENT, rt_key_set_tx_pn(k, 5));
  CHECK(strstr(rt_last_error(), "handle") != NULL, "the error explains the handle: \"%s\"", rt_last_error());

  /* Each thread's rt_last_error buffer is released when the thread ends, by the thread's exit
   * itself — not later, whenever a garbage collection happens to run (how often that is depends
   * on the machine's cache size). Measured on the C heap, which the buffers are made of:
   * - per thread: the heap's growth from pthread_create to pthread_join. Its median over 4000
   *   threads is ~0 when the buffer dies with its thread, and >= 256 bytes (the buffer) when it
   *   outlives it; the median ignores the odd thread during which something else was freed.
   * - in total: 40000 threads that each failed once leave the heap no larger than before (kept
   *   buffers would be >= 10 MB). */
  static long growth[4000];
  int warm = run_failing_threads(2000, NULL);
  int each = run_failing_threads(4000, growth);
  qsort(growth, 4000, sizeof growth[0], compare_long);
  size_t before = heap_in_use();
  int seen = run_failing_threads(40000, NULL);
  long grown = (long)heap_in_use() - (long)before;
  CHECK(warm == 2000 && each == 4000 && seen == 40000, "every short-lived thread read its own message (%d/2000, %d/4000, %d/40000)", warm, each, seen);
  CHECK(growth[2000] < 64, "a thread's life leaves the C heap %ld bytes larger (median of 4000; < 64: its buffer was freed as it ended)", growth[2000]);
  CHECK(grown < 40000L * 16, "40000 ended threads grew the C heap by %ld bytes (< 640000)", grown);

  return tap_done();
}
