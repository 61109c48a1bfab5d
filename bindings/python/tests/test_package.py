import importlib.util
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
from pathlib import Path

from tests.support import PACKAGE_SRC, REPO, built_library, run_python

CHECK = ("import rtdriver, sys; print(rtdriver.__file__); print(rtdriver.version());"
         "print(rtdriver.Device('emu:rt2860').info().chip_id_hex)")


def props_version() -> str:
    return re.search(r"<Version>([^<]+)</Version>", (REPO / "Directory.Build.props").read_text()).group(1)


@unittest.skipIf(importlib.util.find_spec("pip") is None, "pip is not installed for this python")
class PackageTests(unittest.TestCase):
    """`pip install bindings/python` offline (--no-index: nothing may be downloaded), from the tree and from an sdist."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="rtdriver-pip-"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def pip_install(self, source: Path, target: Path):
        r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--target", str(target), str(source)],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def check_installed(self, target: Path):
        meta = next(target.glob("rtdriver-*.dist-info")) / "METADATA"
        self.assertIn(f"Version: {props_version()}\n", meta.read_text())
        r = run_python(CHECK, target, {"RTDRIVER_LIB": str(built_library())}, cwd=self.tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        file, version, chip = r.stdout.splitlines()
        self.assertTrue(file.startswith(str(target)), file)
        self.assertEqual((version, chip), (props_version(), "0x2860"))

    def test_pip_installs_the_source_tree_offline(self):
        target = self.tmp / "site"
        self.pip_install(PACKAGE_SRC, target)
        self.check_installed(target)
        self.assertEqual(sorted(p.name for p in (target / "rtdriver").glob("*.py")),
                         sorted(p.name for p in (PACKAGE_SRC / "rtdriver").glob("*.py")))

    def test_an_sdist_installs_offline_with_its_recorded_version(self):
        sys.path.insert(0, str(PACKAGE_SRC / "_build"))
        try:
            import rtdriver_build
            name = rtdriver_build.build_sdist(str(self.tmp))
        finally:
            sys.path.remove(str(PACKAGE_SRC / "_build"))
        with tarfile.open(self.tmp / name) as tar:
            tar.extractall(self.tmp / "unpacked")
        source = next((self.tmp / "unpacked").iterdir())
        self.assertFalse((source.parent.parent / "Directory.Build.props").exists())  # the version must come from PKG-INFO
        target = self.tmp / "site"
        self.pip_install(source, target)
        self.check_installed(target)


if __name__ == "__main__":
    unittest.main()
