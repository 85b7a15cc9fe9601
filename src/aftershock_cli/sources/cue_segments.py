"""Cues of any caption format into segments: times checked, rolling auto-captions read once.

The readers of SubRip, SBV, SubStation Alpha, TTML and SAMI files hand their cues
here, so one rule decides for all of them: a time below zero or past
``core.limits.MAX_TIME_MS`` refuses the file, and a file in YouTube's rolling
auto-caption style (see ``sources.vtt``) becomes one segment per line of speech.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model import Segment
from .caption_text import plain_text, time_in_range
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
        time_in_range(path, cue.start, f"cue {number}: its start")
        time_in_range(path, cue.end, f"cue {number}: its end")
