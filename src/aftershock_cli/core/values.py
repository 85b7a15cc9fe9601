"""Checking values read from files and command lines: times within bounds, text that is text.

Every reader (caption files, the workspace's transcripts and tag files, ranges
typed on the command line) bounds its times here, so nothing out of range is
ever stored and later breaks a writer, the search index or a report.
"""

from __future__ import annotations

import math
import re

from .errors import InvalidInputError
from .limits import MAX_TIME_MS

TOO_LATE = "later than 168:00:00 (seven days, the longest talk aftershock reads)"
"""Why a time past ``limits.MAX_TIME_MS`` is refused, wherever it comes from."""


def check_ms(ms: int, what: str) -> int:
    """``ms`` if it is a time aftershock keeps (0 to seven days), else InvalidInputError
    saying that ``what`` (a field's name) is negative or too late."""
    if ms < 0:
        raise InvalidInputError(f"{what} is negative ({_shown(ms)} ms)")
    if ms > MAX_TIME_MS:
        raise InvalidInputError(f"{what} is {_shown(ms)} ms, {TOO_LATE}")
    return ms


def ms_from(value: object, what: str, *, scale: int = 1) -> int:
    """A time read from a file: a whole or decimal number (or a string of digits) of
    units of ``scale`` milliseconds (1000 for seconds), bounded by ``check_ms``.
    Anything else (text, ``true``, a list, ``NaN``, ``Infinity``) raises
    InvalidInputError naming ``what``."""
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return check_ms(value * scale, what)
    if isinstance(value, float):
        if not math.isfinite(value):
            shown = {"inf": "Infinity", "-inf": "-Infinity"}.get(str(value), "NaN")
            raise InvalidInputError(f"{what} is {shown}, not a number")
        unit = "ms" if scale == 1 else "s"
        if value < 0:
            raise InvalidInputError(f"{what} is negative ({value:g} {unit})")
        if value * scale > MAX_TIME_MS:
            raise InvalidInputError(f"{what} is {value:g} {unit}, {TOO_LATE}")
        return round(value * scale)
    raise InvalidInputError(f"{what} is {kind_of(value)}, not a time in {_UNIT.get(scale, 'ms')}")


_DIGITS = re.compile(r"[0-9]{1,30}")
_UNIT = {1: "milliseconds", 1000: "seconds"}


def _shown(ms: int) -> str:
    """A number for a message, in full up to 20 digits (Python refuses to print
    thousands of them)."""
    if abs(ms) < 10**20:
        return str(ms)
    return "more than 10^20" if ms > 0 else "less than -10^20"


def kind_of(value: object) -> str:
    """What a value read from a file is, in a few words, for a message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return "text" if len(value) > 40 else repr(value)
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def text_from(value: object, what: str) -> str:
    """A text field read from a file: a string (absent or null reads as empty);
    a number, a list or a mapping raises InvalidInputError naming ``what``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise InvalidInputError(f"{what} is {kind_of(value)}, not text")
