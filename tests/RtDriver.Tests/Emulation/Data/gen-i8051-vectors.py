#!/usr/bin/env python3
"""Generates differential test vectors for rtdriver's 8051 core (I8051) from ucsim's s51
(package sdcc-ucsim), an independent 8051 simulator.

Each vector is a random straight-line program (every instruction except jumps/calls/returns;
conditional branches appear with a relative offset of 0, so their side effects — JBC clearing
its bit, CJNE setting carry, DJNZ decrementing — are exercised without changing control flow)
after a prologue that clears IRAM and XRAM 0x0000-0x01FF (s51 fills memory with random data).
s51 -t 8052 (256 bytes of IRAM) runs it; the state after `steps` instructions is recorded:
IRAM, ACC, B, PSW, SP, DPTR and XRAM 0x0000-0x01FF.

  python3 gen-i8051-vectors.py > i8051-s51-vectors.json
"""
import json, os, random, re, subprocess, sys, tempfile

SFRS = [0xE0, 0xF0, 0xD0, 0x82, 0x83]           # ACC, B, PSW, DPL, DPH
# PSW.3/PSW.4 (RS0/RS1, bit addresses 0xD3/0xD4) are left out: ucsim 0.6.4 does not switch the
# register bank when a bit instruction (CPL/SETB/CLR/MOV bit,C/JBC) changes them, while a real 8051
# does (found by this generator: 4 of 100 programs diverged exactly there). Byte writes to PSW,
# which ucsim handles, stay in.
BITS = list(range(0x00, 0x80)) + list(range(0xE0, 0xE8)) + list(range(0xF0, 0xF8)) + [0xD1, 0xD2, 0xD5, 0xD6, 0xD7]

def d(r): return r.choice(list(range(0x00, 0x80)) * 3 + SFRS)
def b(r): return r.choice(BITS)
def i(r): return r.randrange(256)

def instr(r):
    n = r.randrange(8); ri = r.randrange(2)
    forms = [
        lambda: [0x00], lambda: [0x03], lambda: [0x13], lambda: [0x23], lambda: [0x33],
        lambda: [0x04], lambda: [0x05, d(r)], lambda: [0x06 | ri], lambda: [0x08 | n],
        lambda: [0x14], lambda: [0x15, d(r)], lambda: [0x16 | ri], lambda: [0x18 | n],
        lambda: [0x10, b(r), 0x00], lambda: [0x20, b(r), 0x00], lambda: [0x30, b(r), 0x00],
        lambda: [0x40, 0x00], lambda: [0x50, 0x00], lambda: [0x60, 0x00], lambda: [0x70, 0x00],
        lambda: [0x24, i(r)], lambda: [0x25, d(r)], lambda: [0x26 | ri], lambda: [0x28 | n],
        lambda: [0x34, i(r)], lambda: [0x35, d(r)], lambda: [0x36 | ri], lambda: [0x38 | n],
        lambda: [0x42, d(r)], lambda: [0x43, d(r), i(r)], lambda: [0x44, i(r)], lambda: [0x45, d(r)], lambda: [0x46 | ri], lambda: [0x48 | n],
        lambda: [0x52, d(r)], lambda: [0x53, d(r), i(r)], lambda: [0x54, i(r)], lambda: [0x55, d(r)], lambda: [0x56 | ri], lambda: [0x58 | n],
        lambda: [0x62, d(r)], lambda: [0x63, d(r), i(r)], lambda: [0x64, i(r)], lambda: [0x65, d(r)], lambda: [0x66 | ri], lambda: [0x68 | n],
        lambda: [0x72, b(r)], lambda: [0x74, i(r)], lambda: [0x75, d(r), i(r)], lambda: [0x76 | ri, i(r)], lambda: [0x78 | n, i(r)],
        lambda: [0x82, b(r)], lambda: [0x83], lambda: [0x84], lambda: [0x85, d(r), d(r)], lambda: [0x86 | ri, d(r)], lambda: [0x88 | n, d(r)],
        lambda: [0x90, 0x00, i(r)], lambda: [0x92, b(r)], lambda: [0x93], lambda: [0x94, i(r)], lambda: [0x95, d(r)], lambda: [0x96 | ri], lambda: [0x98 | n],
        lambda: [0xA0, b(r)], lambda: [0xA2, b(r)], lambda: [0xA3], lambda: [0xA4], lambda: [0xA6 | ri, d(r)], lambda: [0xA8 | n, d(r)],
        lambda: [0xB0, b(r)], lambda: [0xB2, b(r)], lambda: [0xB3], lambda: [0xB4, i(r), 0x00], lambda: [0xB5, d(r), 0x00], lambda: [0xB6 | ri, i(r), 0x00], lambda: [0xB8 | n, i(r), 0x00],
        lambda: [0xC0, d(r)], lambda: [0xC2, b(r)], lambda: [0xC3], lambda: [0xC4], lambda: [0xC5, d(r)], lambda: [0xC6 | ri], lambda: [0xC8 | n],
        lambda: [0xD0, d(r)], lambda: [0xD2, b(r)], lambda: [0xD3], lambda: [0xD4], lambda: [0xD5, d(r), 0x00], lambda: [0xD6 | ri], lambda: [0xD8 | n, 0x00],
        lambda: [0xE0], lambda: [0xE2 | ri], lambda: [0xE4], lambda: [0xE5, d(r)], lambda: [0xE6 | ri], lambda: [0xE8 | n],
        lambda: [0xF0], lambda: [0xF2 | ri], lambda: [0xF4], lambda: [0xF5, d(r)], lambda: [0xF6 | ri], lambda: [0xF8 | n],
    ]
    return r.choice(forms)()

