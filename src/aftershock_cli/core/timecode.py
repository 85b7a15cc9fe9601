"""Parsing and formatting of times and time ranges; integer milliseconds everywhere.

Accepted spellings of a time: ``1:02:03``, ``62:03``, ``3723``, ``3723.5``,
``1h2m3s``, ``2m``, ``30s``, ``t=3723``, ``?t=1h2m3s`` and a YouTube URL that
carries ``t=``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from .errors import InvalidInputError
from .videoid import parse_video_id

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
    ms = _parse_plain(value.lower())
    if ms is None:
        raise InvalidInputError(f"'{raw}' is not a time; {HINT}")
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


def format_hms(ms: int) -> str:
    """Render milliseconds as ``HH:MM:SS`` (the source format's anchor time)."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def format_clock(ms: int) -> str:
    """Render milliseconds compactly for people: ``9:14`` or ``1:02:03``."""
    seconds = max(0, ms) // 1000
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_duration(ms: int) -> str:
    """Render a length as ``1h02m03s``, ``4m05s`` or ``12s``."""
    seconds = max(0, ms) // 1000
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    if h:
        return f"{h}h{m:02d}m{s:02d}s"
    if m:
        return f"{m}m{s:02d}s"
    return f"{s}s"


@dataclass(frozen=True)
class TimeRange:
    """A range as written on the command line; ``end_ms`` is None for a single time."""

    start_ms: int
    end_ms: int | None


def parse_range(text: str, *, video_id: str | None = None) -> TimeRange:
    """Read ``START-END``, ``START+DURATION`` or ``START`` alone.

    With ``video_id``, a YouTube URL of another video is refused (its time
    belongs to that video).
    """
    raw = text.strip()
    if _is_url(raw):
        if video_id is not None:
            check_url_video(raw, video_id)
        return TimeRange(parse_time(raw), None)
    for sep in ("+", "-"):
        if sep not in raw:
            continue
        start, _, rest = raw.partition(sep)
        if not start.strip() or not rest.strip():
            raise InvalidInputError(
                f"'{raw}' is not a range: it needs a time on both sides of '{sep}'; "
                "give START-END (9:14-9:36), START+DURATION (9:14+30s) or START alone"
            )
        start_ms = parse_time(start)
        other = parse_time(rest)
        return TimeRange(start_ms, start_ms + other if sep == "+" else other)
    return TimeRange(parse_time(raw), None)


def _is_url(text: str) -> bool:
    return "://" in text or text.startswith(("www.", "youtu"))


def check_url_video(text: str, video_id: str) -> None:
    """Raise if ``text`` is a YouTube URL of a video other than ``video_id``."""
    url = text.strip()
    if not _is_url(url):
        return
    try:
        other = parse_video_id(url)
    except InvalidInputError:  # a URL with a time but no video id names no other video
        return
    if other != video_id:
        raise InvalidInputError(
            f"'{url}' is a link to another video ({other}), not to {video_id}; "
            f"give a time such as 9:14, or a link to {video_id}"
        )
