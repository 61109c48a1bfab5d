#!/usr/bin/env python3
"""README.md's sentence on the C ABI's return types must match native/include/rtdriver.h.

The paragraph of README.md that starts "Every function returns an `int` status" must name, in
backticks, exactly the functions of rtdriver.h that do not return int, and say each one's return
type as the header declares it (void, uint32_t, const char *). ./build.sh test runs this.
    docs/check_readme_abi.py [README] [HEADER]
"""

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEAD = "Every function returns an `int` status"
# How the README spells each C return type.
SPELLING = {"void": "`void`", "uint32_t": "`uint32_t`", "const char *": "string"}


def non_int_functions(header: str) -> dict:
    """name -> return type for every function declared with a return type other than int."""
    code = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
    found = {}
    for m in re.finditer(r"^\s*((?:const\s+)?[a-z_0-9]+\s*\**)\s*(rt_[a-z0-9_]+)\s*\(", code, flags=re.M):
        rtype = re.sub(r"\s+", " ", m.group(1).replace("*", " *")).strip()
        if rtype != "int":
            found[m.group(2)] = rtype
    return found


def main() -> int:
    readme = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "README.md"
    header = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "native" / "include" / "rtdriver.h"
    text = readme.read_text(encoding="utf-8")
    start = text.find(LEAD)
    if start < 0:
        print(f"{readme}: no paragraph starting {LEAD!r}\n0 passed, 1 failed")
        return 1
    paragraph = text[start:text.find("\n\n", start)]
    expected = non_int_functions(header.read_text(encoding="utf-8"))
    named = set(re.findall(r"`(rt_[a-z0-9_]+)`", paragraph))
    problems = []
    if set(expected) != named:
        problems.append(f"the sentence names {sorted(named)} but the functions of {header.name} that do not return int "
                        f"are {sorted(expected)}")
    for name, rtype in sorted(expected.items()):
        # The type named after the function, before the next function of another type is named.
        m = re.search(rf"`{name}`[^.;]*?(`void`|`uint32_t`|string)", paragraph)
        if not m or m.group(1) != SPELLING.get(rtype):
            problems.append(f"{name} returns {rtype} in {header.name}; the README says {m.group(1) if m else 'nothing'}")
    count = 1 + len(expected)  # the set of names, then each function's type
    if problems:
        print("\n".join(problems))
        print(f"{count - len(problems)} passed, {len(problems)} failed")
        return 1
    print(f"README's C ABI sentence matches {header.name}: {', '.join(f'{n} -> {t}' for n, t in sorted(expected.items()))}")
    print(f"{count} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
