/* Minimal TAP-style helpers for the C tests: "ok N - what" / "not ok N - what", exit status = failures.
 * What this machine cannot check is one "# not run: why" line (NOT_RUN), counted as skipped, never as passed. */
#ifndef RT_TAP_H
#define RT_TAP_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rtdriver.h"

static int tap_n, tap_failed, tap_not_run;

/* A check this machine cannot make, and why: reported, never counted as passed. */
#define NOT_RUN(...) do { ++tap_not_run; printf("# not run: "); printf(__VA_ARGS__); printf("\n"); } while (0)

#define CHECK(cond, ...) do { \
    ++tap_n; \
    if (cond) { printf("ok %d - ", tap_n); printf(__VA_ARGS__); printf("\n"); } \
    else { ++tap_failed; printf("not ok %d - ", tap_n); printf(__VA_ARGS__); \
           printf("  [%s:%d: %s; last error: %s]\n", __FILE__, __LINE__, #cond, rt_last_error()); } \
  } while (0)

/* A call that must return the given status. */
#define CHECK_STATUS(expected, call) do { \
    int rt_got_ = (call); \
    CHECK(rt_got_ == (expected), "%s -> %s (expected %s)", #call, rt_status_name(rt_got_), rt_status_name(expected)); \
  } while (0)

/* Says which crypto path this run exercises. The Makefile runs the crypto programs twice: with the
 * library's own choice, then with RTDRIVER_CPU_PATH=portable (and RT_TEST_PORTABLE_PASS=1), so every
 * machine checks the portable path through the ABI. With report set, the first run says in one line
 * when the best path (AES-NI) is not what ran: a CPU without it, or a forced lesser path. */
static inline void tap_crypto_path(int report) {
  const char *path = rt_cpu_path();
  const char *forced = getenv("RTDRIVER_CPU_PATH");
  int portable_pass = getenv("RT_TEST_PORTABLE_PASS") != NULL;
  printf("# crypto path: %s%s\n", path ? path : "(null)", portable_pass ? " (the portable pass)" : "");
  if (!report || portable_pass || (path && strcmp(path, "aesni") == 0)) return;
#if defined(__x86_64__) || defined(__i386__)
  if (forced && *forced)
    NOT_RUN("the AES-NI path: RTDRIVER_CPU_PATH=%s chose the %s path", forced, path ? path : "(null)");
  else
    NOT_RUN("the AES-NI path: this CPU offers no AES-NI+PCLMULQDQ+SSSE3, so only the %s path ran", path ? path : "(null)");
#else
  NOT_RUN("a hardware AES path: none is implemented for this architecture, so only the %s path ran", path ? path : "(null)");
#endif
}

static int tap_done(void) {
  if (tap_not_run) printf("%d passed, %d failed, %d skipped\n", tap_n - tap_failed, tap_failed, tap_not_run);
  else printf("%d passed, %d failed\n", tap_n - tap_failed, tap_failed);
  return tap_failed == 0 ? 0 : 1;
}
#endif
