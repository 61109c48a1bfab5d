import re
import unittest

import rtdriver
from rtdriver import Cipher, Placement, Status
from tests.support import REPO, library

# Python enum -> the prefix its members carry in rtdriver.h
PREFIXES = {Status: "RT_", Cipher: "RT_CIPHER_", Placement: "RT_PLACED_"}


def header_values(prefix: str, pattern: str) -> dict:
    """Every `NAME = value` of rtdriver.h whose name matches prefix+pattern (comments removed)."""
    code = re.sub(r"/\*.*?\*/", "", (REPO / "native" / "include" / "rtdriver.h").read_text(), flags=re.S)
    return {m.group(1)[len(prefix):]: int(m.group(2)) for m in re.finditer(rf"\b({prefix}{pattern})\s*=\s*(-?\d+)", code)}


class EnumTests(unittest.TestCase):
    def test_every_enum_value_equals_the_header(self):
        declared = {
            Status: header_values("RT_", r"(?:OK|ERR_[A-Z0-9_]+)"),
            Cipher: header_values("RT_CIPHER_", r"[A-Z0-9_]+"),
            Placement: header_values("RT_PLACED_", r"[A-Z0-9_]+"),
        }
        for enum, values in declared.items():
            with self.subTest(enum=enum.__name__):
                self.assertGreater(len(values), 1, f"no {PREFIXES[enum]}* values parsed from rtdriver.h")
                self.assertEqual({m.name: int(m) for m in enum}, values)

    def test_flat_names_are_the_enum_members(self):
        self.assertIs(rtdriver.CIPHER_CCMP, Cipher.CCMP)
        self.assertIs(rtdriver.ERR_MIC, Status.ERR_MIC)
        self.assertIs(rtdriver.PLACED_SOFTWARE, Placement.SOFTWARE)
        self.assertEqual(rtdriver.ERR_MIC, -13)  # still plain ints to compare and to pass to C

    def test_status_c_names_match_the_library(self):
        library()
        for s in Status:
            self.assertEqual(rtdriver.status_name(s), s.c_name)

    def test_library_results_come_back_as_enums(self):
        library()
        with rtdriver.Device("emu:rt2860") as dev:
            placed = dev.set_key(Cipher.GCMP, bytes(16), addr="00:11:22:33:44:55")
            self.assertIs(placed, Placement.SOFTWARE)
            entry = dev.keys()[0]
            self.assertIs(entry.cipher, Cipher.GCMP)
            self.assertIs(entry.placement, Placement.SOFTWARE)
        with rtdriver.Key(Cipher.CCMP, bytes(16)) as key:
            self.assertEqual(repr(key), "<rtdriver.Key CCMP key id 0>")
            (status, _), = key.decrypt_batch([b"\x08\x41" + bytes(40)])
            self.assertIsInstance(status, Status)
            with self.assertRaises(rtdriver.RtError) as ctx:
                key.decrypt(b"\x08")
            self.assertIsInstance(ctx.exception.status, Status)


if __name__ == "__main__":
    unittest.main()
