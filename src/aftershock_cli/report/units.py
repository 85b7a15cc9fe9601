"""Units of time for agreement, and which coders applied a theme to which unit.

A unit is a transcript segment (from its start until it stops being spoken, the
rule of ``core.spoken``) or, with the ``second`` unit, each whole second of the
video. A video without segments is cut into seconds whatever the unit. A coder
applied a theme to a unit when that coder's tags of the theme, taken together,
cover at least half of the unit.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Literal, Protocol

from ..core.model import Tag, Transcript
from ..core.spoken import covered_words
from ..core.spoken import merged_ranges as merged
from ..core.spoken_units import SegmentUnits, segment_units

UnitKind = Literal["segment", "second"]
UNIT_KINDS: tuple[UnitKind, ...] = ("segment", "second")

Marks = tuple[int, ...]
"""One unit as seen by each coder, in the order of the coders: 1 marked the theme,
0 coded the video but did not mark it, -1 did not code the video."""


@dataclass(frozen=True)
class VideoCoding:
    """One video, its tags, the coders who count as having coded it, and when its
    segments are spoken (None when it has no segments)."""

    video_id: str
    tags: tuple[Tag, ...]
    coders: frozenset[str]
    spoken: SegmentUnits | None
    end_ms: int
    """The known length of the video (``Transcript.end_ms``)."""


def coding_of(transcript: Transcript, tags: tuple[Tag, ...], coders: frozenset[str]) -> VideoCoding:
    """A video's coding, with its units read from its transcript."""
    segments = transcript.segments
    spoken = segment_units([(s.start_ms, s.end_ms) for s in segments]) if segments else None
    return VideoCoding(transcript.video_id, tags, coders, spoken, transcript.end_ms)


@dataclass(frozen=True)
class Units:
    """The units of one video in time order: unit i runs from ``starts[i]`` to ``ends[i]`` ms."""

    starts: Sequence[int]
    ends: Sequence[int]
    longest: int
    segments: Sequence[int] = ()
    """The transcript's segment of each unit when the units are segments; empty for seconds."""
    in_order: bool = True
    """Whether the units end in the order they start (no unit ends inside another)."""

    def __len__(self) -> int:
        return len(self.starts)

    def words(self, source: TextSource, video_id: str, first: int, last: int) -> str:
        """The words of units ``first..last``: their segments' text, else the words
        spoken in that time (``core.spoken``)."""
        if self.segments:
            texts = source.texts(video_id)
            text = " ".join(texts[k] for k in self.segments[first : last + 1])
            return " ".join(text.split())
        found = source.segments(video_id)
        return covered_words(found.times, found.texts, self.starts[first], self.ends[last])


@dataclass(frozen=True)
class SegmentText:
    """A transcript's segments as (start, end) and text, all the words of agreement need."""

    times: tuple[tuple[int, int], ...]
    texts: Sequence[str]


class TextSource(Protocol):
    """Where the words of a video come from."""

    def segments(self, video_id: str) -> SegmentText:
        """The video's segments (none when it has no transcript)."""
        ...

    def texts(self, video_id: str) -> Sequence[str]:
        """The text of each of the video's segments: ``segments(video_id).texts``."""
        ...


def units_of(coding: VideoCoding, kind: UnitKind) -> Units:
    """The units of a video (see the module's rule); none for an empty video."""
    spoken = coding.spoken
    if kind == "segment" and spoken is not None:
        lengths = map(operator.sub, spoken.ends, spoken.starts)
        in_order = all(map(operator.le, spoken.ends, islice(spoken.ends, 1, None)))
        return Units(spoken.starts, spoken.ends, max(lengths, default=0), spoken.segments, in_order)
    end_ms = max([coding.end_ms, *(t.end_ms for t in coding.tags)])
    count = -(-end_ms // 1000)
    return Units(range(0, count * 1000, 1000), range(1000, count * 1000 + 1000, 1000), 1000)


Run = tuple[int, int]
"""Units ``first`` up to (not including) ``stop``, by index."""


def marked_units(units: Units, ranges: Iterable[tuple[int, int]]) -> list[Run]:
    """The units that ``ranges`` (merged, not overlapping) cover at least half of, as
    runs of indices in order.

    A unit inside one range is marked at once; only the units a range cuts are
    measured, and their covered time summed over the ranges. When the units end
    in the order they start (seconds, and the segments of most captions), the
    units inside a range are found by bisection, so the work grows with the
    ranges, not with the units they cover.
    """
    starts, ends = units.starts, units.ends
    covered: dict[int, int] = {}
    runs: list[Run] = []
    for start, end in ranges:
        stop = bisect_left(starts, end)
        if units.in_order:
            first = bisect_right(ends, start)
            first_in, stop_in = bisect_left(starts, start), min(bisect_right(ends, end), stop)
            cut: Iterable[int] = range(first, stop)
            if first_in < stop_in:
                runs.append((first_in, stop_in))
                cut = chain(range(first, first_in), range(stop_in, stop))
        else:
            cut = range(bisect_left(starts, start - units.longest), stop)
        for i in cut:
            overlap = min(ends[i], end) - max(starts[i], start)
            if overlap > 0:
                covered[i] = covered.get(i, 0) + overlap
    runs += [(i, i + 1) for i, ms in covered.items() if 2 * ms >= ends[i] - starts[i]]
    return merged(runs)  # index runs join as time ranges do: where they touch or overlap


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
) -> tuple[Marks, list[tuple[int, int, Marks]]]:
    """The marks of a unit nobody marked, and the runs of units someone marked as
    (first, stop, marks), in order, each run with the same marks throughout;
    ``ranges`` are each coder's ranges of the theme (``ranges_by_theme``)."""
    base = tuple(0 if c in coding.coders else -1 for c in coders)
    edges: list[tuple[int, int, int]] = []
    for position, coder in enumerate(coders):
        for first, stop in marked_units(units, ranges.get(coder, ())):
            edges += ((first, 1, position), (stop, -1, position))
    edges.sort()
    marking = [0] * len(coders)
    out: list[tuple[int, int, Marks]] = []
    marks = list(base)
    for i, (at, change, position) in enumerate(edges):
        marking[position] += change
        marks[position] = 1 if marking[position] else base[position]
        following = edges[i + 1][0] if i + 1 < len(edges) else at
        if following > at and any(marking):
            out.append((at, following, tuple(marks)))
    return base, out
