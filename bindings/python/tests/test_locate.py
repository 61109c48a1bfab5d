import os
import shutil
import tempfile
import unittest
from pathlib import Path

from tests.support import PACKAGE_SRC, REPO, built_library, run_python

PRINT_PATH = "import rtdriver; print(rtdriver.library_path()); print(rtdriver.version())"
PRINT_ERROR = """
import rtdriver
try:
    rtdriver.load_library()
except rtdriver.LibraryNotFound as e:
    print(e)
else:
    print("FOUND", rtdriver.library_path())
"""


class LocateTests(unittest.TestCase):
    """The library lookup order: $RTDRIVER_LIB, alongside the package, the repository's build,
    pkg-config's libdir, the dynamic loader, /usr/local/lib; an error naming every place tried."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="rtdriver-locate-"))
        self.site = self.tmp / "site"          # the package outside any repository, as pip installs it
        shutil.copytree(PACKAGE_SRC / "rtdriver", self.site / "rtdriver", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        self.empty_pc = self.tmp / "no-pkgconfig"
        self.empty_pc.mkdir()
        self.isolated = {"PKG_CONFIG_LIBDIR": str(self.empty_pc), "PKG_CONFIG_PATH": str(self.empty_pc)}
        self.lib = built_library()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_ok(self, env=None, pythonpath=None):
        r = run_python(PRINT_PATH, pythonpath or self.site, {**self.isolated, **(env or {})})
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.splitlines()

    def test_rtdriver_lib_wins_and_a_wrong_one_is_not_replaced(self):
        (self.site / "rtdriver" / "librtdriver.so").symlink_to(self.lib)
        self.assertEqual(self.run_ok({"RTDRIVER_LIB": str(self.lib)})[0], str(self.lib))
        missing = str(self.tmp / "nowhere" / "librtdriver.so")
        r = run_python(PRINT_ERROR, self.site, {**self.isolated, "RTDRIVER_LIB": missing})
        self.assertIn(f"{missing} ($RTDRIVER_LIB): no such file", r.stdout)
        self.assertNotIn("inside the package", r.stdout)

    def test_a_library_inside_or_beside_the_package(self):
        inside = self.site / "rtdriver" / "librtdriver.so"
        inside.symlink_to(self.lib)
        self.assertEqual(self.run_ok()[0], str(inside))
        inside.unlink()
        beside = self.site / "librtdriver.so"
        beside.symlink_to(self.lib)
        self.assertEqual(self.run_ok()[0], str(beside))

    def test_the_repository_build_when_run_from_a_checkout(self):
        out = self.run_ok(pythonpath=PACKAGE_SRC)
        self.assertEqual(out[0], str(REPO / "artifacts" / "lib" / "librtdriver.so"))

    def test_an_installed_prefix_through_pkg_config(self):
        if not shutil.which("pkg-config"):
            self.skipTest("pkg-config is not installed")
        prefix = self.tmp / "prefix"
        (prefix / "lib" / "pkgconfig").mkdir(parents=True)
        (prefix / "lib" / "librtdriver.so.0").symlink_to(self.lib)
        (prefix / "lib" / "pkgconfig" / "rtdriver.pc").write_text(
            f"prefix={prefix}\nlibdir=${{prefix}}/lib\n\nName: rtdriver\nDescription: test\nVersion: 0\nLibs: -L${{libdir}} -lrtdriver\n")
        out = self.run_ok({"PKG_CONFIG_LIBDIR": str(prefix / "lib" / "pkgconfig")})
        self.assertEqual(out[0], str(prefix / "lib" / "librtdriver.so.0"))

    def test_the_dynamic_loaders_own_search(self):
        libdir = self.tmp / "ld"
        libdir.mkdir()
        (libdir / "librtdriver.so.0").symlink_to(self.lib)
        out = self.run_ok({"LD_LIBRARY_PATH": str(libdir)})
        self.assertIn("librtdriver.so", out[0])
        self.assertRegex(out[1], r"^\d+\.\d+\.\d+")

    def test_nothing_found_names_every_place_in_order(self):
        if os.path.exists("/usr/local/lib/librtdriver.so.0"):
            self.skipTest("rtdriver is installed in /usr/local on this machine")
        r = run_python(PRINT_ERROR, self.site, self.isolated)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = r.stdout
        expected = [str(self.site / "rtdriver" / "librtdriver.so"), str(self.site / "librtdriver.so"),
                    "librtdriver.so.0 (the dynamic loader's search path)", "/usr/local/lib/librtdriver.so.0",
                    "RTDRIVER_LIB"]
        positions = [text.find(e) for e in expected]
        self.assertNotIn(-1, positions, text)
        self.assertEqual(positions, sorted(positions), text)


if __name__ == "__main__":
    unittest.main()
