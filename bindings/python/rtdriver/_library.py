"""Loading librtdriver, the prototype of every function, and calling with status checks."""

import ctypes
from ctypes import POINTER, c_char_p, c_int, c_uint8, c_uint32, c_uint64, c_size_t, c_void_p
from typing import List, Optional

from ._structs import DeviceInfoStruct, DeviceKeyEntryStruct, FrameOp, KeyEventStruct, KeyParams
from .constants import ERR_UNSUPPORTED
from .errors import RtError
from .locate import library_path

# name: (restype, argtypes). Every function of rtdriver.h; tests check this against the header.
PROTOTYPES = {
    "rt_abi_version": (c_uint32, []),
    "rt_version": (c_char_p, []),
    "rt_status_name": (c_char_p, [c_int]),
    "rt_last_error": (c_char_p, []),
    "rt_cpu_path": (c_char_p, []),
    "rt_key_new": (c_int, [c_int, POINTER(c_uint8), c_size_t, c_int, POINTER(c_void_p)]),
    "rt_key_free": (None, [c_void_p]),
    "rt_key_set_tx_pn": (c_int, [c_void_p, c_uint64]),
    "rt_key_set_rx_pn": (c_int, [c_void_p, c_int, c_uint64]),
    "rt_key_get_rx_pn": (c_int, [c_void_p, c_int, POINTER(c_uint64)]),
    "rt_frame_encrypt": (c_int, [c_void_p, POINTER(c_uint8), c_size_t, POINTER(c_uint8), c_size_t, POINTER(c_size_t)]),
    "rt_frame_decrypt": (c_int, [c_void_p, POINTER(c_uint8), c_size_t, POINTER(c_uint8), c_size_t, POINTER(c_size_t)]),
    "rt_frame_encrypt_batch": (c_int, [c_void_p, POINTER(FrameOp), c_size_t]),
    "rt_frame_decrypt_batch": (c_int, [c_void_p, POINTER(FrameOp), c_size_t]),
    "rt_key_get_tx_pn": (c_int, [c_void_p, POINTER(c_uint64)]),
    "rt_key_set_frame_flags": (c_int, [c_void_p, c_uint32]),
    "rt_key_next_event": (c_int, [c_void_p, POINTER(KeyEventStruct)]),
    "rt_key_get_countermeasures": (c_int, [c_void_p, POINTER(c_int)]),
    "rt_key_clear_countermeasures": (c_int, [c_void_p]),
    "rt_frame_encrypt_msdu": (c_int, [c_void_p, POINTER(c_uint8), c_size_t, c_size_t, POINTER(c_uint8), c_size_t,
                                      POINTER(c_size_t), POINTER(c_size_t), c_size_t, POINTER(c_size_t)]),
    "rt_frame_decrypt_msdu": (c_int, [c_void_p, POINTER(c_uint8), c_size_t, POINTER(c_uint8), c_size_t,
                                      POINTER(c_size_t), POINTER(c_int)]),
    "rt_device_open": (c_int, [c_char_p, POINTER(c_void_p)]),
    "rt_device_close": (None, [c_void_p]),
    "rt_device_get_info": (c_int, [c_void_p, POINTER(DeviceInfoStruct)]),
    "rt_device_load_firmware": (c_int, [c_void_p, c_char_p]),
    "rt_device_load_firmware_mem": (c_int, [c_void_p, POINTER(c_uint8), c_size_t]),
    "rt_device_mcu_command": (c_int, [c_void_p, c_uint8, c_uint8, c_uint8]),
    "rt_device_read32": (c_int, [c_void_p, c_uint32, POINTER(c_uint32)]),
    "rt_device_write32": (c_int, [c_void_p, c_uint32, c_uint32]),
    "rt_device_set_key": (c_int, [c_void_p, POINTER(KeyParams), POINTER(c_int)]),
    "rt_device_del_key": (c_int, [c_void_p, POINTER(c_uint8), c_int, c_uint32]),
    "rt_device_set_role": (c_int, [c_void_p, c_int]),
    "rt_device_key_count": (c_int, [c_void_p, POINTER(c_size_t)]),
    "rt_device_key_at": (c_int, [c_void_p, c_size_t, POINTER(DeviceKeyEntryStruct)]),
    "rt_device_get_key": (c_int, [c_void_p, POINTER(c_uint8), c_int, c_uint32, POINTER(c_void_p)]),
    "rt_device_mcu_probe": (c_int, [c_void_p, c_uint8, c_uint8, c_uint8, POINTER(c_uint32), POINTER(c_uint64)]),
}


class Library:
    def __init__(self, path: str):
        self.path = path
        self.dll = ctypes.CDLL(path)
        self.missing: List[str] = []
        for name, (restype, argtypes) in PROTOTYPES.items():
            try:
                fn = getattr(self.dll, name)
            except AttributeError:
                self.missing.append(name)
                continue
            fn.restype = restype
            fn.argtypes = argtypes

    def fn(self, name: str):
        if name in self.missing:
            raise RtError(ERR_UNSUPPORTED, "RT_ERR_UNSUPPORTED", f"{self.path} does not export {name} (an older library?)", name)
        return getattr(self.dll, name)

    def call(self, name: str, *args) -> int:
        """Calls an int-returning function; raises RtError on a negative status."""
        status = self.fn(name)(*args)
        if status < 0:
            raise error(status, name)
        return status


_lib: Optional[Library] = None


def load_library(path: Optional[str] = None) -> Library:
    """Loads (once) and returns the library; a path given here replaces the one loaded before.
    Without a path the library is looked for as rtdriver.locate describes."""
    global _lib
    if path is not None or _lib is None:
        _lib = Library(path or library_path())
    return _lib


def lib() -> Library:
    return load_library() if _lib is None else _lib


def error(status: int, function: str) -> RtError:
    L = lib()
    name = L.dll.rt_status_name(status).decode()
    message = L.dll.rt_last_error().decode(errors="replace")
    return RtError(status, name, message, function)


def buf(data: bytes):
    """A ctypes byte array holding data (a copy: the library may be given the same buffer in and out)."""
    n = len(data)
    return (c_uint8 * max(n, 1)).from_buffer_copy(bytes(data) + (b"\0" if n == 0 else b""))


def ptr(arr):
    return ctypes.cast(arr, POINTER(c_uint8))
