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
