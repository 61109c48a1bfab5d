"""ctypes binding for librtdriver (C ABI version 1, see native/include/rtdriver.h).

Standard library only. The library is looked for as rtdriver.locate describes: $RTDRIVER_LIB, a
librtdriver.so alongside the package, the repository's artifacts/lib when run from a checkout,
then an installed prefix (pkg-config, the dynamic loader, /usr/local/lib). Every failing call
raises RtError carrying the status, its C name and the library's rt_last_error() sentence.

    import rtdriver
    with rtdriver.Key(rtdriver.Cipher.CCMP, tk) as key:
        protected = key.encrypt(frame)
    with rtdriver.Device("emu:rt2860") as dev:
        placement = dev.set_key(rtdriver.Cipher.CCMP, tk, addr="00:0d:93:eb:b0:8c")

One concept per module: constants (enums and flags), mac, errors, locate (finding the library),
_library (loading and prototypes), general, key, device. Everything is importable from here.
"""

from ._library import PROTOTYPES as _PROTOTYPES
from ._library import Library as _Library
from ._library import load_library
from .constants import *  # noqa: F401,F403 - the flat names (CIPHER_CCMP, ERR_MIC, KEY_PAIRWISE, ...)
from .constants import Cipher, Placement, Status
from .device import Device, DeviceInfo, DeviceKeyEntry
from .errors import RtError
from .general import abi_version, cpu_path, last_error, status_name, version
from .key import Key, KeyEvent
from .locate import LibraryNotFound, library_path
from .mac import mac_bytes, mac_str

__all__ = [
    "RtError", "Key", "Device", "DeviceInfo", "DeviceKeyEntry", "KeyEvent", "load_library", "library_path",
    "LibraryNotFound", "abi_version", "version", "status_name", "last_error", "cpu_path", "Status", "Cipher",
    "Placement", "mac_bytes", "mac_str",
]
