"""SubViewer (``.sbv``) files, the captions YouTube Studio gives a channel owner.

A cue is a line ``0:00:01.000,0:00:03.500`` (start and end, ``H:MM:SS.mmm``),
then its text lines, then a blank line. No well-kept Python library reads this
format, and it is this small, so it is read here.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import InvalidInputError
from ..core.model import Transcript
from .cue_segments import cue_segments
from .vtt import Cue

_TIME = r"(\d{1,6}):([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMES = re.compile(rf"{_TIME},{_TIME}")
SBV_HEAD = re.compile(rf"\s*{_TIME},{_TIME}[ \t]*\r?\n")
"""What the start of an SBV file looks like (for telling its format by its content)."""


def read_sbv(path: Path, text: str) -> Transcript:
    """The segments of an SBV file; a line where a cue time belongs that is not one
    raises InvalidInputError naming the file and the line."""
    cues: list[Cue] = []
    lines: list[str] = []
    times: tuple[int, int] | None = None
    for number, line in enumerate([*text.splitlines(), ""], 1):
        line = line.strip()
        if not line:
            if times is not None:
                cues.append(Cue(times[0], times[1], lines))
            times, lines = None, []
        elif times is None:
            times = _cue_times(path, number, line)
        else:
            lines.append(line)
    segments, rolling = cue_segments(path, cues)
    return Transcript(video_id="", is_generated=rolling, segments=tuple(segments))


def _cue_times(path: Path, number: int, line: str) -> tuple[int, int]:
    found = _TIMES.fullmatch(line)
    if found is None:
        raise InvalidInputError(
            f"{path}:{number}: '{line[:40]}' is not an SBV cue time (H:MM:SS.mmm,H:MM:SS.mmm); "
            "fix the file or download it again from YouTube Studio"
        )
    h1, m1, s1, f1, h2, m2, s2, f2 = map(int, found.groups())
    return _ms(h1, m1, s1, f1), _ms(h2, m2, s2, f2)


def _ms(hours: int, minutes: int, seconds: int, millis: int) -> int:
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
