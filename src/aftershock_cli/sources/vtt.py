"""WebVTT files into segments, with YouTube's rolling auto-captions de-duplicated.

YouTube's automatic captions show two lines at a time: each cue repeats the
line before and types the next one word by word (inline ``<00:00:01.200><c>``
times), and between two such cues sits a 10 ms "scroll" cue that holds only
the finished line. Read naively, every line appears two or three times. Here a
line becomes a segment once, at the start of the cue that types it (the cue's
bottom line), and lasts to that cue's end; top lines and scroll cues only show
again what was already typed. The position decides, not the words, so a line
said twice in a row ("thank you", "thank you") stays twice.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..core.errors import InvalidInputError
from ..core.model import Segment, Transcript
from .caption_text import clean_text

_INLINE_TIME = re.compile(r"<\d{2}:\d{2}(?::\d{2})?\.\d{3}>")
_SCROLL_MS = 20
_SNIFF_CUES = 200


def read_vtt(path: Path, text: str) -> Transcript:
    """Parse a WebVTT file's text with webvtt-py and turn its cues into segments."""
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    if not text.lstrip().startswith("WEBVTT"):
        raise InvalidInputError(
            f"{path.name} is not a WebVTT file (it does not start with WEBVTT); "
            "check that it is the file you meant"
        )
    try:
        vtt = webvtt.from_buffer(io.StringIO(text))
    except (MalformedFileError, MalformedCaptionError, ValueError) as exc:
        raise InvalidInputError(
            f"{path.name} is not a valid WebVTT file ({exc}); fix it or download it again"
        ) from exc
    cues = [
        Cue(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.lines, _voice(c))
        for c in vtt.captions
    ]
    rolling = is_rolling(cues)
    segments = rolling_segments(cues) if rolling else plain_segments(cues)
    return Transcript(
        video_id="",
        language_code=_header_language(vtt.metadata),
        is_generated=rolling,
        segments=tuple(segments),
    )


class Cue(NamedTuple):
    """A WebVTT cue: its times, its lines as written, and its speaker (voice), if any."""

    start: int
    end: int
    lines: list[str]
    speaker: str = ""


_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")


def _voice(caption: Any) -> str:
    """The name in the cue's first voice span (``<v Ana>``, ``<v.loud Ana Ruiz>``)."""
    found = _VOICE.search(caption.raw_text or "")
    return " ".join(found.group(1).split()) if found else ""


def is_rolling(cues: list[Cue]) -> bool:
    """True for YouTube's auto-caption style: inline word times, or at least two
    scroll cues (20 ms or less, showing again the bottom line of the cue before).

    One short cue alone proves nothing: hand-made files have zero-length cues too.
    """
    scrolls = 0
    previous: list[str] = []
    for start, end, lines, _ in cues[:_SNIFF_CUES]:
        if any(_INLINE_TIME.search(line) for line in lines):
            return True
        if end - start <= _SCROLL_MS and previous and _is_scroll(lines, previous):
            scrolls += 1
            if scrolls >= 2:
                return True
        previous = lines
    return False


def _is_scroll(lines: list[str], previous: list[str]) -> bool:
    shown = [clean_text(line) for line in lines]
    shown = [line for line in shown if line]
    return len(shown) == 1 and shown[0] == clean_text(previous[-1])


def plain_segments(cues: list[Cue]) -> list[Segment]:
    """One segment per cue, its lines joined by spaces; cues without words are dropped."""
    out = []
    for start, end, lines, speaker in cues:
        words = clean_text(" ".join(lines))
        if words:
            out.append(Segment(start, max(0, end - start), words, speaker))
    return out


def rolling_segments(cues: list[Cue]) -> list[Segment]:
    """One segment per line of speech: the bottom line of each cue that is not a scroll
    cue; the lines above it were typed by the cues before. An upper line that no cue
    before typed (a cut file, a gap) is kept too, from the start of the cue showing it."""
    out: list[Segment] = []
    typed = ""
    for start, end, lines, _ in cues:
        if end - start <= _SCROLL_MS or not lines:
            continue
        if len(lines) > 1:
            upper = clean_text(lines[-2])
            if upper and upper != typed:
                out.append(Segment(start, end - start, upper))
        words = clean_text(lines[-1])
        if words:
            out.append(Segment(start, end - start, words))
        typed = words
    return out


def _header_language(metadata: list[str]) -> str:
    for line in metadata:
        key, _, value = line.partition(":")
        if key.strip().lower() == "language":
            return value.strip()
    return ""
