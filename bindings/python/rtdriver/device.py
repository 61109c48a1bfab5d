"""Devices (rt_device): identity, firmware, MCU, registers and keys placed in hardware or software."""

import ctypes
from ctypes import byref, c_int, c_size_t, c_uint32, c_uint64, c_void_p
from dataclasses import dataclass
from typing import List, Optional, Tuple, Union

from ._library import buf, lib, ptr
from ._structs import DeviceInfoStruct, DeviceKeyEntryStruct, KeyParams
from .constants import BUS_NAMES, KEY_PAIRWISE, Cipher, Placement, as_enum
from .handle import Handle
from .key import Key
from .mac import MacLike, mac_bytes, mac_str


@dataclass(frozen=True)
class DeviceKeyEntry:
    """One key installed on a device (rt_device_key_entry): where it is and why."""
    wcid: int
    addr: str                          # "00:0d:93:eb:b0:8c"; "ff:ff:ff:ff:ff:ff" for a group key
    cipher: Union[Cipher, int]
    key_id: int
    flags: int
    placement: Union[Placement, int]
    reason: str


@dataclass(frozen=True, repr=False)
class DeviceInfo:
    """rt_device_info. Numbers stay ints (chip_id == 0x2860); repr() and the *_hex properties
    show them the way the datasheets and rtprobe do."""
    chip_id: int
    chip_rev: int
    rf_id: int
    mac: str                           # "00:0c:43:28:60:01"
    bus: int                           # BUS_EMULATOR, BUS_PCI_VFIO, BUS_PCI_UIO, BUS_USB
    firmware_loaded: bool
    firmware_crc: int
    hw_key_slots: int
    hw_key_slots_used: int
    name: str

    @property
    def chip_id_hex(self) -> str:
        return f"0x{self.chip_id:04x}"

    @property
    def chip_rev_hex(self) -> str:
        return f"0x{self.chip_rev:04x}"

    @property
    def rf_id_hex(self) -> str:
        return f"0x{self.rf_id:04x}"

    @property
    def bus_name(self) -> str:
        return BUS_NAMES.get(self.bus, f"bus {self.bus}")

    def __repr__(self) -> str:
        crc = f"0x{self.firmware_crc:04x}" if self.firmware_loaded else "none"
        return (f"DeviceInfo(name={self.name!r}, chip_id={self.chip_id_hex}, chip_rev={self.chip_rev_hex}, "
                f"rf_id={self.rf_id_hex}, mac={self.mac!r}, bus={self.bus_name!r}, firmware_loaded={self.firmware_loaded}, "
                f"firmware_crc={crc}, hw_key_slots={self.hw_key_slots}, hw_key_slots_used={self.hw_key_slots_used})")


def _addr(addr: Optional[MacLike]):
    """A C array holding a MAC address given as a string or bytes, or None."""
    return buf(mac_bytes(addr)) if addr is not None else None


