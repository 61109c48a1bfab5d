"""ctypes binding for librtdriver (C ABI version 1, see native/include/rtdriver.h).

Standard library only. The library is found through the RTDRIVER_LIB environment variable (path
to librtdriver.so) or, failing that, artifacts/lib/librtdriver.so of the repository this file
lives in. Every failing call raises RtError carrying the status code, its C name and the
library's rt_last_error() sentence.

    import rtdriver
    with rtdriver.Key(rtdriver.CIPHER_CCMP, tk) as key:
        protected = key.encrypt(frame)
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, Structure, byref, c_char_p, c_int, c_int32, c_size_t, c_uint8, c_uint16, c_uint32, c_uint64, c_void_p
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

__all__ = [
    "RtError", "Key", "Device", "DeviceInfo", "DeviceKeyEntry", "KeyEvent", "load_library", "library_path",
    "abi_version", "version", "status_name", "last_error", "cpu_path",
]

# ---- constants (values are the C contract) ---------------------------------------------------

OK = 0
ERR_INVALID_ARGUMENT = -1
ERR_NO_MEMORY = -2
ERR_NO_DEVICE = -3
ERR_IO = -4
ERR_TIMEOUT = -5
ERR_UNSUPPORTED = -6
ERR_BAD_FIRMWARE = -7
ERR_BUFFER_TOO_SMALL = -8
ERR_MALFORMED_FRAME = -9
ERR_NO_KEY = -10
ERR_REPLAY = -11
ERR_ICV = -12
ERR_MIC = -13
ERR_PERMISSION = -14
ERR_DEVICE_GONE = -15
ERR_STATE = -16

CIPHER_WEP40 = 1
CIPHER_WEP104 = 2
CIPHER_TKIP = 3
CIPHER_CCMP = 4
CIPHER_CCMP256 = 5
CIPHER_GCMP = 6
CIPHER_GCMP256 = 7
CIPHER_BIP_CMAC128 = 8
# rtdriver additions (RtCipher): BIP-GMAC-128/256 and BIP-CMAC-256
CIPHER_BIP_GMAC128 = 9
CIPHER_BIP_GMAC256 = 10
CIPHER_BIP_CMAC256 = 11

RX_TID_ALL = -1
RX_TID_NON_QOS = 16
RX_TID_MGMT = 17

FRAME_FLAG_PRE_HT_ORDER = 1
FRAME_FLAG_SPP_AMSDU = 2

KEY_EVENT_NONE = 0
KEY_EVENT_MICHAEL_MIC_FAILURE = 1

KEY_PAIRWISE = 1
KEY_GROUP = 2
KEY_FORCE_SOFTWARE = 4
KEY_FORCE_HARDWARE = 8

PLACED_HARDWARE = 1
PLACED_SOFTWARE = 2

KEY_MFP = 16            # the link uses 802.11w: the key is placed in software

ROLE_STATION = 0
ROLE_ACCESS_POINT = 1

BUS_EMULATOR = 0
BUS_PCI_VFIO = 1
BUS_PCI_UIO = 2
BUS_USB = 3

# Largest growth of a frame under protection (TKIP: IV 8 + MIC 8 + ICV 4; GCMP-256: 8 + 16;
# BIP-GMAC-256 MME: 26), with room to spare; BUFFER_TOO_SMALL is retried with the size reported.
_OVERHEAD = 64


class RtError(Exception):
    """A failing rtdriver call: .status (negative int), .name ("RT_ERR_MIC"), .message (rt_last_error)."""

    def __init__(self, status: int, name: str, message: str, function: str = ""):
        self.status = status
        self.name = name
        self.message = message
        self.function = function
        super().__init__(f"{function + ': ' if function else ''}{name}: {message}" if message else f"{function}: {name}")


# ---- C structures -----------------------------------------------------------------------------

class _FrameOp(Structure):
    _fields_ = [("in_", POINTER(c_uint8)), ("in_len", c_size_t), ("out", POINTER(c_uint8)), ("out_cap", c_size_t),
                ("out_len", c_size_t), ("status", c_int32)]


class _KeyEvent(Structure):
    _fields_ = [("struct_size", c_uint32), ("type", c_uint32), ("group", c_uint32), ("key_id", c_int32), ("tsc", c_uint64),
                ("src_addr", c_uint8 * 6), ("countermeasures", c_uint8), ("reserved", c_uint8)]


class _DeviceInfo(Structure):
    _fields_ = [("struct_size", c_uint32), ("chip_id", c_uint32), ("chip_rev", c_uint32), ("rf_id", c_uint32),
                ("mac", c_uint8 * 6), ("bus", c_uint16), ("firmware_loaded", c_uint32), ("firmware_crc", c_uint32),
                ("hw_key_slots", c_uint32), ("hw_key_slots_used", c_uint32), ("name", ctypes.c_char * 64)]


class _KeyParams(Structure):
    _fields_ = [("struct_size", c_uint32), ("cipher", c_int32), ("addr", POINTER(c_uint8)), ("key_id", c_int32),
                ("set_tx", c_int32), ("seq", POINTER(c_uint8)), ("seq_len", c_size_t), ("key", POINTER(c_uint8)),
                ("key_len", c_size_t), ("flags", c_uint32)]


class _DeviceKeyEntry(Structure):
    _fields_ = [("struct_size", c_uint32), ("wcid", c_int32), ("addr", c_uint8 * 6), ("reserved", c_uint16),
                ("cipher", c_int32), ("key_id", c_int32), ("flags", c_uint32), ("placement", c_int32),
                ("reason", ctypes.c_char * 192)]


@dataclass(frozen=True)
class DeviceKeyEntry:
    """One key installed on a device (rt_device_key_entry): where it is and why."""
    wcid: int
    addr: bytes
    cipher: int
    key_id: int
    flags: int
    placement: int
    reason: str


@dataclass(frozen=True)
class KeyEvent:
    """A key event (rt_key_event): today a TKIP Michael MIC failure the supplicant must report."""
    type: int
    group: bool
    key_id: int
    tsc: int
    src_addr: bytes
    countermeasures: bool


@dataclass(frozen=True)
class DeviceInfo:
    chip_id: int
    chip_rev: int
    rf_id: int
    mac: bytes
    bus: int
    firmware_loaded: bool
    firmware_crc: int
    hw_key_slots: int
    hw_key_slots_used: int
    name: str


# ---- the library ------------------------------------------------------------------------------

# name: (restype, argtypes). Every function of rtdriver.h; tests check this against the header.
_PROTOTYPES = {
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
    "rt_frame_encrypt_batch": (c_int, [c_void_p, POINTER(_FrameOp), c_size_t]),
    "rt_frame_decrypt_batch": (c_int, [c_void_p, POINTER(_FrameOp), c_size_t]),
    "rt_key_get_tx_pn": (c_int, [c_void_p, POINTER(c_uint64)]),
    "rt_key_set_frame_flags": (c_int, [c_void_p, c_uint32]),
    "rt_key_next_event": (c_int, [c_void_p, POINTER(_KeyEvent)]),
    "rt_key_get_countermeasures": (c_int, [c_void_p, POINTER(c_int)]),
    "rt_key_clear_countermeasures": (c_int, [c_void_p]),
    "rt_frame_encrypt_msdu": (c_int, [c_void_p, POINTER(c_uint8), c_size_t, c_size_t, POINTER(c_uint8), c_size_t,
                                      POINTER(c_size_t), POINTER(c_size_t), c_size_t, POINTER(c_size_t)]),
    "rt_frame_decrypt_msdu": (c_int, [c_void_p, POINTER(c_uint8), c_size_t, POINTER(c_uint8), c_size_t,
                                      POINTER(c_size_t), POINTER(c_int)]),
    "rt_device_open": (c_int, [c_char_p, POINTER(c_void_p)]),
    "rt_device_close": (None, [c_void_p]),
    "rt_device_get_info": (c_int, [c_void_p, POINTER(_DeviceInfo)]),
    "rt_device_load_firmware": (c_int, [c_void_p, c_char_p]),
    "rt_device_load_firmware_mem": (c_int, [c_void_p, POINTER(c_uint8), c_size_t]),
    "rt_device_mcu_command": (c_int, [c_void_p, c_uint8, c_uint8, c_uint8]),
    "rt_device_read32": (c_int, [c_void_p, c_uint32, POINTER(c_uint32)]),
    "rt_device_write32": (c_int, [c_void_p, c_uint32, c_uint32]),
    "rt_device_set_key": (c_int, [c_void_p, POINTER(_KeyParams), POINTER(c_int)]),
    "rt_device_del_key": (c_int, [c_void_p, POINTER(c_uint8), c_int, c_uint32]),
    "rt_device_set_role": (c_int, [c_void_p, c_int]),
    "rt_device_key_count": (c_int, [c_void_p, POINTER(c_size_t)]),
    "rt_device_key_at": (c_int, [c_void_p, c_size_t, POINTER(_DeviceKeyEntry)]),
    "rt_device_get_key": (c_int, [c_void_p, POINTER(c_uint8), c_int, c_uint32, POINTER(c_void_p)]),
    "rt_device_mcu_probe": (c_int, [c_void_p, c_uint8, c_uint8, c_uint8, POINTER(c_uint32), POINTER(c_uint64)]),
}


def library_path() -> str:
    """Where the library is looked for: $RTDRIVER_LIB, else <repo>/artifacts/lib/librtdriver.so."""
    env = os.environ.get("RTDRIVER_LIB")
    if env:
        return env
    repo = Path(__file__).resolve().parents[3]
    return str(repo / "artifacts" / "lib" / "librtdriver.so")


class _Library:
    def __init__(self, path: str):
        if not os.path.exists(path):
            raise OSError(f"librtdriver not found at {path}: build it with ./build.sh, or set RTDRIVER_LIB to its path")
        self.path = path
        self.dll = ctypes.CDLL(path)
        self.missing: List[str] = []
        for name, (restype, argtypes) in _PROTOTYPES.items():
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
            raise _error(status, name)
        return status


_lib: Optional[_Library] = None


def load_library(path: Optional[str] = None) -> _Library:
    """Loads (once) and returns the library; a path given here replaces the one loaded before."""
    global _lib
    if path is not None or _lib is None:
        _lib = _Library(path or library_path())
    return _lib


def _L() -> _Library:
    return load_library() if _lib is None else _lib


def _error(status: int, function: str) -> RtError:
    lib = _L()
    name = lib.dll.rt_status_name(status).decode()
    message = lib.dll.rt_last_error().decode(errors="replace")
    return RtError(status, name, message, function)


def _buf(data: bytes):
    """A ctypes byte array holding data (a copy: the library may be given the same buffer in and out)."""
    n = len(data)
    arr = (c_uint8 * max(n, 1)).from_buffer_copy(bytes(data) + (b"\0" if n == 0 else b""))
    return arr


def _ptr(arr) -> "POINTER(c_uint8)":
    return ctypes.cast(arr, POINTER(c_uint8))


# ---- general ------------------------------------------------------------------------------------

def abi_version() -> int:
    return _L().fn("rt_abi_version")()


def version() -> str:
    return _L().fn("rt_version")().decode()


def status_name(status: int) -> str:
    return _L().fn("rt_status_name")(status).decode()


def last_error() -> str:
    return _L().fn("rt_last_error")().decode(errors="replace")


def cpu_path() -> str:
    return _L().fn("rt_cpu_path")().decode()


# ---- software keys and frames -----------------------------------------------------------------

class _Handle:
    """An owned library handle: closed by close(), a with-block or garbage collection, once."""

    _free_function = ""  # the library function that releases the handle
    _noun = ""           # "key" or "device", for the error after close()

    _h: Optional[c_void_p] = None

    def close(self) -> None:
        if self._h is not None:
            _L().fn(self._free_function)(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    @property
    def handle(self) -> c_void_p:
        if self._h is None:
            raise RtError(ERR_INVALID_ARGUMENT, "RT_ERR_INVALID_ARGUMENT", f"the {self._noun} was closed",
                          type(self).__name__)
        return self._h


class Key(_Handle):
    """A software key (rt_key): protects and unprotects whole 802.11 MPDUs without FCS."""

    _free_function = "rt_key_free"
    _noun = "key"

    def __init__(self, cipher: int, key: bytes, key_id: int = 0):
        lib = _L()
        handle = c_void_p()
        k = _buf(key)
        lib.call("rt_key_new", cipher, _ptr(k), len(key), key_id, byref(handle))
        self._h: Optional[c_void_p] = handle
        self.cipher = cipher
        self.key_id = key_id

    @classmethod
    def _from_handle(cls, handle: c_void_p, cipher: int, key_id: int) -> "Key":
        k = cls.__new__(cls)
        k._h = handle
        k.cipher = cipher
        k.key_id = key_id
        return k

    # PN state
    def set_tx_pn(self, next_pn: int) -> None:
        _L().call("rt_key_set_tx_pn", self.handle, next_pn)

    def get_tx_pn(self) -> int:
        v = c_uint64()
        _L().call("rt_key_get_tx_pn", self.handle, byref(v))
        return v.value

    def set_rx_pn(self, tid: int, last_pn: int) -> None:
        _L().call("rt_key_set_rx_pn", self.handle, tid, last_pn)

    def get_rx_pn(self, tid: int) -> int:
        v = c_uint64()
        _L().call("rt_key_get_rx_pn", self.handle, tid, byref(v))
        return v.value

    def set_frame_flags(self, flags: int) -> None:
        _L().call("rt_key_set_frame_flags", self.handle, flags)

    # frames
    def _one(self, name: str, frame: bytes) -> bytes:
        src = _buf(frame)
        cap = len(frame) + _OVERHEAD
        for _ in range(2):
            out = (c_uint8 * cap)()
            n = c_size_t()
            status = _L().fn(name)(self.handle, _ptr(src), len(frame), _ptr(out), cap, byref(n))
            if status == ERR_BUFFER_TOO_SMALL and n.value > cap:
                cap = n.value
                continue
            if status < 0:
                raise _error(status, name)
            return bytes(out[: n.value])
        raise _error(ERR_BUFFER_TOO_SMALL, name)

    def encrypt(self, frame: bytes) -> bytes:
        """Protects a plaintext MPDU with the next TX PN (which then advances)."""
        return self._one("rt_frame_encrypt", frame)

    def decrypt(self, frame: bytes) -> bytes:
        """Verifies and unprotects an MPDU (key id, MIC/ICV, replay); returns the plaintext MPDU."""
        return self._one("rt_frame_decrypt", frame)

    def _batch(self, name: str, frames: Sequence[bytes]) -> List[Tuple[int, bytes]]:
        ops = (_FrameOp * max(len(frames), 1))()
        keep = []
        for i, f in enumerate(frames):
            src = _buf(f)
            out = (c_uint8 * (len(f) + _OVERHEAD))()
            keep.append((src, out))
            ops[i].in_ = _ptr(src)
            ops[i].in_len = len(f)
            ops[i].out = _ptr(out)
            ops[i].out_cap = len(f) + _OVERHEAD
        status = _L().fn(name)(self.handle, ops, len(frames))
        results = []
        for i in range(len(frames)):
            s = ops[i].status
            results.append((s, bytes(keep[i][1][: ops[i].out_len]) if s == OK else b""))
        if status < 0 and all(r[0] == OK for r in results):
            raise _error(status, name)  # the call itself was refused (e.g. a NULL op)
        return results

    def encrypt_batch(self, frames: Sequence[bytes]) -> List[Tuple[int, bytes]]:
        """Encrypts frames in order (PNs assigned in array order); returns (status, frame) per op."""
        return self._batch("rt_frame_encrypt_batch", frames)

    def decrypt_batch(self, frames: Sequence[bytes]) -> List[Tuple[int, bytes]]:
        """Decrypts frames; returns (status, plaintext) per op (plaintext empty when status < 0)."""
        return self._batch("rt_frame_decrypt_batch", frames)

    def encrypt_msdu(self, msdu: bytes, max_mpdu_len: int, max_frags: int = 16) -> List[bytes]:
        """Protects an MSDU, fragmenting it into MPDUs of at most max_mpdu_len bytes."""
        src = _buf(msdu)
        cap = (len(msdu) + _OVERHEAD) * 2 + max_frags * _OVERHEAD
        out = (c_uint8 * cap)()
        lens = (c_size_t * max_frags)()
        out_len, count = c_size_t(), c_size_t()
        _L().call("rt_frame_encrypt_msdu", self.handle, _ptr(src), len(msdu), max_mpdu_len, _ptr(out), cap,
                  byref(out_len), lens, max_frags, byref(count))
        frames, offset = [], 0
        for i in range(count.value):
            frames.append(bytes(out[offset: offset + lens[i]]))
            offset += lens[i]
        return frames

    def decrypt_msdu(self, mpdu: bytes) -> Optional[bytes]:
        """Receives one MPDU that may be a fragment: the whole MSDU when complete, else None (held)."""
        src = _buf(mpdu)
        cap = len(mpdu) + 65536
        out = (c_uint8 * cap)()
        n = c_size_t()
        complete = c_int()
        _L().call("rt_frame_decrypt_msdu", self.handle, _ptr(src), len(mpdu), _ptr(out), cap, byref(n), byref(complete))
        return bytes(out[: n.value]) if complete.value else None

    # events and countermeasures
    def next_event(self) -> Optional[KeyEvent]:
        ev = _KeyEvent()
        ev.struct_size = ctypes.sizeof(_KeyEvent)
        _L().call("rt_key_next_event", self.handle, byref(ev))
        if ev.type == KEY_EVENT_NONE:
            return None
        return KeyEvent(ev.type, bool(ev.group), ev.key_id, ev.tsc, bytes(ev.src_addr), bool(ev.countermeasures))

    @property
    def countermeasures(self) -> bool:
        v = c_int()
        _L().call("rt_key_get_countermeasures", self.handle, byref(v))
        return bool(v.value)

    def clear_countermeasures(self) -> None:
        _L().call("rt_key_clear_countermeasures", self.handle)


# ---- devices ------------------------------------------------------------------------------------

class Device(_Handle):
    """A NIC (rt_device): "emu:rt2860", "pci:0000:03:00.0", "usb:148f:3070", "auto"."""

    _free_function = "rt_device_close"
    _noun = "device"

    def __init__(self, spec: str = "emu:rt2860"):
        handle = c_void_p()
        _L().call("rt_device_open", spec.encode(), byref(handle))
        self._h: Optional[c_void_p] = handle
        self.spec = spec

    def info(self) -> DeviceInfo:
        i = _DeviceInfo()
        i.struct_size = ctypes.sizeof(_DeviceInfo)
        _L().call("rt_device_get_info", self.handle, byref(i))
        return DeviceInfo(i.chip_id, i.chip_rev, i.rf_id, bytes(i.mac), i.bus, bool(i.firmware_loaded), i.firmware_crc,
                          i.hw_key_slots, i.hw_key_slots_used, i.name.decode(errors="replace"))

    def load_firmware(self, path: Optional[str] = None) -> None:
        _L().call("rt_device_load_firmware", self.handle, path.encode() if path is not None else None)

    def load_firmware_mem(self, image: bytes) -> None:
        b = _buf(image)
        _L().call("rt_device_load_firmware_mem", self.handle, _ptr(b), len(image))

    def mcu_command(self, command: int, arg0: int = 0, arg1: int = 0) -> None:
        _L().call("rt_device_mcu_command", self.handle, command, arg0, arg1)

    def read32(self, offset: int) -> int:
        v = c_uint32()
        _L().call("rt_device_read32", self.handle, offset, byref(v))
        return v.value

    def write32(self, offset: int, value: int) -> None:
        _L().call("rt_device_write32", self.handle, offset, value)

    def set_key(self, cipher: int, key: bytes, addr: Optional[bytes] = None, key_id: int = 0, set_tx: bool = True,
                seq: bytes = b"", flags: int = KEY_PAIRWISE) -> int:
        """Installs a key (the supplicant's set_key); returns PLACED_HARDWARE or PLACED_SOFTWARE."""
        p = _KeyParams()
        p.struct_size = ctypes.sizeof(_KeyParams)
        p.cipher = cipher
        a = _buf(addr) if addr is not None else None
        s = _buf(seq) if seq else None
        k = _buf(key)
        p.addr = _ptr(a) if a is not None else None
        p.key_id = key_id
        p.set_tx = 1 if set_tx else 0
        p.seq = _ptr(s) if s is not None else None
        p.seq_len = len(seq)
        p.key = _ptr(k)
        p.key_len = len(key)
        p.flags = flags
        placement = c_int()
        _L().call("rt_device_set_key", self.handle, byref(p), byref(placement))
        return placement.value

    def del_key(self, addr: Optional[bytes], key_id: int = 0, flags: int = KEY_PAIRWISE) -> None:
        a = _buf(addr) if addr is not None else None
        _L().call("rt_device_del_key", self.handle, _ptr(a) if a is not None else None, key_id, flags)

    def set_role(self, role: int) -> None:
        """ROLE_STATION (default) or ROLE_ACCESS_POINT; before any group key is set."""
        _L().call("rt_device_set_role", self.handle, role)

    def keys(self) -> List[DeviceKeyEntry]:
        """Every installed key with its placement and the reason for it."""
        count = c_size_t()
        _L().call("rt_device_key_count", self.handle, byref(count))
        entries = []
        for i in range(count.value):
            e = _DeviceKeyEntry()
            e.struct_size = ctypes.sizeof(_DeviceKeyEntry)
            _L().call("rt_device_key_at", self.handle, i, byref(e))
            entries.append(DeviceKeyEntry(e.wcid, bytes(e.addr), e.cipher, e.key_id, e.flags, e.placement,
                                          e.reason.decode(errors="replace")))
        return entries

    def get_key(self, addr: Optional[bytes], key_id: int = 0, flags: int = KEY_PAIRWISE) -> Key:
        """A Key on the software twin of an installed key (shares its PN and replay state)."""
        a = _buf(addr) if addr is not None else None
        handle = c_void_p()
        _L().call("rt_device_get_key", self.handle, _ptr(a) if a is not None else None, key_id, flags, byref(handle))
        cipher = next((e.cipher for e in self.keys() if e.key_id == key_id and (addr is None or e.addr == bytes(addr))), 0)
        return Key._from_handle(handle, cipher, key_id)

    def mcu_probe(self, command: int, arg0: int = 0, arg1: int = 0) -> Tuple[int, int]:
        """Sends an MCU command; returns (MCU status byte, round trip in microseconds)."""
        status, rtt = c_uint32(), c_uint64()
        _L().call("rt_device_mcu_probe", self.handle, command, arg0, arg1, byref(status), byref(rtt))
        return status.value, rtt.value
