"""Where librtdriver is looked for, in order:

1. $RTDRIVER_LIB, the path of the library (when set, nothing else is tried: an explicit choice
   that is wrong should fail, not be silently replaced);
2. a librtdriver.so alongside the package: inside the rtdriver/ directory, or beside it;
3. the repository's build, <repo>/artifacts/lib/librtdriver.so, when the package is run from a checkout;
4. an installed prefix: pkg-config's libdir for rtdriver (when pkg-config is present), the
   dynamic loader's own search (ld.so.cache, LD_LIBRARY_PATH: `librtdriver.so.0`), and
   /usr/local/lib, where `./build.sh install` puts it by default.

The first that exists is used; if none does, LibraryNotFound names every place tried.
"""

import ctypes
import ctypes.util
import os
import shutil
import subprocess
from pathlib import Path
from typing import List, Optional, Tuple

ENV = "RTDRIVER_LIB"
SONAME = "librtdriver.so.0"
FILE = "librtdriver.so"
_PACKAGE_DIR = Path(__file__).resolve().parent


class LibraryNotFound(OSError):
    """No librtdriver in any of the places tried (.tried lists them)."""

    def __init__(self, tried: List[str]):
        self.tried = tried
        super().__init__("librtdriver not found; tried, in order:\n  " + "\n  ".join(tried) +
                         f"\nBuild it with ./build.sh (then `./build.sh install`), or set {ENV} to the library's path.")


def _pkg_config_libdir() -> Optional[str]:
    if not shutil.which("pkg-config"):
        return None
    try:
        out = subprocess.run(["pkg-config", "--variable=libdir", "rtdriver"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


def _loadable(name: str) -> bool:
    """Whether the dynamic loader resolves a bare library name by itself."""
    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        return False


def candidates() -> List[Tuple[str, str]]:
    """(path or loader name, where it comes from) for every place searched, in order."""
    env = os.environ.get(ENV)
    if env:
        return [(env, f"${ENV}")]
    places = [(str(_PACKAGE_DIR / FILE), "inside the package"), (str(_PACKAGE_DIR.parent / FILE), "beside the package")]
    repo = _PACKAGE_DIR.parents[2] if len(_PACKAGE_DIR.parents) > 2 else None
    if repo is not None and (repo / "Directory.Build.props").is_file():
        places.append((str(repo / "artifacts" / "lib" / FILE), "the repository's build"))
    libdir = _pkg_config_libdir()
    if libdir:
        places.append((os.path.join(libdir, SONAME), "pkg-config's libdir"))
    places.append((SONAME, "the dynamic loader's search path"))
    places.append(("/usr/local/lib/" + SONAME, "the default install prefix"))
    return places


def library_path() -> str:
    """The library that load_library() loads: a path, or the soname when the loader finds it by itself."""
    tried = []
    for place, origin in candidates():
        if os.sep in place:
            if os.path.exists(place):
                return place
            tried.append(f"{place} ({origin}): no such file")
        else:
            found = ctypes.util.find_library("rtdriver")
            if found or _loadable(place):
                return found or place
            tried.append(f"{place} ({origin}): not found by the dynamic loader")
    raise LibraryNotFound(tried)
