/* Minimal TAP-style helpers for the C tests: "ok N - what" / "not ok N - what", exit status = failures. */
#ifndef RT_TAP_H
#define RT_TAP_H
#include <stdio.h>
#include <string.h>
#include "rtdriver.h"

static int tap_n, tap_failed;

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

static int tap_done(void) {
  printf("%d passed, %d failed\n", tap_n - tap_failed, tap_failed);
  return tap_failed == 0 ? 0 : 1;
}
#endif