# Prologue: clear IRAM 0x01-0xFF and 0x00, clear XRAM pages 0 and 1 through MOVX @R0 with P2, P2 back to 0xFF.
PROLOGUE = [
    0x78, 0xFF,             # mov r0,#0xff
    0x76, 0x00,             # L1: mov @r0,#0
    0xD8, 0xFC,             # djnz r0,L1
    0x75, 0x00, 0x00,       # mov 0x00,#0
    0x75, 0xA0, 0x00,       # mov P2,#0
    0xE4,                   # clr a
    0xF2,                   # L2: movx @r0,a
    0xD8, 0xFD,             # djnz r0,L2  (r0 starts 0 -> 256 iterations)
    0x75, 0xA0, 0x01,       # mov P2,#1
    0xF2,                   # L3: movx @r0,a
    0xD8, 0xFD,             # djnz r0,L3
    0x75, 0xA0, 0x00,       # mov P2,#0 (MOVX @Ri stays in page 0)
]
PROLOGUE_STEPS = 1 + 2 * 255 + 1 + 1 + 1 + 2 * 256 + 1 + 2 * 256 + 1

def ihx(code):
    out = []
    for a in range(0, len(code), 16):
        chunk = code[a:a + 16]
        rec = [len(chunk), a >> 8, a & 0xFF, 0] + list(chunk)
        out.append(":" + "".join(f"{x:02X}" for x in rec) + f"{(-sum(rec)) & 0xFF:02X}")
    out.append(":00000001FF")
    return "\n".join(out) + "\n"

def dump(text, digits, start, end):
    mem = {}
    for l in text.splitlines():
        m = re.match(r"^0x([0-9a-f]{%d})\s+((?:[0-9a-f]{2} )*[0-9a-f]{2})" % digits, l)
        if not m: continue
        addr = int(m.group(1), 16)
        for k, t in enumerate(m.group(2).split()):
            if start <= addr + k <= end: mem.setdefault(addr + k, int(t, 16))
    return [mem[a] for a in range(start, end + 1)]

def run_s51(code, steps):
    with tempfile.TemporaryDirectory() as t:
        p = os.path.join(t, "p.ihx")
        open(p, "w").write(ihx(code))
        cmds = f"step {steps}\ndump iram 0 0xff\ndump xram 0 0x1ff\nquit\n"
        out = subprocess.run(["s51", "-t", "8052", p], input=cmds, capture_output=True, text=True, timeout=60).stdout
    dumps = out[out.index("Host usage:"):]   # after the stop report (its disassembly line looks like a dump)
    iram = dump(dumps, 2, 0, 0xFF)
    xram = dump(dumps, 4, 0, 0x1FF)
    sfr = {
        "ACC": int(re.findall(r"ACC= 0x([0-9a-f]{2})", out)[-1], 16),
        "B": int(re.findall(r" B= 0x([0-9a-f]{2})", out)[-1], 16),
        "PSW": int(re.findall(r"PSW= 0x([0-9a-f]{2})", out)[-1], 16),
        "SP": int(re.findall(r"SP 0x([0-9a-f]{2})", out)[-1], 16),
    }
    dptr = int(re.findall(r"DPTR= 0x([0-9a-f]{4})", out)[-1], 16)
    sfr["DPL"], sfr["DPH"] = dptr & 0xFF, dptr >> 8
    return iram, xram, sfr

def main():
    r = random.Random(8051)
    vectors = []
    for v in range(int(sys.argv[1]) if len(sys.argv) > 1 else 80):
        body = []
        count = r.randrange(60, 200)
        for _ in range(count): body += instr(r)
        code = PROLOGUE + body + [0x80, 0xFE]   # sjmp .
        steps = PROLOGUE_STEPS + count + 5
        iram, xram, sfr = run_s51(code, steps)
        vectors.append({"code": bytes(code).hex(), "steps": steps, "iram": bytes(iram).hex(), "xram": bytes(xram).hex(),
                        "acc": sfr["ACC"], "b": sfr["B"], "psw": sfr["PSW"], "sp": sfr["SP"], "dpl": sfr["DPL"], "dph": sfr["DPH"]})
    json.dump({"generator": "tests/RtDriver.Tests/Emulation/Data/gen-i8051-vectors.py with ucsim s51 0.6.4 (-t 8052)", "vectors": vectors}, sys.stdout, indent=0)

if __name__ == "__main__":
    main()
