import re
import unittest

import rtdriver
from tests.support import REPO, library


class GeneralTests(unittest.TestCase):
    def setUp(self):
        library()

    def test_versions_and_names(self):
        self.assertEqual(rtdriver.abi_version(), 1)
        self.assertRegex(rtdriver.version(), r"^\d+\.\d+\.\d+")
        self.assertEqual(rtdriver.status_name(rtdriver.ERR_MIC), "RT_ERR_MIC")
        self.assertEqual(rtdriver.status_name(0), "RT_OK")
        self.assertEqual(rtdriver.status_name(12345), "RT_UNKNOWN")
        self.assertIn(rtdriver.cpu_path(), {"aesni", "arm64-aes", "portable"})
        self.assertIsInstance(rtdriver.last_error(), str)

    def test_status_constants_match_the_library(self):
        for name in dir(rtdriver):
            if name == "OK" or name.startswith("ERR_"):
                value = getattr(rtdriver, name)
                self.assertEqual(rtdriver.status_name(value), "RT_" + name if name != "OK" else "RT_OK")

    def test_binding_covers_every_function_of_the_header(self):
        header = (REPO / "native" / "include" / "rtdriver.h").read_text()
        code = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
        declared = set(re.findall(r"\b(rt_[a-z0-9_]+)\s*\(", code))
        bound = set(rtdriver._PROTOTYPES)
        self.assertEqual(sorted(declared - bound), [], "functions in rtdriver.h the binding does not wrap")
        self.assertEqual(sorted(bound - declared), [], "functions the binding wraps that rtdriver.h does not declare")
        self.assertEqual(library().missing, [], "functions rtdriver.h declares that the library does not export")


if __name__ == "__main__":
    unittest.main()
