"""MAC addresses: accepted as "00:0d:93:eb:b0:8c" strings or 6 bytes, returned as such strings."""

from typing import Union

MacLike = Union[str, bytes, bytearray, memoryview]


def mac_bytes(value: MacLike) -> bytes:
    """The 6 bytes of a MAC address given as 6 bytes or as six colon-separated two-digit hex
    groups ("00:0d:93:eb:b0:8c", either case). Other spellings ("-" separators, no separators)
    are refused rather than guessed at: a ValueError names the value."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        b = bytes(value)
        if len(b) != 6:
            raise ValueError(f"a MAC address is 6 bytes, got {len(b)}: {b.hex()}")
        return b
    if isinstance(value, str):
        groups = value.split(":")
        if len(groups) == 6 and all(len(g) == 2 and all(c in "0123456789abcdefABCDEF" for c in g) for g in groups):
            return bytes(int(g, 16) for g in groups)
        raise ValueError(f"not a MAC address: {value!r} (expected six colon-separated hex pairs, e.g. '00:0d:93:eb:b0:8c')")
    raise TypeError(f"a MAC address is a str like '00:0d:93:eb:b0:8c' or 6 bytes, not {type(value).__name__}")


def mac_str(value: MacLike) -> str:
    """The lower-case colon form of a MAC address: "00:0d:93:eb:b0:8c"."""
    return ":".join(f"{b:02x}" for b in mac_bytes(value))
