"""The C contract's numbers (native/include/rtdriver.h), as enums where the header has an enum.

Status, Cipher and Placement are IntEnums whose members are the header's RT_* names without the
"RT_" / "RT_CIPHER_" / "RT_PLACED_" prefix; they compare equal to the plain ints the library
returns, so `status == rtdriver.ERR_MIC` and `status == Status.ERR_MIC` both hold.
tests/test_enums.py checks every value against the header.
"""

from enum import IntEnum
from typing import Type, TypeVar, Union


class Status(IntEnum):
    """enum rt_status: 0 success, negative failures."""
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

    @property
    def c_name(self) -> str:
        """The header's name, e.g. "RT_ERR_MIC" (what rt_status_name returns)."""
        return "RT_" + self.name


class Cipher(IntEnum):
    """enum rt_cipher (BIP_GMAC128/256 and BIP_CMAC256 are rtdriver additions)."""
    WEP40 = 1
    WEP104 = 2
    TKIP = 3
    CCMP = 4
    CCMP256 = 5
    GCMP = 6
    GCMP256 = 7
    BIP_CMAC128 = 8
    BIP_GMAC128 = 9
    BIP_GMAC256 = 10
    BIP_CMAC256 = 11


class Placement(IntEnum):
    """Where rt_device_set_key put a key (RT_PLACED_*)."""
    HARDWARE = 1
    SOFTWARE = 2


E = TypeVar("E", bound=IntEnum)


def as_enum(kind: Type[E], value: int) -> Union[E, int]:
    """The enum member for value, or the int itself when a newer library returns a value this binding does not know."""
    try:
        return kind(value)
    except ValueError:
        return value


# ---- the flat names of earlier versions of this binding (kept: same values, now enum members) ----

OK = Status.OK
ERR_INVALID_ARGUMENT = Status.ERR_INVALID_ARGUMENT
ERR_NO_MEMORY = Status.ERR_NO_MEMORY
ERR_NO_DEVICE = Status.ERR_NO_DEVICE
ERR_IO = Status.ERR_IO
ERR_TIMEOUT = Status.ERR_TIMEOUT
ERR_UNSUPPORTED = Status.ERR_UNSUPPORTED
ERR_BAD_FIRMWARE = Status.ERR_BAD_FIRMWARE
ERR_BUFFER_TOO_SMALL = Status.ERR_BUFFER_TOO_SMALL
ERR_MALFORMED_FRAME = Status.ERR_MALFORMED_FRAME
ERR_NO_KEY = Status.ERR_NO_KEY
ERR_REPLAY = Status.ERR_REPLAY
ERR_ICV = Status.ERR_ICV
ERR_MIC = Status.ERR_MIC
ERR_PERMISSION = Status.ERR_PERMISSION
ERR_DEVICE_GONE = Status.ERR_DEVICE_GONE
ERR_STATE = Status.ERR_STATE

CIPHER_WEP40 = Cipher.WEP40
CIPHER_WEP104 = Cipher.WEP104
CIPHER_TKIP = Cipher.TKIP
CIPHER_CCMP = Cipher.CCMP
CIPHER_CCMP256 = Cipher.CCMP256
CIPHER_GCMP = Cipher.GCMP
CIPHER_GCMP256 = Cipher.GCMP256
CIPHER_BIP_CMAC128 = Cipher.BIP_CMAC128
CIPHER_BIP_GMAC128 = Cipher.BIP_GMAC128
CIPHER_BIP_GMAC256 = Cipher.BIP_GMAC256
CIPHER_BIP_CMAC256 = Cipher.BIP_CMAC256

PLACED_HARDWARE = Placement.HARDWARE
PLACED_SOFTWARE = Placement.SOFTWARE

# ---- plain flags and values (the header has no named enum for these) ----------------------------

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
KEY_MFP = 16            # the link uses 802.11w: the key is placed in software

ROLE_STATION = 0
ROLE_ACCESS_POINT = 1

BUS_EMULATOR = 0
BUS_PCI_VFIO = 1
BUS_PCI_UIO = 2
BUS_USB = 3
BUS_NAMES = {BUS_EMULATOR: "emulator", BUS_PCI_VFIO: "PCI (VFIO)", BUS_PCI_UIO: "PCI (uio)", BUS_USB: "USB"}
