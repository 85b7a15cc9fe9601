"""Parsing and formatting of times; integer milliseconds everywhere.

Accepted spellings of a time: ``1:02:03``, ``62:03``, ``3723``, ``3723.5``,
``1h2m3s``, ``2m``, ``30s``, ``t=3723``, ``?t=1h2m3s`` and a YouTube URL that
carries ``t=``. The range text a user types (``9:14-9:36``) is read by
``tagging.plan.parse_range``, on top of these.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from .clocktext import format_clock as format_clock
from .clocktext import format_duration as format_duration
from .clocktext import format_hms as format_hms
from .clocktext import format_range as format_range
from .errors import InvalidInputError
from .limits import MAX_TIME_MS
from .values import TOO_LATE

_UNITS = re.compile(
    r"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$"
)
_CLOCK = re.compile(r"^(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?(?:[.,](\d{1,3}))?$")

HINT = "use 1:02:03, 62:03, 3723 or 1h2m3s"


def parse_time(text: str) -> int:
    """Read a time and return it in milliseconds; raise InvalidInputError if unreadable."""
    raw = text.strip()
    value = raw
    if "://" in value or value.startswith(("www.", "youtu")):
        query = parse_qs(urlparse(value if "://" in value else "https://" + value).query)
        fragment = parse_qs(urlparse(value if "://" in value else "https://" + value).fragment)
        found = query.get("t") or query.get("start") or fragment.get("t")
        if not found:
            raise InvalidInputError(f"'{raw}' is a URL without a t= time; {HINT}")
        value = found[0]
    if value.startswith("?"):
        value = value[1:]
    if value.startswith(("t=", "start=")):
        value = value.split("=", 1)[1]
    try:
        ms = _parse_plain(value.lower())
    except OverflowError:  # 1e400h: a float too big to round
        ms = MAX_TIME_MS + 1
    if ms is None:
        raise InvalidInputError(f"'{raw}' is not a time; {HINT}")
    if ms > MAX_TIME_MS:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise InvalidInputError(f"'{shown}' is {TOO_LATE}; give a time within the video")
    return ms


def _parse_plain(value: str) -> int | None:
    if not value:
        return None
    clock = _CLOCK.match(value)
    if clock:
        parts = [p for p in clock.group(1, 2, 3) if p is not None]
        nums = [int(p) for p in parts]
        if any(n >= 60 for n in nums[1:]):
            return None
        seconds = 0
        for n in nums:
            seconds = seconds * 60 + n
        frac = clock.group(4)
        extra = int(frac.ljust(3, "0")) if frac else 0
        return seconds * 1000 + extra
    try:
        if re.fullmatch(r"\d+\.\d+", value):
            return round(float(value) * 1000)
    except ValueError:  # pragma: no cover - guarded by the pattern
        return None
    units = _UNITS.match(value)
    if units and any(units.groups()):
        h, m, s, ms = units.groups()
        total = float(h or 0) * 3_600_000 + float(m or 0) * 60_000 + float(s or 0) * 1000
        return round(total) + int(ms or 0)
    return None
