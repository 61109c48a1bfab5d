"""A minimal PEP 517 / PEP 660 build backend for the rtdriver package, standard library only.

Why not setuptools: see pyproject.toml. This backend builds a pure-Python wheel of the `rtdriver`
package directory, an sdist, and an editable wheel. Metadata comes from pyproject.toml's [project]
table; the version from the repository's Directory.Build.props (<Version>, the library's own
version), or from PKG-INFO when building from an unpacked sdist.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent.parent          # bindings/python (or an unpacked sdist)
PACKAGE = "rtdriver"
PROPS = HERE.parent.parent / "Directory.Build.props"   # the repository's, when building in the repo


# ---- metadata -------------------------------------------------------------------------------------

def _project() -> dict:
    text = (HERE / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib  # Python 3.11+
        return tomllib.loads(text)["project"]
    except ImportError:
        return _flat_project_table(text)


def _flat_project_table(text: str) -> dict:
    """Before Python 3.11 (no tomllib): the [project] table's plain `key = "string"` entries suffice."""
    table, inside = {}, False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            inside = line == "[project]"
        elif inside:
            m = re.match(r'([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"\s*$', line)
            if m:
                table[m.group(1)] = m.group(2)
    return table


def _version() -> str:
    if PROPS.is_file():
        m = re.search(r"<Version>([^<]+)</Version>", PROPS.read_text(encoding="utf-8"))
        if not m:
            raise RuntimeError(f"{PROPS} has no <Version> element")
        return m.group(1).strip()
    pkg_info = HERE / "PKG-INFO"
    if pkg_info.is_file():
        m = re.search(r"^Version: (.+)$", pkg_info.read_text(encoding="utf-8"), re.M)
        if m:
            return m.group(1).strip()
    raise RuntimeError(f"cannot tell the rtdriver version: neither {PROPS} (in the repository) nor {pkg_info} (an sdist) exists")


def _metadata() -> str:
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {_version()}"]
    if p.get("description"):
        lines.append(f"Summary: {p['description']}")
    if p.get("requires-python"):
        lines.append(f"Requires-Python: {p['requires-python']}")
    for c in p.get("classifiers", []) if isinstance(p.get("classifiers"), list) else []:
        lines.append(f"Classifier: {c}")
    readme = HERE / "README.md"
    if readme.is_file():
        lines.append("Description-Content-Type: text/markdown")
        return "\n".join(lines) + "\n\n" + readme.read_text(encoding="utf-8")
    return "\n".join(lines) + "\n"


def _dist_name() -> str:
    return f"{PACKAGE}-{_version()}"


# ---- wheels ---------------------------------------------------------------------------------------

def _package_files() -> List[Tuple[str, bytes]]:
    files = []
    for path in sorted((HERE / PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            files.append((path.relative_to(HERE).as_posix(), path.read_bytes()))
    if not files:
        raise RuntimeError(f"no package files under {HERE / PACKAGE}")
    return files


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _write_wheel(directory: str, files: List[Tuple[str, bytes]]) -> str:
    dist_info = f"{_dist_name()}.dist-info"
    files = files + [
        (f"{dist_info}/METADATA", _metadata().encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: rtdriver_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files) + f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode()))
    name = f"{_dist_name()}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data in files:
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible
            info.external_attr = 0o644 << 16
            z.writestr(info, data, zipfile.ZIP_DEFLATED)
    return name


def build_wheel(wheel_directory: str, config_settings: Optional[Dict] = None, metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory: str, config_settings: Optional[Dict] = None, metadata_directory: Optional[str] = None) -> str:
    """PEP 660: a wheel holding only a .pth that puts this source directory on sys.path."""
    return _write_wheel(wheel_directory, [(f"__editable__.{PACKAGE}.pth", (str(HERE) + "\n").encode())])


def get_requires_for_build_wheel(config_settings: Optional[Dict] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Dict] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict] = None) -> List[str]:
    return []


# ---- sdist ----------------------------------------------------------------------------------------

def build_sdist(sdist_directory: str, config_settings: Optional[Dict] = None) -> str:
    """The package, this backend, pyproject.toml and README.md, plus PKG-INFO carrying the version."""
    root = _dist_name()
    members = [("PKG-INFO", _metadata().encode())]
    for rel in ("pyproject.toml", "README.md"):
        if (HERE / rel).is_file():
            members.append((rel, (HERE / rel).read_bytes()))
    members.append(("_build/rtdriver_build.py", Path(__file__).read_bytes()))
    members += _package_files()
    name = f"{root}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel, data in members:
            info = tarfile.TarInfo(f"{root}/{rel}")
            info.size, info.mode, info.mtime = len(data), 0o644, 1577836800
            tar.addfile(info, io.BytesIO(data))
    return name
