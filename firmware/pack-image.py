#!/usr/bin/env python3
"""Packs the assembled 8051 program (Intel HEX) into the open firmware images.

Layout (must match src/RtDriver/Hardware/Firmware/OpenFirmwareLayout.cs):
  code at byte 0; ASCII signature at 0x0F00 of each 4 KiB piece; version bytes
  (major, minor) at chunk_size-4 / chunk_size-3; CRC-16/MCRF4XX (poly 0x8408
  reflected, init 0xFFFF, no final xor) of bytes 0..chunk_size-3 stored low
  byte first in the last two bytes of each chunk.
"""
import sys

SIGNATURE = b"RTDRIVER-OPEN-8051"
SIGNATURE_OFFSET = 0x0F00
VERSION = (1, 0)
PIECE = 4096


def crc16_mcrf4xx(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc


def read_ihx(path):
    code = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith(":"):
                continue
            raw = bytes.fromhex(line[1:])
            count, addr, rtype = raw[0], raw[1] << 8 | raw[2], raw[3]
            if sum(raw) & 0xFF:
                sys.exit(f"pack-image.py: bad checksum in {path}: {line}")
            if rtype == 0:
                for i in range(count):
                    code[addr + i] = raw[4 + i]
            elif rtype == 1:
                break
    if not code:
        sys.exit(f"pack-image.py: {path} holds no code")
    top = max(code) + 1
    if top > SIGNATURE_OFFSET:
        sys.exit(f"pack-image.py: program is {top} bytes, it must end below 0x{SIGNATURE_OFFSET:X}")
    program = bytearray(top)
    for a, v in code.items():
        program[a] = v
    return bytes(program)


def piece(program):
    p = bytearray(b"\xff" * PIECE)
    p[: len(program)] = program
    p[SIGNATURE_OFFSET : SIGNATURE_OFFSET + len(SIGNATURE)] = SIGNATURE
    return p


def seal(chunk):
    chunk[-4], chunk[-3] = VERSION
    crc = crc16_mcrf4xx(chunk[:-2])
    chunk[-2], chunk[-1] = crc & 0xFF, crc >> 8
    return chunk


def main():
    ihx, outdir = sys.argv[1], sys.argv[2]
    program = read_ihx(ihx)
    pci = seal(piece(program) + bytearray(b"\xff" * PIECE))
    usb = seal(piece(program)) + seal(piece(program))
    assert len(pci) == 8192 and len(usb) == 8192
    with open(f"{outdir}/rtdriver-open.bin", "wb") as f:
        f.write(pci)
    with open(f"{outdir}/rtdriver-open-usb.bin", "wb") as f:
        f.write(usb)
    print(f"open firmware: {len(program)} bytes of 8051 code, version {VERSION[0]}.{VERSION[1]}, "
          f"PCI CRC 0x{pci[-2] | pci[-1] << 8:04X}, USB CRCs 0x{usb[4094] | usb[4095] << 8:04X}/0x{usb[-2] | usb[-1] << 8:04X}")


if __name__ == "__main__":
    main()
