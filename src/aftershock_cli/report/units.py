"""Units of time for agreement, and which coders applied a theme to which unit.

A unit is a transcript segment (from its start until it stops being spoken, the
rule of ``core.spoken``) or, with the ``second`` unit, each whole second of the
video. A video without segments is cut into seconds whatever the unit. A coder
applied a theme to a unit when that coder's tags of the theme, taken together,
cover at least half of the unit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..core.model import Tag, Transcript
from ..core.spoken import covered_text, spoken_spans
from ..core.spoken import merged_ranges as merged

UnitKind = Literal["segment", "second"]
UNIT_KINDS: tuple[UnitKind, ...] = ("segment", "second")

Marks = tuple[int, ...]
"""One unit as seen by each coder, in the order of the coders: 1 marked the theme,
0 coded the video but did not mark it, -1 did not code the video."""


@dataclass(frozen=True)
class VideoCoding:
    """One video, its tags and the coders who count as having coded it."""

    transcript: Transcript
    tags: tuple[Tag, ...]
    coders: frozenset[str]


@dataclass(frozen=True)
class Units:
    """The units of one video in time order, as (start ms, end ms)."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]
    longest: int
    texts: tuple[str, ...] = ()
    """The words of each unit when the units are segments; empty for seconds."""

    def words(self, transcript: Transcript, first: int, last: int) -> str:
        """The words of units ``first..last``: their segments' text, else the words
        spoken in that time (``core.spoken``)."""
        if self.texts:
            return " ".join(" ".join(self.texts[first : last + 1]).split())
        return covered_text(transcript, self.spans[first][0], self.spans[last][1])


def units_of(coding: VideoCoding, kind: UnitKind) -> Units:
    """The units of a video (see the module's rule); none for an empty video."""
    transcript = coding.transcript
    texts: tuple[str, ...] = ()
    if kind == "segment" and transcript.segments:
        segments = transcript.segments
        times = [(s.start_ms, s.end_ms) for s in segments]
        found = sorted(
            (a, b, seg.text)
            for (a, b), seg in zip(spoken_spans(times), segments, strict=True)
            if b > a
        )
        spans = [(a, b) for a, b, _ in found]
        texts = tuple(t for _, _, t in found)
    else:
        end_ms = max([transcript.end_ms, *(t.end_ms for t in coding.tags)])
        spans = [(s, s + 1000) for s in range(0, end_ms, 1000)]
    longest = max((e - s for s, e in spans), default=0)
    return Units(tuple(spans), tuple(s for s, _ in spans), longest, texts)


def marked_units(units: Units, ranges: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of the units that ``ranges`` (merged, not overlapping) cover at least half of."""
    covered: dict[int, int] = {}
    for start, end in ranges:
        i = bisect_left(units.starts, start - units.longest)
        while i < len(units.spans) and units.spans[i][0] < end:
            u0, u1 = units.spans[i]
            overlap = min(u1, end) - max(u0, start)
            if overlap > 0:
                covered[i] = covered.get(i, 0) + overlap
            i += 1
    return {i for i, ms in covered.items() if 2 * ms >= units.spans[i][1] - units.spans[i][0]}


def ranges_by_theme(coding: VideoCoding) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """theme -> coder -> that coder's merged ranges of the theme on this video."""
    grouped: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for tag in coding.tags:
        if tag.coder in coding.coders:
            for theme in tag.themes:
                grouped.setdefault(theme, {}).setdefault(tag.coder, []).append(
                    (tag.start_ms, tag.end_ms)
                )
    return {t: {c: merged(r) for c, r in by.items()} for t, by in grouped.items()}


def theme_marks(
    coding: VideoCoding,
    units: Units,
    coders: Sequence[str],
    ranges: dict[str, list[tuple[int, int]]],
) -> tuple[Marks, dict[int, Marks]]:
    """The marks of a unit nobody marked, and those of every unit someone marked;
    ``ranges`` are each coder's ranges of the theme (``ranges_by_theme``)."""
    base = tuple(0 if c in coding.coders else -1 for c in coders)
    marked_by: dict[int, list[int]] = {}
    for position, coder in enumerate(coders):
        for index in marked_units(units, ranges.get(coder, ())):
            marked_by.setdefault(index, list(base))[position] = 1
    return base, {i: tuple(m) for i, m in sorted(marked_by.items())}
