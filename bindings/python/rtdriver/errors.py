"""RtError: a failing rtdriver call."""

from .constants import Status, as_enum


class RtError(Exception):
    """A failing rtdriver call: .status (a Status, or the int for a status this binding does not
    know), .name ("RT_ERR_MIC"), .message (rt_last_error's sentence, as the library wrote it) and
    .function (the C function, or the Python class for a binding-side refusal).

    str() is "function: RT_ERR_NAME: sentence". Some library sentences already begin with the
    function's name, in full ("rt_frame_decrypt: the frame's key id ...") or short ("set_key: ...",
    "load_firmware: ..."); that prefix is not repeated.
    """

    def __init__(self, status: int, name: str, message: str, function: str = ""):
        self.status = as_enum(Status, status)
        self.name = name
        self.message = message
        self.function = function
        super().__init__(self._text())

    def _text(self) -> str:
        message = self.message
        # The library may begin its sentence with the function's name, in full
        # ("rt_frame_decrypt: ...") or without the rt_device_/rt_key_/rt_ prefix ("set_key: ...").
        if self.function:
            for name in _short_names(self.function):
                if message.startswith(name + ": "):
                    message = message[len(name) + 2:]
                    break
        parts = [p for p in (self.function, self.name, message) if p]
        return ": ".join(parts)


def _short_names(function: str):
    """rt_device_set_key -> rt_device_set_key, set_key; rt_key_new -> rt_key_new, key_new, new."""
    names = [function]
    for prefix in ("rt_device_", "rt_key_", "rt_frame_", "rt_"):
        if function.startswith(prefix) and len(function) > len(prefix):
            names.append(function[len(prefix):])
    return names
