#!/usr/bin/env bash
# Builds the project's open 8051 MCU firmware images.
#   firmware/build-image.sh OUTDIR
# writes OUTDIR/rtdriver-open.bin     (PCI layout: one 8 KiB CRC chunk)
#        OUTDIR/rtdriver-open-usb.bin (USB layout: two identical 4 KiB chunks, each with its CRC)
# Needs sdas8051 and sdld (Debian/Ubuntu package "sdcc") and python3. See firmware/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build-image.sh OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
for tool in sdas8051 sdld python3; do
  command -v "$tool" >/dev/null || { echo "build-image.sh: $tool not found (install the sdcc package and python3)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/rtdriver-mcu.asm" "$work/"
( cd "$work"
  sdas8051 -plosgff rtdriver-mcu.rel rtdriver-mcu.asm
  sdld -n -i rtdriver-mcu.ihx rtdriver-mcu.rel )
python3 "$here/pack-image.py" "$work/rtdriver-mcu.ihx" "$out"
