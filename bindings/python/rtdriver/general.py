"""The library's general calls: versions, status names, the last error, the crypto path."""

from ._library import lib


def abi_version() -> int:
    return lib().fn("rt_abi_version")()


def version() -> str:
    return lib().fn("rt_version")().decode()


def status_name(status: int) -> str:
    return lib().fn("rt_status_name")(status).decode()


def last_error() -> str:
    return lib().fn("rt_last_error")().decode(errors="replace")


def cpu_path() -> str:
    return lib().fn("rt_cpu_path")().decode()
