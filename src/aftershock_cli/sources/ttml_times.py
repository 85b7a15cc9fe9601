"""TTML time expressions pysubs2 does not read, rewritten as the seconds it does.

DFXP files from streaming and broadcast tools often time cues in ticks
(``begin="10010000t"`` with ``ttp:tickRate="10000000"`` on the root) or in
frames (``25f``, ``00:00:01:12`` with ``ttp:frameRate``); pysubs2 reads only
hours, minutes, seconds and milliseconds. The rates follow TTML 1: frames at
30 a second unless ``frameRate`` (times ``frameRateMultiplier``) says
otherwise; ticks at ``tickRate``, else at the frame rate when one is given,
else one a second.
"""

from __future__ import annotations

import re

_ROOT = re.compile(r"<(?:\w+:)?tt\b[^>]*>")
_TIME_ATTR = re.compile(r"(\s(?:begin|end|dur)\s*=\s*)([\"'])([^\"'<>]{1,64})\2")
_OFFSET = re.compile(r"\s*(\d{1,15}(?:\.\d{1,9})?)(t|f)\s*")
_CLOCK_FRAMES = re.compile(r"\s*(\d{1,9}):([0-5]\d):([0-5]\d):(\d{1,9}(?:\.\d{1,9})?)\s*")
DEFAULT_FRAME_RATE = 30.0


def seconds_for_ticks_and_frames(text: str) -> str:
    """``text`` with every tick or frame time of a ``begin``, ``end`` or ``dur`` written
    as seconds (``1.001s``); other times are left as they are."""
    root = _ROOT.search(text)
    head = root.group() if root is not None else ""
    given = _rate(head, "frameRate")
    frames = (given or DEFAULT_FRAME_RATE) * _multiplier(head)
    ticks = _rate(head, "tickRate") or (frames if given else 1.0)

    def rewrite(found: re.Match[str]) -> str:
        value = found.group(3)
        offset = _OFFSET.fullmatch(value)
        clock = None if offset else _CLOCK_FRAMES.fullmatch(value)
        if offset is not None:
            seconds = float(offset.group(1)) / (ticks if offset.group(2) == "t" else frames)
        elif clock is not None:
            h, m, s, f = clock.groups()
            seconds = int(h) * 3600 + int(m) * 60 + int(s) + float(f) / frames
        else:
            return found.group()
        return f"{found.group(1)}{found.group(2)}{seconds:.3f}s{found.group(2)}"

    return _TIME_ATTR.sub(rewrite, text)


def _rate(head: str, name: str) -> float | None:
    found = re.search(
        rf"\s(?:\w+:)?{name}\s*=\s*[\"']\s*(\d{{1,12}}(?:\.\d{{1,9}})?)\s*[\"']", head
    )
    value = float(found.group(1)) if found else 0.0
    return value if value > 0 else None


def _multiplier(head: str) -> float:
    found = re.search(
        r"\s(?:\w+:)?frameRateMultiplier\s*=\s*[\"']\s*(\d{1,9})\s+(\d{1,9})\s*[\"']", head
    )
    if found is None or int(found.group(2)) == 0:
        return 1.0
    return int(found.group(1)) / int(found.group(2))
