"""Software keys (rt_key): protect and unprotect whole 802.11 MPDUs, PN state, TKIP events."""

import ctypes
from ctypes import byref, c_int, c_size_t, c_uint8, c_uint64, c_void_p
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple, Union

from ._library import buf, error, lib, ptr
from ._structs import FrameOp, KeyEventStruct
from .constants import ERR_BUFFER_TOO_SMALL, KEY_EVENT_NONE, OK, Cipher, Status, as_enum
from .handle import Handle
from .mac import mac_str

# Largest growth of a frame under protection (TKIP: IV 8 + MIC 8 + ICV 4; GCMP-256: 8 + 16;
# BIP-GMAC-256 MME: 26), with room to spare; BUFFER_TOO_SMALL is retried with the size reported.
_OVERHEAD = 64


@dataclass(frozen=True)
class KeyEvent:
    """A key event (rt_key_event): today a TKIP Michael MIC failure the supplicant must report."""
    type: int
    group: bool
    key_id: int
    tsc: int
    src_addr: str           # "02:03:04:05:06:07"
    countermeasures: bool


class Key(Handle):
    """A software key (rt_key): protects and unprotects whole 802.11 MPDUs without FCS."""

    _free_function = "rt_key_free"
    _noun = "key"

    def __init__(self, cipher: int, key: bytes, key_id: int = 0):
        handle = c_void_p()
        k = buf(key)
        lib().call("rt_key_new", cipher, ptr(k), len(key), key_id, byref(handle))
        self._h: Optional[c_void_p] = handle
        self.cipher: Union[Cipher, int] = as_enum(Cipher, cipher)
        self.key_id = key_id

    @classmethod
    def _from_handle(cls, handle: c_void_p, cipher: int, key_id: int) -> "Key":
        k = cls.__new__(cls)
        k._h = handle
        k.cipher = as_enum(Cipher, cipher)
        k.key_id = key_id
        return k

    def __repr__(self) -> str:
        cipher = self.cipher.name if isinstance(self.cipher, Cipher) else self.cipher
        return f"<rtdriver.Key {cipher} key id {self.key_id}{' (closed)' if self._h is None else ''}>"

    # PN state
    def set_tx_pn(self, next_pn: int) -> None:
        lib().call("rt_key_set_tx_pn", self.handle, next_pn)

    def get_tx_pn(self) -> int:
        v = c_uint64()
        lib().call("rt_key_get_tx_pn", self.handle, byref(v))
        return v.value

    def set_rx_pn(self, tid: int, last_pn: int) -> None:
        lib().call("rt_key_set_rx_pn", self.handle, tid, last_pn)

    def get_rx_pn(self, tid: int) -> int:
        v = c_uint64()
        lib().call("rt_key_get_rx_pn", self.handle, tid, byref(v))
        return v.value

    def set_frame_flags(self, flags: int) -> None:
        lib().call("rt_key_set_frame_flags", self.handle, flags)

    # frames
    def _one(self, name: str, frame: bytes) -> bytes:
        src = buf(frame)
        cap = len(frame) + _OVERHEAD
        for _ in range(2):
            out = (c_uint8 * cap)()
            n = c_size_t()
            status = lib().fn(name)(self.handle, ptr(src), len(frame), ptr(out), cap, byref(n))
            if status == ERR_BUFFER_TOO_SMALL and n.value > cap:
                cap = n.value
                continue
            if status < 0:
                raise error(status, name)
            return bytes(out[: n.value])
        raise error(ERR_BUFFER_TOO_SMALL, name)

    def encrypt(self, frame: bytes) -> bytes:
        """Protects a plaintext MPDU with the next TX PN (which then advances)."""
        return self._one("rt_frame_encrypt", frame)

    def decrypt(self, frame: bytes) -> bytes:
        """Verifies and unprotects an MPDU (key id, MIC/ICV, replay); returns the plaintext MPDU."""
        return self._one("rt_frame_decrypt", frame)

    def _batch(self, name: str, frames: Sequence[bytes]) -> List[Tuple[Union[Status, int], bytes]]:
        ops = (FrameOp * max(len(frames), 1))()
        keep = []
        for i, f in enumerate(frames):
            src = buf(f)
            out = (c_uint8 * (len(f) + _OVERHEAD))()
            keep.append((src, out))
            ops[i].in_ = ptr(src)
            ops[i].in_len = len(f)
            ops[i].out = ptr(out)
            ops[i].out_cap = len(f) + _OVERHEAD
        status = lib().fn(name)(self.handle, ops, len(frames))
        results = []
        for i in range(len(frames)):
            s = as_enum(Status, ops[i].status)
            results.append((s, bytes(keep[i][1][: ops[i].out_len]) if s == OK else b""))
        if status < 0 and all(r[0] == OK for r in results):
            raise error(status, name)  # the call itself was refused (e.g. a NULL op)
        return results

    def encrypt_batch(self, frames: Sequence[bytes]) -> List[Tuple[Union[Status, int], bytes]]:
        """Encrypts frames in order (PNs assigned in array order); returns (status, frame) per op."""
        return self._batch("rt_frame_encrypt_batch", frames)

    def decrypt_batch(self, frames: Sequence[bytes]) -> List[Tuple[Union[Status, int], bytes]]:
        """Decrypts frames; returns (status, plaintext) per op (plaintext empty when status < 0)."""
        return self._batch("rt_frame_decrypt_batch", frames)

    def encrypt_msdu(self, msdu: bytes, max_mpdu_len: int, max_frags: int = 16) -> List[bytes]:
        """Protects an MSDU, fragmenting it into MPDUs of at most max_mpdu_len bytes."""
        src = buf(msdu)
        cap = (len(msdu) + _OVERHEAD) * 2 + max_frags * _OVERHEAD
        out = (c_uint8 * cap)()
        lens = (c_size_t * max_frags)()
        out_len, count = c_size_t(), c_size_t()
        lib().call("rt_frame_encrypt_msdu", self.handle, ptr(src), len(msdu), max_mpdu_len, ptr(out), cap,
                   byref(out_len), lens, max_frags, byref(count))
        frames, offset = [], 0
        for i in range(count.value):
            frames.append(bytes(out[offset: offset + lens[i]]))
            offset += lens[i]
        return frames

    def decrypt_msdu(self, mpdu: bytes) -> Optional[bytes]:
        """Receives one MPDU that may be a fragment: the whole MSDU when complete, else None (held)."""
        src = buf(mpdu)
        cap = len(mpdu) + 65536
        out = (c_uint8 * cap)()
        n = c_size_t()
        complete = c_int()
        lib().call("rt_frame_decrypt_msdu", self.handle, ptr(src), len(mpdu), ptr(out), cap, byref(n), byref(complete))
        return bytes(out[: n.value]) if complete.value else None

    # events and countermeasures
    def next_event(self) -> Optional[KeyEvent]:
        ev = KeyEventStruct()
        ev.struct_size = ctypes.sizeof(KeyEventStruct)
        lib().call("rt_key_next_event", self.handle, byref(ev))
        if ev.type == KEY_EVENT_NONE:
            return None
        return KeyEvent(ev.type, bool(ev.group), ev.key_id, ev.tsc, mac_str(bytes(ev.src_addr)), bool(ev.countermeasures))

    @property
    def countermeasures(self) -> bool:
        v = c_int()
        lib().call("rt_key_get_countermeasures", self.handle, byref(v))
        return bool(v.value)

    def clear_countermeasures(self) -> None:
        lib().call("rt_key_clear_countermeasures", self.handle)
