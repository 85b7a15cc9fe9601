"""Cues of any caption format into segments: times checked, rolling auto-captions read once.

The readers of SubRip, SBV, SubStation Alpha, TTML and SAMI files hand their cues
here, so one rule decides for all of them: a time below zero or past
``core.limits.MAX_TIME_MS`` refuses the file, and a file in YouTube's rolling
auto-caption style (see ``sources.vtt``) becomes one segment per line of speech.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import InvalidInputError
from ..core.limits import MAX_TIME_MS
from ..core.model import Segment
from ..core.timecode import format_hms
from .caption_text import plain_text
from .vtt import Cue, is_rolling, rolling_segments


def cue_segments(
    path: Path, cues: list[Cue], *, formatting: bool = True
) -> tuple[list[Segment], bool]:
    """The segments of ``cues`` and whether they were rolling auto-captions.

    Cue text is plain (``plain_text``): with ``formatting``, ``<i>``-style tags and SSA
    override blocks are dropped. Raises InvalidInputError naming the first cue whose
    time is negative or past the limit."""
    check_cue_times(path, cues)
    if is_rolling(cues):
        return rolling_segments(cues), True
    out: list[Segment] = []
    for start, end, lines, speaker in cues:
        words = plain_text(" ".join(lines), formatting=formatting)
        if words:
            out.append(Segment(start, max(0, end - start), words, speaker))
    return out, False


def check_cue_times(path: Path, cues: list[Cue]) -> None:
    """Refuse a file with a cue that starts or ends before zero or past ``MAX_TIME_MS``."""
    for number, cue in enumerate(cues, 1):
        if cue.start < 0 or cue.end < 0:
            raise InvalidInputError(
                f"{path.name}: cue {number} has a negative time; caption times start at "
                "0:00:00, so nothing was imported: fix the file or download it again"
            )
        if max(cue.start, cue.end) > MAX_TIME_MS:
            raise InvalidInputError(
                f"{path.name}: cue {number} ends at {format_hms(max(cue.start, cue.end))}, "
                f"past the longest time aftershock reads ({format_hms(MAX_TIME_MS)}); "
                "fix the file or download it again"
            )
