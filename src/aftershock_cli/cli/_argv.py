"""Refusing command-line arguments that are not text: bytes that are not UTF-8 reach
Python as lone surrogates, which no file can hold, so they are refused before any
command runs rather than when a file is written."""

from __future__ import annotations

from . import _common


def refuse_undecodable(args: list[str]) -> None:
    """Exit 1 with one line naming the first argument that is not valid UTF-8."""
    for index, arg in enumerate(args):
        if _is_text(arg):
            continue
        option, _, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
        if not option and index and args[index - 1].startswith("-"):
            option = args[index - 1]
        shown = _shown(value)
        which = f"the value of {option}" if option else f"the argument {index + 1}"
        _common.fail(
            f"{which} ('{shown}') is not valid UTF-8 text; "
            "type it again, or set the terminal to UTF-8"
        )


def _is_text(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(value: str) -> str:
    """The argument as printable text: its undecodable bytes as ``\\xNN`` escapes."""
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
