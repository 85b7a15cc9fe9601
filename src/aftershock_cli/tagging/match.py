"""Finding the stretches of a transcript that match words or a regular expression.

The segments are searched as one text (joined by spaces), so a phrase split
across two captions is still found. Each hit is widened by a context (a time
or a number of segments) and hits that then touch in time (share a segment, or
one ends where the next starts) are merged into one range made of whole
segments: from the first one's start until the last one stops being spoken
(``spoken.run_span``), so the tag quotes exactly the matched segments.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..core import limits
from ..core.errors import InvalidInputError
from ..core.model import Segment, Transcript
from ..core.spoken import run_span
from ..core.timecode import parse_time
from .suggest import UNSPACED

if TYPE_CHECKING:
    import regex


class Span(Protocol):
    """Where a match lies in the searched text (a match of ``re`` or of ``regex``)."""

    def start(self) -> int: ...
    def end(self) -> int: ...


@dataclass(frozen=True)
class UserPattern:
    """A regular expression a user wrote, run with a bound on its time.

    A pattern with nested repeats such as ``(a+)+$`` can take minutes over a long
    transcript; it runs under the ``regex`` library, which stops it once it has
    used ``limits.REGEX_TIMEOUT_S`` of processor time (shared by all the patterns
    of one search)."""

    text: str
    compiled: regex.Pattern[str]


Pattern = re.Pattern[str] | UserPattern


@dataclass(frozen=True)
class Context:
    """How far to widen each hit: ``ms`` of time, or ``segments`` on each side."""

    ms: int = 0
    segments: int = 0


@dataclass(frozen=True)
class Hit:
    """A merged range of matching segments (indices inclusive) and its times."""

    first: int
    last: int
    start_ms: int
    end_ms: int
    hits: int
    """How many matches fell in this range."""


def parse_context(text: str) -> Context:
    """``5s``, ``1m``, ``0:05`` -> time; a bare whole number ``2`` -> two segments."""
    value = text.strip()
    if value.isdigit():
        return Context(segments=int(value))
    try:
        return Context(ms=parse_time(value))
    except InvalidInputError:
        raise InvalidInputError(
            f"'{text}' is not a context; give a time such as 5s or 0:10, "
            "or a whole number of segments such as 2"
        ) from None


def compile_patterns(patterns: Sequence[str], *, regex: bool = False) -> tuple[Pattern, ...]:
    """One case-insensitive pattern for each given word/phrase (or regular expression).

    Words match whole words or their plural (``silo`` finds ``silos``), ``*`` at
    the end of a word matches any ending (``experiment*``); spaces in a phrase
    match any run of spaces and punctuation (a phrase may run over a full stop).
    Each regular expression is compiled on its own, so its flags, group names
    and backreferences work exactly as written.
    """
    compiled: list[Pattern] = []
    for raw in patterns:
        text = raw.strip()
        if not text:
            raise InvalidInputError("match needs some words (it was empty)", option="match")
        if regex:
            compiled.append(_user_pattern(raw, text))
        else:
            words = [_word_pattern(w) for w in text.split()]
            compiled.append(re.compile(_BEFORE + r"\W+".join(words) + _AFTER, re.IGNORECASE))
    return tuple(compiled)


def _user_pattern(raw: str, text: str) -> UserPattern:
    """Compile a user's regular expression; ``regex`` is imported here, not at start-up
    (it costs ~40 ms of processor time, and only user patterns need it)."""
    import regex

    try:
        return UserPattern(raw, regex.compile(text, regex.IGNORECASE))
    except (regex.error, re.error, ValueError, OverflowError) as exc:
        raise InvalidInputError(f"'{raw}' is not a valid regular expression ({exc})") from None


def _finditer(patterns: Sequence[Pattern], text: str) -> Iterator[Span]:
    """Every match of every pattern; user patterns share one budget of processor time."""
    spent = time.process_time()
    for pattern in patterns:
        if isinstance(pattern, re.Pattern):
            yield from pattern.finditer(text)
            continue
        left = limits.REGEX_TIMEOUT_S - (time.process_time() - spent)
        try:
            yield from pattern.compiled.finditer(text, timeout=max(left, 0.001))
        except TimeoutError:
            raise InvalidInputError(
                f"the regular expression '{pattern.text}' took more than "
                f"{limits.REGEX_TIMEOUT_S:g} seconds over the transcript and was stopped; "
                "simplify it (nested repeats such as (a+)+ can take for ever)"
            ) from None


# A word starts and ends at a letter or digit of any script; beside kana and
# CJK ideographs (written without spaces) it needs no boundary.
_BEFORE = rf"(?<![^\W{UNSPACED}])"
_AFTER = rf"(?![^\W{UNSPACED}])"


def _word_pattern(word: str) -> str:
    if word.endswith("*") and len(word) > 1:
        return re.escape(word.rstrip("*")) + r"\w*"
    return re.escape(word) + "(?:e?s)?"


def _speaker(transcript: Transcript, speaker: str | None) -> str:
    """``speaker`` as the transcript names one (any case), or an error naming them all."""
    if not speaker or not speaker.strip():
        return ""
    wanted = speaker.strip().casefold()
    names = sorted({s.speaker for s in transcript.segments if s.speaker})
    if wanted not in {n.casefold() for n in names}:
        known = ", ".join(names) if names else "none: its captions name no voices"
        raise InvalidInputError(
            f"no speaker '{speaker.strip()}' in {transcript.video_id}; its speakers: {known}"
        )
    return wanted


def find_matches(
    transcript: Transcript,
    pattern: Pattern | Sequence[Pattern],
    context: Context,
    speaker: str | None = None,
) -> list[Hit]:
    """The merged ranges of segments that match ``pattern`` (or any of several patterns),
    widened by ``context``; with ``speaker``, only matches in what that speaker says."""
    segments = transcript.segments
    if not segments:
        raise InvalidInputError(
            f"{transcript.video_id} has no transcript text to search; fetch it first "
            "(or tag an explicit range)"
        )
    who = _speaker(transcript, speaker)
    text, starts = _joined(segments)
    spans: list[tuple[int, int]] = []
    each = (pattern,) if isinstance(pattern, re.Pattern | UserPattern) else pattern
    for m in _finditer(each, text):
        if m.end() == m.start():
            continue
        first = _index_at(starts, m.start())
        last = _index_at(starts, m.end() - 1)
        if who and all(s.speaker.casefold() != who for s in segments[first : last + 1]):
            continue
        spans.append(_widen(segments, first, last, context))
    merged: list[Hit] = []
    for first, last in sorted(spans):
        start_ms, end_ms = run_span(segments, first, last)
        prev = merged[-1] if merged else None
        if prev is not None and (first <= prev.last or start_ms <= prev.end_ms):
            last = max(prev.last, last)
            merged[-1] = Hit(prev.first, last, *run_span(segments, prev.first, last), prev.hits + 1)
        else:
            merged.append(Hit(first, last, start_ms, end_ms, 1))
    return merged


def _joined(segments: Sequence[Segment]) -> tuple[str, list[int]]:
    starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for seg in segments:
        starts.append(offset)
        pieces.append(seg.text)
        offset += len(seg.text) + 1
    return " ".join(pieces), starts


def _index_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _widen(segments: Sequence[Segment], first: int, last: int, context: Context) -> tuple[int, int]:
    if context.segments:
        return max(0, first - context.segments), min(len(segments) - 1, last + context.segments)
    if context.ms:
        lo_ms = segments[first].start_ms - context.ms
        hi_ms = segments[last].end_ms + context.ms
        while first > 0 and segments[first - 1].end_ms > lo_ms:
            first -= 1
        while last < len(segments) - 1 and segments[last + 1].start_ms < hi_ms:
            last += 1
    return first, last
