"""RtError: a failing rtdriver call."""

from .constants import Status, as_enum


class RtError(Exception):
    """A failing rtdriver call: .status (a Status, or the int for a status this binding does not
    know), .name ("RT_ERR_MIC"), .message (rt_last_error's sentence, as the library wrote it) and
    .function (the C function, or the Python class for a binding-side refusal).

    str() is "function: RT_ERR_NAME: sentence". Some library sentences already begin with the
    function's name ("rt_frame_decrypt: the frame's key id ..."); that prefix is not repeated.
    """

    def __init__(self, status: int, name: str, message: str, function: str = ""):
        self.status = as_enum(Status, status)
        self.name = name
        self.message = message
        self.function = function
        super().__init__(self._text())

    def _text(self) -> str:
        message = self.message
        if self.function and message.startswith(self.function + ": "):
            message = message[len(self.function) + 2:]
        parts = [p for p in (self.function, self.name, message) if p]
        return ": ".join(parts)
