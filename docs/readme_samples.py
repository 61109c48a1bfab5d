#!/usr/bin/env python3
"""README.md's sample outputs, produced by running the commands they show.

A sample in README.md is a fenced block between two markers; the first marker holds the command:

    <!-- sample: rtprobe info --device emu:rt3070 -->
    ```
    $ rtprobe info --device emu:rt3070
    ...the command's output (stdout and stderr, as a terminal shows them)...
    ```
    <!-- /sample -->

    docs/readme_samples.py --write    runs every command and rewrites the blocks in README.md
    docs/readme_samples.py --check    regenerates into a temporary copy and fails, printing the
                                      diff, when README.md differs beyond the VOLATILE parts below
                                      (./build.sh test runs this)

Commands run through bash in an empty temporary directory holding the INPUTS below, with the
published artifacts/bin first on PATH (so `rtprobe` is the one just built), HOME set to that
directory and no RTDRIVER_* variables. A non-zero exit status is shown on the `$` line.
Regenerate after changing rtprobe's output; the samples cannot drift because the check fails.
"""

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, List, Tuple

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Files a sample command names, linked into its working directory under the short name shown.
INPUTS = {
    "rt2870.bin": SHARED / "testdata" / "firmware" / "linux-firmware-2019" / "rt2870.bin",
    "wpa2-psk-linksys.cap": SHARED / "testdata" / "captures" / "aircrack-ng" / "wpa2-psk-linksys.cap",
}

# What legitimately differs from run to run or machine to machine: (why, pattern, replacement),
# applied to both sides before --check compares; --write always records the real output.
# `rtprobe selftest` has one column per crypto path the CPU offers (portable everywhere, aesni
# where the CPU has AES-NI): its columns, its default path and its totals are normalised, the
# rows (every cipher, pass) are not.
VOLATILE: List[Tuple[str, str, str]] = [
    ("wall-clock durations (pcap decrypt's summary line)", r"\b\d+\.\d+ s\b", "<seconds> s"),
    ("how many PCI functions and USB devices this machine has",
     r"scanned \d+ PCI function\(s\) and \d+ USB device\(s\)", "scanned <n> PCI function(s) and <n> USB device(s)"),
    ("whether this machine has a USB bus at all", r"(?m)^note: this machine has no USB bus.*\n", ""),
    ("the crypto path this CPU picks by default", r"crypto self-test \(default path: [\w-]+\)", "crypto self-test (default path: <path>)"),
    ("which crypto paths this CPU has (selftest's columns)", r"(?m)^cipher( +[\w-]+)+ *$", "cipher <paths>"),
    ("one result per crypto path (selftest's rows)", r"(?m)^([\w-]+ +)pass( +pass)* *$", r"\1<pass on every path>"),
    ("how many paths were tested", r"all \d+ tests passed on \d+ path\(s\)", "all <n> tests passed on <n> path(s)"),
]

MARKER = re.compile(r"(?P<open><!-- sample: (?P<cmd>.+?) -->\n)(?P<body>.*?)(?P<close><!-- /sample -->)", re.S)


def run_sample(command: str, bin_dir: Path) -> str:
    """The block for one command: `$ command`, then its output with trailing spaces removed."""
    with tempfile.TemporaryDirectory(prefix="rtdriver-readme-") as work:
        for name, source in INPUTS.items():
            if name in command:
                if not source.exists():
                    raise SystemExit(f"readme_samples: the sample `{command}` needs {source}, which is missing "
                                     f"(the shared test data is expected at {SHARED})")
                os.symlink(source, os.path.join(work, name))
        env = {k: v for k, v in os.environ.items() if not k.startswith("RTDRIVER_")}
        env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", HOME=work, LC_ALL="C.UTF-8", TERM="dumb")
        r = subprocess.run(["bash", "-c", command], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=300)
    output = r.stdout.decode("utf-8", errors="replace")
    lines = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    first = f"$ {command}" + (f"      # exit status {r.returncode}" if r.returncode != 0 else "")
    return "```\n" + "\n".join([first] + lines) + "\n```\n"


def regenerate(text: str, bin_dir: Path, progress: Callable[[str], None] = lambda _: None) -> Tuple[str, int]:
    """README text with every sample block rewritten from a real run; and how many there were."""
    count = 0

    def replace(m: re.Match) -> str:
        nonlocal count
        count += 1
        progress(m.group("cmd"))
        return m.group("open") + run_sample(m.group("cmd"), bin_dir) + m.group("close")

    return MARKER.sub(replace, text), count


def normalise(text: str) -> str:
    for _, pattern, replacement in VOLATILE:
        text = re.sub(pattern, replacement, text)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the sample blocks of the README in place")
    mode.add_argument("--check", action="store_true", help="fail with a diff when the README's samples are stale")
    ap.add_argument("--readme", type=Path, default=REPO / "README.md")
    ap.add_argument("--bin", type=Path, default=REPO / "artifacts" / "bin", help="where the built rtprobe is")
    args = ap.parse_args()
    if not (args.bin / "rtprobe").exists():
        print(f"readme_samples: {args.bin / 'rtprobe'} is missing: run ./build.sh first", file=sys.stderr)
        return 1
    current = args.readme.read_text(encoding="utf-8")
    if current.count("<!-- sample:") != current.count("<!-- /sample -->"):
        print(f"readme_samples: {args.readme} has unbalanced sample markers", file=sys.stderr)
        return 1
    fresh, count = regenerate(current, args.bin.resolve(), lambda cmd: print(f"running: {cmd}"))
    if count == 0:
        print(f"readme_samples: no <!-- sample: ... --> markers in {args.readme}", file=sys.stderr)
        return 1
    if args.write:
        args.readme.write_text(fresh, encoding="utf-8")
        print(f"rewrote {count} sample(s) in {args.readme}")
        return 0
    # --check: the README against its regenerated copy, volatile parts normalised on both sides.
    diff = list(difflib.unified_diff(normalise(current).splitlines(keepends=True), normalise(fresh).splitlines(keepends=True),
                                     str(args.readme), f"{args.readme} (regenerated now, normalised)"))
    # The same markers in the same order on both sides: name the stale samples.
    stale = [old.group("cmd") for old, new in zip(MARKER.finditer(current), MARKER.finditer(fresh))
             if normalise(old.group("body")) != normalise(new.group("body"))]
    if diff:
        sys.stdout.writelines(diff)
        print(f"\n{len(stale)} of {count} README sample(s) are stale: {'; '.join(stale)}\n"
              "regenerate them with: python3 docs/readme_samples.py --write")
        print(f"{count - len(stale)} passed, {len(stale)} failed")
        return 1
    print(f"{count} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
