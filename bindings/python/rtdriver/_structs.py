"""The C structures of rtdriver.h, field for field (ctypes)."""

import ctypes
from ctypes import POINTER, Structure, c_int32, c_size_t, c_uint8, c_uint16, c_uint32, c_uint64


class FrameOp(Structure):
    _fields_ = [("in_", POINTER(c_uint8)), ("in_len", c_size_t), ("out", POINTER(c_uint8)), ("out_cap", c_size_t),
                ("out_len", c_size_t), ("status", c_int32)]


class KeyEventStruct(Structure):
    _fields_ = [("struct_size", c_uint32), ("type", c_uint32), ("group", c_uint32), ("key_id", c_int32), ("tsc", c_uint64),
                ("src_addr", c_uint8 * 6), ("countermeasures", c_uint8), ("reserved", c_uint8)]


class DeviceInfoStruct(Structure):
    _fields_ = [("struct_size", c_uint32), ("chip_id", c_uint32), ("chip_rev", c_uint32), ("rf_id", c_uint32),
                ("mac", c_uint8 * 6), ("bus", c_uint16), ("firmware_loaded", c_uint32), ("firmware_crc", c_uint32),
                ("hw_key_slots", c_uint32), ("hw_key_slots_used", c_uint32), ("name", ctypes.c_char * 64)]


class KeyParams(Structure):
    _fields_ = [("struct_size", c_uint32), ("cipher", c_int32), ("addr", POINTER(c_uint8)), ("key_id", c_int32),
                ("set_tx", c_int32), ("seq", POINTER(c_uint8)), ("seq_len", c_size_t), ("key", POINTER(c_uint8)),
                ("key_len", c_size_t), ("flags", c_uint32)]


class DeviceKeyEntryStruct(Structure):
    _fields_ = [("struct_size", c_uint32), ("wcid", c_int32), ("addr", c_uint8 * 6), ("reserved", c_uint16),
                ("cipher", c_int32), ("key_id", c_int32), ("flags", c_uint32), ("placement", c_int32),
                ("reason", ctypes.c_char * 192)]
