#!/usr/bin/env bash
# Tests `./build.sh install` / `uninstall` (packaging/install.sh) against the published artifacts:
# a DESTDIR-staged install, then a real install into a temporary prefix that a C program is built
# against through the installed rtdriver.pc, the installed rtprobe and library finding the
# installed firmware with no repository around, and uninstall leaving the prefix empty.
#   packaging/test-install.sh ARTIFACTS
# Prints one line per check and ends with "N passed, M failed" (./build.sh test counts it).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ART="$(cd "${1:?usage: test-install.sh ARTIFACTS}" && pwd)"
INSTALL="$ROOT/packaging/install.sh"
TMP="$(mktemp -d /tmp/rtdriver-install-test.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0

ok()   { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
bad()  { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/     /'; return 0; }
# check DESCRIPTION CMD...: passes when CMD succeeds; shows its output otherwise.
check() {
  local desc="$1" out; shift
  if out="$("$@" 2>&1)"; then ok "$desc"; else bad "$desc" "$out"; fi
}
empty_dir() { [ -d "$1" ] && [ -z "$(find "$1" -mindepth 1 -print -quit)" ] || { find "$1" -mindepth 1; return 1; }; }
contains() { grep -qF -- "$2" <<<"$1" || { printf 'expected "%s" in:\n%s\n' "$2" "$1"; return 1; }; }
lacks() { ! grep -qF -- "$2" <<<"$1" || { printf 'unexpected "%s" in:\n%s\n' "$2" "$1"; return 1; }; }
# fails_with TEXT CMD...: CMD must fail and say TEXT.
fails_with() { local text="$1" out; shift; if out="$("$@" 2>&1)"; then echo "succeeded: $out"; return 1; fi; contains "$out" "$text"; }
pc_of() { PKG_CONFIG_PATH="$1/lib/pkgconfig" PKG_CONFIG_LIBDIR="$1/lib/pkgconfig" pkg-config "${@:2}" rtdriver; }

# ---- DESTDIR staging: files under DESTDIR, the .pc names PREFIX only --------------------------
stage="$TMP/stage" staged_prefix=/opt/rtdriver-staged
check "install into DESTDIR=$stage PREFIX=$staged_prefix" "$INSTALL" install "$ART" "$staged_prefix" "$stage"
pc="$(cat "$stage$staged_prefix/lib/pkgconfig/rtdriver.pc" 2>&1)"
check "staged rtdriver.pc says prefix=$staged_prefix" contains "$pc" "prefix=$staged_prefix"
check "staged rtdriver.pc never names DESTDIR" lacks "$pc" "$stage"
check "uninstall from DESTDIR leaves the staged prefix empty" "$INSTALL" uninstall "$staged_prefix" "$stage"
check "uninstall removes the staged prefix install created" test ! -e "$stage$staged_prefix"
check "... and leaves DESTDIR's own directories alone" test -d "$stage/opt"

# ---- a real install into a temporary prefix ---------------------------------------------------
P="$TMP/prefix"
mkdir -p "$P"
check "install into PREFIX=$P" "$INSTALL" install "$ART" "$P"
for f in include/rtdriver.h bin/rtprobe lib/pkgconfig/rtdriver.pc share/rtdriver/firmware/rtdriver-open.bin \
         share/rtdriver/firmware/rtdriver-open-usb.bin; do
  check "installed $f" test -f "$P/$f"
done
if [ -f "$ROOT/docs/rtprobe.1" ]; then
  check "installed share/man/man1/rtprobe.1" test -f "$P/share/man/man1/rtprobe.1"
  check "man can render the installed page" bash -c "MANPATH='$P/share/man' man -l '$P/share/man/man1/rtprobe.1' >/dev/null 2>&1 || ! command -v man >/dev/null"
else
  echo "skip man page: docs/rtprobe.1 is not in this tree yet (it comes with the rtprobe CLI rewrite)"
fi
check "lib/librtdriver.so -> librtdriver.so.0 -> the library" test -f "$(readlink -f "$P/lib/librtdriver.so")"
soname="$(readelf -d "$(readlink -f "$P/lib/librtdriver.so")" 2>&1 | grep -o 'Library soname: \[[^]]*\]')"
check "the library's soname is librtdriver.so.0" contains "$soname" "[librtdriver.so.0]"

flags="$(pc_of "$P" --cflags --libs 2>&1)"
check "pkg-config --cflags --libs rtdriver names the prefix" contains "$flags" "-L$P/lib"
check "pkg-config flags include -I$P/include" contains "$flags" "-I$P/include"
check "pkg-config flags carry no rpath" lacks "$flags" "rpath"
check "pkg-config flags name no build-tree path" lacks "$flags" "$ROOT"

# The C example, built as a supplicant would build against an installed library; the rpath is
# this test's own (the installed .pc has none).
exe="$TMP/supplicant_example"
# shellcheck disable=SC2086
check "native/examples/supplicant_example.c compiles against the installed .pc" \
  cc -O1 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -o "$exe" "$ROOT/native/examples/supplicant_example.c" $flags -Wl,-rpath,"$P/lib"
needed="$(readelf -d "$exe" 2>&1 | grep NEEDED)"
check "the example needs librtdriver.so.0 (the soname)" contains "$needed" "[librtdriver.so.0]"
run_clean() { (cd "$TMP" && env -i PATH=/usr/bin:/bin HOME="$TMP" "$@"); }
check "the example runs against the installed library" run_clean "$exe"

# The installed rtprobe, run from an empty directory with no repository and no firmware
# configuration, finds the open image in PREFIX/share/rtdriver/firmware.
check "installed rtprobe version runs" run_clean "$P/bin/rtprobe" version
# (Both commands name the image they loaded; either will do, so a reworded demo does not break this.)
loaded="$(run_clean "$P/bin/rtprobe" demo 2>&1; run_clean "$P/bin/rtprobe" fw load --device emu:rt2860 2>&1)"
check "installed rtprobe loads $P/share/rtdriver/firmware/rtdriver-open.bin" contains "$loaded" "$P/share/rtdriver/firmware/rtdriver-open.bin"

# The installed library finds it too: an image corrupted in place must be the one rejected.
fw="$P/share/rtdriver/firmware/rtdriver-open.bin"
cp "$fw" "$TMP/good.bin"
printf 'not firmware' >"$fw"
probe="$(cd "$TMP" && env -i PATH=/usr/bin:/bin HOME="$TMP" python3 - "$P/lib/librtdriver.so" 2>&1 <<'PY'
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.rt_last_error.restype = ctypes.c_char_p
dev = ctypes.c_void_p()
assert lib.rt_device_open(b"emu:rt2860", ctypes.byref(dev)) == 0, lib.rt_last_error()
print(lib.rt_device_load_firmware(dev, None), lib.rt_last_error().decode())
lib.rt_device_close(dev)
PY
)"
check "the installed library rejects a corrupted PREFIX/share/rtdriver/firmware image (RT_ERR_BAD_FIRMWARE)" \
  contains "$probe" "-7 "
check "... naming that image, so the library found the installed prefix itself" contains "$probe" "$fw"
cp "$TMP/good.bin" "$fw"

# ---- uninstall --------------------------------------------------------------------------------
echo "a file that is not rtdriver's" >"$P/lib/keep-me"
echo "/* changed */" >>"$P/include/rtdriver.h"
out="$("$INSTALL" uninstall "$P" 2>&1)"
check "uninstall keeps a file changed since install" test -f "$P/include/rtdriver.h"
check "uninstall says which file it kept" contains "$out" "kept $P/include/rtdriver.h"
check "uninstall keeps a file it did not install" test -f "$P/lib/keep-me"
rm -f "$P/lib/keep-me" "$P/include/rtdriver.h"
rmdir "$P/lib" "$P/include" 2>/dev/null
check "nothing else is left in the prefix" empty_dir "$P"
check "uninstall without an installation fails and says so" fails_with "no rtdriver installation in $P" "$INSTALL" uninstall "$P"

check "install then uninstall leaves an empty prefix" bash -c "'$INSTALL' install '$ART' '$P' >/dev/null && '$INSTALL' uninstall '$P' >/dev/null"
check "the prefix is empty" empty_dir "$P"
check "a relative PREFIX is refused by name" fails_with "absolute path, got 'relative/dir'" "$INSTALL" install "$ART" relative/dir
mkdir -p "$P/bin" && echo foreign >"$P/bin/rtprobe"
check "install refuses to overwrite a file it did not install" fails_with "$P/bin/rtprobe exists and was not installed by rtdriver" "$INSTALL" install "$ART" "$P"
check "... and leaves that file alone" contains "$(cat "$P/bin/rtprobe")" foreign
check "... and what it installed before refusing is uninstalled" "$INSTALL" uninstall "$P"
check "... leaving only that file" test "$(find "$P" -mindepth 1 | sort | tr '\n' ' ')" = "$P/bin $P/bin/rtprobe "

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
