#!/usr/bin/env bash
# Installs the published artifacts into a prefix, and removes exactly what it installed.
#   packaging/install.sh install   ARTIFACTS PREFIX [DESTDIR]
#   packaging/install.sh uninstall PREFIX [DESTDIR]
# (./build.sh install / uninstall call this; see ./build.sh help.)
#
# Layout under DESTDIR/PREFIX:
#   lib/librtdriver.so.VERSION, lib/librtdriver.so.0 -> it (the soname), lib/librtdriver.so -> .so.0
#   lib/pkgconfig/rtdriver.pc     prefix=PREFIX (never DESTDIR), no rpath
#   include/rtdriver.h
#   bin/rtprobe
#   share/man/man1/rtprobe.1      when docs/rtprobe.1 exists
#   share/rtdriver/firmware/      the open MCU images; the library and rtprobe look here, relative
#                                 to their own location, for emulated devices
#   share/rtdriver/install-manifest
# The manifest lists every file (with its SHA-256), link and directory install created, relative
# to the prefix, so uninstall removes those and nothing else — a file changed since install is
# kept and reported, a directory is removed only when install created it and it is empty.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MANIFEST_REL="share/rtdriver/install-manifest"

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
TMPD="$(mktemp -d)"
trap 'rm -rf "$TMPD"' EXIT