class Device(Handle):
    """A NIC (rt_device): "emu:rt2860", "pci:0000:03:00.0", "usb:148f:3070", "auto"."""

    _free_function = "rt_device_close"
    _noun = "device"

    def __init__(self, spec: str = "emu:rt2860"):
        handle = c_void_p()
        lib().call("rt_device_open", spec.encode(), byref(handle))
        self._h: Optional[c_void_p] = handle
        self.spec = spec

    def __repr__(self) -> str:
        return f"<rtdriver.Device {self.spec!r}{' (closed)' if self._h is None else ''}>"

    def info(self) -> DeviceInfo:
        i = DeviceInfoStruct()
        i.struct_size = ctypes.sizeof(DeviceInfoStruct)
        lib().call("rt_device_get_info", self.handle, byref(i))
        return DeviceInfo(i.chip_id, i.chip_rev, i.rf_id, mac_str(bytes(i.mac)), i.bus, bool(i.firmware_loaded),
                          i.firmware_crc, i.hw_key_slots, i.hw_key_slots_used, i.name.decode(errors="replace"))

    def load_firmware(self, path: Optional[str] = None) -> None:
        lib().call("rt_device_load_firmware", self.handle, path.encode() if path is not None else None)

    def load_firmware_mem(self, image: bytes) -> None:
        b = buf(image)
        lib().call("rt_device_load_firmware_mem", self.handle, ptr(b), len(image))

    def mcu_command(self, command: int, arg0: int = 0, arg1: int = 0) -> None:
        lib().call("rt_device_mcu_command", self.handle, command, arg0, arg1)

    def read32(self, offset: int) -> int:
        v = c_uint32()
        lib().call("rt_device_read32", self.handle, offset, byref(v))
        return v.value

    def write32(self, offset: int, value: int) -> None:
        lib().call("rt_device_write32", self.handle, offset, value)

    def set_key(self, cipher: int, key: bytes, addr: Optional[MacLike] = None, key_id: int = 0, set_tx: bool = True,
                seq: bytes = b"", flags: int = KEY_PAIRWISE) -> Union[Placement, int]:
        """Installs a key (the supplicant's set_key); returns Placement.HARDWARE or Placement.SOFTWARE.
        addr: the peer's MAC address as "00:0d:93:eb:b0:8c" or 6 bytes (None for a group key)."""
        p = KeyParams()
        p.struct_size = ctypes.sizeof(KeyParams)
        p.cipher = cipher
        a = _addr(addr)
        s = buf(seq) if seq else None
        k = buf(key)
        p.addr = ptr(a) if a is not None else None
        p.key_id = key_id
        p.set_tx = 1 if set_tx else 0
        p.seq = ptr(s) if s is not None else None
        p.seq_len = len(seq)
        p.key = ptr(k)
        p.key_len = len(key)
        p.flags = flags
        placement = c_int()
        lib().call("rt_device_set_key", self.handle, byref(p), byref(placement))
        return as_enum(Placement, placement.value)

    def del_key(self, addr: Optional[MacLike], key_id: int = 0, flags: int = KEY_PAIRWISE) -> None:
        a = _addr(addr)
        lib().call("rt_device_del_key", self.handle, ptr(a) if a is not None else None, key_id, flags)

    def set_role(self, role: int) -> None:
        """ROLE_STATION (default) or ROLE_ACCESS_POINT; before any group key is set."""
        lib().call("rt_device_set_role", self.handle, role)

    def keys(self) -> List[DeviceKeyEntry]:
        """Every installed key with its placement and the reason for it."""
        count = c_size_t()
        lib().call("rt_device_key_count", self.handle, byref(count))
        entries = []
        for i in range(count.value):
            e = DeviceKeyEntryStruct()
            e.struct_size = ctypes.sizeof(DeviceKeyEntryStruct)
            lib().call("rt_device_key_at", self.handle, i, byref(e))
            entries.append(DeviceKeyEntry(e.wcid, mac_str(bytes(e.addr)), as_enum(Cipher, e.cipher), e.key_id, e.flags,
                                          as_enum(Placement, e.placement), e.reason.decode(errors="replace")))
        return entries

    def get_key(self, addr: Optional[MacLike], key_id: int = 0, flags: int = KEY_PAIRWISE) -> Key:
        """A Key on the software twin of an installed key (shares its PN and replay state)."""
        a = _addr(addr)
        handle = c_void_p()
        lib().call("rt_device_get_key", self.handle, ptr(a) if a is not None else None, key_id, flags, byref(handle))
        wanted = mac_str(addr) if addr is not None else None
        cipher = next((e.cipher for e in self.keys() if e.key_id == key_id and (wanted is None or e.addr == wanted)), 0)
        return Key._from_handle(handle, cipher, key_id)

    def mcu_probe(self, command: int, arg0: int = 0, arg1: int = 0) -> Tuple[int, int]:
        """Sends an MCU command; returns (MCU status byte, round trip in microseconds)."""
        status, rtt = c_uint32(), c_uint64()
        lib().call("rt_device_mcu_probe", self.handle, command, arg0, arg1, byref(status), byref(rtt))
        return status.value, rtt.value
