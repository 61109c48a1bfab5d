"""Shared test helpers: the repository, ../shared (fail loudly when missing), the loaded library."""

import json
import os
from pathlib import Path

import rtdriver

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"


def require_shared(*parts: str) -> Path:
    if not SHARED.is_dir():
        raise AssertionError(f"../shared is missing: expected the shared test data at {SHARED} (clone the repo beside it)")
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise AssertionError(f"shared test data missing: {path}")
    return path


def vectors() -> dict:
    data = json.loads(require_shared("testdata", "vectors", "ieee80211_cipher_vectors.json").read_text())
    return {v["id"]: v for v in data["vectors"]}


def library():
    """Loads librtdriver; a missing library is a test failure (never a skip)."""
    return rtdriver.load_library()


PACKAGE_SRC = REPO / "bindings" / "python"


def built_library() -> Path:
    """The library under test: $RTDRIVER_LIB (./build.sh test sets it), else the repository's build."""
    path = Path(os.environ.get("RTDRIVER_LIB") or REPO / "artifacts" / "lib" / "librtdriver.so")
    if not path.exists():
        raise AssertionError(f"librtdriver is missing at {path}: run ./build.sh")
    return path.resolve()


def run_python(code: str, pythonpath: Path, env: dict = None, cwd: Path = None):
    """Runs code in a fresh interpreter that imports rtdriver from pythonpath, with a clean
    environment (no RTDRIVER_LIB, no LD_LIBRARY_PATH) plus env; returns the CompletedProcess."""
    import subprocess
    import sys
    base = {k: v for k, v in os.environ.items() if k not in ("RTDRIVER_LIB", "LD_LIBRARY_PATH", "PYTHONPATH",
                                                             "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR")}
    base["PYTHONPATH"] = str(pythonpath)
    base.update(env or {})
    return subprocess.run([sys.executable, "-c", code], env=base, cwd=str(cwd or pythonpath), capture_output=True,
                          text=True, timeout=120)