check_prefix() {
  case "$1" in
    /*) ;;
    *) die "PREFIX must be an absolute path, got '$1'" ;;
  esac
  case "$1" in
    *[[:space:]]*) die "PREFIX must not contain white space, got '$1' (pkg-config files cannot quote it)" ;;
  esac
}

# ---- install ----------------------------------------------------------------------------------
install_all() {
  local art="$1" prefix="${2%/}" destdir="${3:-}"
  [ -n "$prefix" ] || prefix=/
  check_prefix "$prefix"
  local dest="${destdir%/}$prefix"
  local version
  version="$(grep -oP '(?<=<Version>)[^<]+' "$ROOT/Directory.Build.props")"
  for f in lib/librtdriver.so include/rtdriver.h bin/rtprobe firmware/rtdriver-open.bin firmware/rtdriver-open-usb.bin; do
    [ -f "$art/$f" ] || die "$art/$f is missing: run ./build.sh first"
  done
  [ -f "$dest/$MANIFEST_REL" ] && die "$dest/$MANIFEST_REL exists: rtdriver is already installed there (./build.sh uninstall PREFIX=$prefix first)"

  local manifest="$TMPD/manifest"

  # mkdirs REL...: creates the directories under dest that do not exist yet, recording each.
  mkdirs() {
    local rel path acc
    for rel in "$@"; do
      acc=""
      IFS=/ read -ra parts <<<"$rel"
      for part in "${parts[@]}"; do
        acc="${acc:+$acc/}$part"
        path="$dest/$acc"
        if [ ! -d "$path" ]; then
          mkdir -p "$path"
          printf 'd %s\n' "$acc" >>"$manifest"
        fi
      done
    done
  }
  # put MODE SOURCE REL: copies a file and records its checksum.
  put() {
    local mode="$1" src="$2" rel="$3"
    [ -e "$dest/$rel" ] || [ -L "$dest/$rel" ] && die "$dest/$rel exists and was not installed by rtdriver: remove it or choose another PREFIX"
    install -m "$mode" "$src" "$dest/$rel"
    printf 'f %s %s\n' "$(sha256sum <"$dest/$rel" | cut -d' ' -f1)" "$rel" >>"$manifest"
  }
  # link TARGET REL: a relative symbolic link, recorded with its target.
  link() {
    local target="$1" rel="$2"
    [ -e "$dest/$rel" ] || [ -L "$dest/$rel" ] && die "$dest/$rel exists and was not installed by rtdriver: remove it or choose another PREFIX"
    ln -s "$target" "$dest/$rel"
    printf 'l %s %s\n' "$target" "$rel" >>"$manifest"
  }

  if [ ! -d "$dest" ]; then
    mkdir -p "$dest"
    printf 'd .\n' >>"$manifest"   # the prefix itself (e.g. under a fresh DESTDIR): uninstall removes it when empty
  fi
  mkdirs lib/pkgconfig include bin share/rtdriver/firmware
  # From here on every entry goes straight into the installed manifest, so an install that
  # fails half way (a full disk, a refused file) can still be uninstalled.
  install -m 644 "$manifest" "$dest/$MANIFEST_REL"
  manifest="$dest/$MANIFEST_REL"
  put 755 "$art/lib/librtdriver.so" "lib/librtdriver.so.$version"
  link "librtdriver.so.$version" lib/librtdriver.so.0
  link librtdriver.so.0 lib/librtdriver.so
  local pc="$TMPD/rtdriver.pc"
  sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" -e "s|@RPATH@||" "$ROOT/packaging/rtdriver.pc.in" >"$pc"
  put 644 "$pc" lib/pkgconfig/rtdriver.pc
  put 644 "$art/include/rtdriver.h" include/rtdriver.h
  put 755 "$art/bin/rtprobe" bin/rtprobe
  put 644 "$art/firmware/rtdriver-open.bin" share/rtdriver/firmware/rtdriver-open.bin
  put 644 "$art/firmware/rtdriver-open-usb.bin" share/rtdriver/firmware/rtdriver-open-usb.bin
  if [ -f "$ROOT/docs/rtprobe.1" ]; then
    mkdirs share/man/man1
    put 644 "$ROOT/docs/rtprobe.1" share/man/man1/rtprobe.1
  else
    echo "note: docs/rtprobe.1 is not in this tree; no man page installed"
  fi

  echo "installed rtdriver $version into $dest:"
  sed 's/^/  /' "$dest/$MANIFEST_REL"
  loader_hint "$prefix" "$destdir"
}

# The dynamic loader only searches its cache and default directories: refresh the cache for a
# system prefix, otherwise say how programs find the library.
loader_hint() {
  local prefix="$1" destdir="$2"
  if [ -n "$destdir" ]; then
    echo "staged under DESTDIR=$destdir: run ldconfig on the target system after copying if $prefix/lib is a system directory"
  elif [ "$prefix" = /usr ] || [ "$prefix" = /usr/local ]; then
    if [ "$(id -u)" -eq 0 ] && command -v ldconfig >/dev/null; then
      ldconfig && echo "ran ldconfig: the loader now finds $prefix/lib/librtdriver.so.0"
    else
      echo "run 'sudo ldconfig' so the loader finds $prefix/lib/librtdriver.so.0"
    fi
  else
    echo "$prefix/lib is not a standard library directory: link with -Wl,-rpath,$prefix/lib, set LD_LIBRARY_PATH=$prefix/lib, or add it to /etc/ld.so.conf.d/; pkg-config: PKG_CONFIG_PATH=$prefix/lib/pkgconfig"
  fi
}

# ---- uninstall --------------------------------------------------------------------------------
uninstall_all() {
  local prefix="${1%/}" destdir="${2:-}"
  [ -n "$prefix" ] || prefix=/
  check_prefix "$prefix"
  local dest="${destdir%/}$prefix"
  local manifest="$dest/$MANIFEST_REL"
  [ -f "$manifest" ] || die "no rtdriver installation in $dest (expected $manifest)"
  local kind a rel kept=0 dirs=()
  while read -r kind a rel; do
    case "$kind" in
      f)
        if [ ! -e "$dest/$rel" ]; then
          echo "already gone: $dest/$rel"
        elif [ "$(sha256sum <"$dest/$rel" | cut -d' ' -f1)" = "$a" ]; then
          rm -f "$dest/$rel"
        else
          echo "kept $dest/$rel: changed since it was installed"; kept=$((kept + 1))
        fi ;;
      l)
        if [ -L "$dest/$rel" ] && [ "$(readlink "$dest/$rel")" = "$a" ]; then
          rm -f "$dest/$rel"
        elif [ -e "$dest/$rel" ] || [ -L "$dest/$rel" ]; then
          echo "kept $dest/$rel: no longer the link install made"; kept=$((kept + 1))
        fi ;;
      d) dirs+=("$a${rel:+ $rel}") ;;
      *) die "$manifest: unknown entry '$kind $a $rel'" ;;
    esac
  done <"$manifest"
  rm -f "$manifest"
  # Deepest first; a directory that holds anything else stays.
  local i
  for ((i = ${#dirs[@]} - 1; i >= 0; i--)); do
    local dir="$dest/${dirs[i]}"
    [ "${dirs[i]}" = . ] && dir="$dest"
    rmdir "$dir" 2>/dev/null || echo "kept $dir/: not empty"
  done
  if [ "$kept" -gt 0 ]; then
    echo "uninstalled rtdriver from $dest; kept $kept changed file(s) listed above"
  else
    echo "uninstalled rtdriver from $dest"
  fi
}

case "${1:-}" in
  install) shift; [ $# -ge 2 ] || die "usage: install.sh install ARTIFACTS PREFIX [DESTDIR]"; install_all "$@" ;;
  uninstall) shift; [ $# -ge 1 ] || die "usage: install.sh uninstall PREFIX [DESTDIR]"; uninstall_all "$@" ;;
  *) die "usage: install.sh install ARTIFACTS PREFIX [DESTDIR] | uninstall PREFIX [DESTDIR]" ;;
esac
