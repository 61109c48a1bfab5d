"""An owned library handle (an rt_key or rt_device), released exactly once."""

from typing import Optional
from ctypes import c_void_p

from ._library import lib
from .constants import ERR_INVALID_ARGUMENT
from .errors import RtError


class Handle:
    """Closed by close(), a with-block or garbage collection, once."""

    _free_function = ""  # the library function that releases the handle
    _noun = ""           # "key" or "device", for the error after close()

    _h: Optional[c_void_p] = None

    def close(self) -> None:
        if self._h is not None:
            lib().fn(self._free_function)(self._h)
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
