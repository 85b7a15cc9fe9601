"""When each segment is spoken: the one rule for snapping ranges and for the words a range covers.

Caption segments overlap. A YouTube snippet's duration runs until its line
leaves the screen, and by then the next snippet has started; a hand-made
subtitle file may even hold one cue inside another. The rule used everywhere
(tagging, showing tags, every export, suggestions, tagging by matches):

* At any moment the segment *spoken* is the latest-starting segment still on
  screen (segments starting together: the later one in the transcript). So a
  segment is spoken from its start until the next segment starts (or until
  its own end, if that is earlier), and a segment with a shorter one inside it
  is spoken again once the inner one has ended.
* The words a range covers are the segments spoken at some moment inside it
  (a segment whose spoken time only touches an end of the range is not
  covered). A single moment covers the segment spoken at it.
* Snapping widens the start to the start of the segment spoken at START and
  the end to the moment the segment spoken just before END stops being spoken.

Times where no segment is on screen are silence: they belong to no segment
and a range's end in silence is not moved. A segment with no duration is
covered when its start lies in the range.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from .model import Segment, Transcript


class Piece(NamedTuple):
    """A stretch ``[start_ms, end_ms)`` in which segment number ``segment`` is spoken."""

    start_ms: int
    end_ms: int
    segment: int


@dataclass(frozen=True)
class Timeline:
    """The spoken pieces of a transcript's segments, in time order."""

    times: tuple[tuple[int, int], ...]
    """Each segment's (start, end), in transcript order."""
    pieces: tuple[Piece, ...]
    starts: tuple[int, ...]
    """``pieces[i].start_ms`` for bisecting."""
    last_spoken: tuple[int, ...]
    """For each segment, when it is last spoken (its start if it never is)."""
    instants: tuple[int, ...]
    """Indices of the segments with no duration."""

    def piece_at(self, ms: int) -> Piece | None:
        """The piece spoken at ``ms`` (its start included, its end not)."""
        i = bisect_right(self.starts, ms) - 1
        if i >= 0 and self.pieces[i].end_ms > ms:
            return self.pieces[i]
        return None

    def piece_before(self, ms: int) -> Piece | None:
        """The piece spoken just before ``ms`` (its end may be ``ms`` itself)."""
        i = bisect_right(self.starts, ms - 1) - 1
        if i >= 0 and self.pieces[i].end_ms >= ms:
            return self.pieces[i]
        return None

    def gap_around(self, ms: int) -> tuple[int | None, int | None]:
        """Where speech last stopped before ``ms`` and where it next starts after it."""
        i = bisect_right(self.starts, ms)
        before = self.pieces[i - 1].end_ms if i > 0 else None
        after = self.pieces[i].start_ms if i < len(self.pieces) else None
        return before, after

    def spoken_end(self, index: int) -> int:
        """When segment ``index`` is last spoken (its start if it never is)."""
        return self.last_spoken[index]

    def covered(self, start_ms: int, end_ms: int) -> list[int]:
        """Indices (in transcript order) of the segments spoken in ``[start_ms, end_ms)``;
        when ``start_ms == end_ms``, of the one spoken at that moment."""
        found: set[int] = set()
        if start_ms >= end_ms:
            piece = self.piece_at(start_ms)
            if piece is not None:
                found.add(piece.segment)
        else:
            i = max(0, bisect_right(self.starts, start_ms) - 1)
            while i < len(self.pieces) and self.pieces[i].start_ms < end_ms:
                if self.pieces[i].end_ms > start_ms:
                    found.add(self.pieces[i].segment)
                i += 1
        for index in self.instants:
            at = self.times[index][0]
            if start_ms <= at < end_ms or start_ms == at == end_ms:
                found.add(index)
        return sorted(found)


@lru_cache(maxsize=16)
def timeline(times: tuple[tuple[int, int], ...]) -> Timeline:
    """The spoken pieces of segments given as (start, end) pairs in transcript order
    (remembered for the last few transcripts)."""
    if _is_simple(times):
        return _simple_timeline(times)
    return _heap_timeline(times)


def _is_simple(times: Sequence[tuple[int, int]]) -> bool:
    """Starts rise, ends never fall, no segment ends before it starts: the usual file."""
    return all(a[0] < b[0] and a[1] <= b[1] and a[0] <= a[1] for a, b in pairwise(times))


def _simple_timeline(times: tuple[tuple[int, int], ...]) -> Timeline:
    """``timeline`` of a simple file: each segment is spoken from its start until it ends
    or the next one starts, whichever comes first (what the general sweep finds too)."""
    ends = [min(a[1], b[0]) for a, b in pairwise(times)]
    if times:
        ends.append(times[-1][1])
    pieces = tuple(
        Piece(t[0], end, i)
        for i, (t, end) in enumerate(zip(times, ends, strict=True))
        if end > t[0]
    )
    last = tuple(max(t[0], end) for t, end in zip(times, ends, strict=True))
    instants = tuple(i for i, t in enumerate(times) if t[1] <= t[0])
    return Timeline(times, pieces, tuple(p.start_ms for p in pieces), last, instants)


def _heap_timeline(times: tuple[tuple[int, int], ...]) -> Timeline:
    """``timeline`` in general: a sweep over every start and end, the latest-starting
    segment on screen on top of a heap."""
    order = sorted(range(len(times)), key=lambda i: (times[i][0], i))
    rank = {index: r for r, index in enumerate(order)}
    bounds = sorted({t[0] for t in times} | {t[1] for t in times})
    active: list[tuple[int, int]] = []  # (-rank, index): the latest-starting on top
    pieces: list[Piece] = []
    pending = 0
    for t0, t1 in pairwise(bounds):
        while pending < len(order) and times[order[pending]][0] <= t0:
            index = order[pending]
            heapq.heappush(active, (-rank[index], index))
            pending += 1
        while active and times[active[0][1]][1] <= t0:
            heapq.heappop(active)
        if not active:
            continue
        index = active[0][1]
        if pieces and pieces[-1].segment == index and pieces[-1].end_ms == t0:
            pieces[-1] = Piece(pieces[-1].start_ms, t1, index)
        else:
            pieces.append(Piece(t0, t1, index))
    last = [t[0] for t in times]
    for piece in pieces:
        last[piece.segment] = max(last[piece.segment], piece.end_ms)
    instants = tuple(i for i, t in enumerate(times) if t[1] <= t[0])
    return Timeline(times, tuple(pieces), tuple(p.start_ms for p in pieces), tuple(last), instants)


_last: tuple[object, Timeline] | None = None
"""The segments (or times) last asked about and their timeline: callers ask about
one transcript many times in a row (a stretch, a tag, a row after another), and
hashing its times for ``timeline``'s cache costs as much as a short lookup."""


def _remembered(
    key: Sequence[object], times: Callable[[], tuple[tuple[int, int], ...]]
) -> Timeline:
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is key:
        return last[1]
    line = timeline(times())
    if isinstance(key, tuple):  # a list could change behind the cache's back
        _last = (key, line)
    return line


def _timeline(segments: Sequence[Segment]) -> Timeline:
    return _remembered(segments, lambda: tuple((s.start_ms, s.end_ms) for s in segments))


def covered_segments(segments: Sequence[Segment], start_ms: int, end_ms: int) -> list[Segment]:
    """The segments spoken in ``[start_ms, end_ms)`` in transcript order (a single moment
    when ``start_ms == end_ms``): the words a tag over that range quotes."""
    line = _timeline(segments)
    return [segments[i] for i in line.covered(start_ms, end_ms)]


def covered_text(transcript: Transcript, start_ms: int, end_ms: int) -> str:
    """The words of ``covered_segments``, joined on one line (runs of white space made one)."""
    words = " ".join(s.text for s in covered_segments(transcript.segments, start_ms, end_ms))
    return " ".join(words.split())


def covered_words(
    times: tuple[tuple[int, int], ...], texts: Sequence[str], start_ms: int, end_ms: int
) -> str:
    """``covered_text`` of a transcript given as its segments' (start, end) and texts."""
    words = " ".join(texts[i] for i in _remembered(times, lambda: times).covered(start_ms, end_ms))
    return " ".join(words.split())


def covered_speakers(transcript: Transcript, start_ms: int, end_ms: int) -> list[str]:
    """Who speaks the words of ``covered_segments``, each name once, in order of speaking
    (empty when the transcript names no speakers)."""
    found = (s.speaker for s in covered_segments(transcript.segments, start_ms, end_ms))
    return list(dict.fromkeys(name for name in found if name))


def snap(segments: Sequence[Segment], start_ms: int, end_ms: int) -> tuple[int, int]:
    """``[start_ms, end_ms]`` widened to whole spoken segments (see the module's rule)."""
    line = _timeline(segments)
    first = line.piece_at(start_ms)
    new_start = min(start_ms, line.times[first.segment][0]) if first else start_ms
    last = line.piece_before(end_ms)
    new_end = max(end_ms, last.end_ms) if last else end_ms
    return new_start, new_end


def second_start(segments: Sequence[Segment], ms: int) -> int:
    """A time given to the whole second, read as people mean it: the start of the first
    segment that starts within that second, when one does, else ``ms`` itself.

    ``show`` prints each segment's start rounded down to the second, and a note's
    anchor or a YouTube ``t=`` link gives whole seconds too; most segments start at a
    fraction of a second. So ``8:08`` names the segment ``show`` lists at
    ``[00:08:08]`` (which starts at 8:08.4, say), not the one still playing at 8:08.000.
    A time with a fraction of a second is exact and is returned unchanged.
    """
    if ms % 1000:
        return ms
    found = [s.start_ms for s in segments if ms <= s.start_ms < ms + 1000]
    return min(found) if found else ms


def segment_span_at(segments: Sequence[Segment], ms: int) -> tuple[int, int] | None:
    """The whole segment spoken at ``ms``: its start and when it is last spoken; None in
    silence. A segment with no duration starting exactly at ``ms`` counts."""
    line = _timeline(segments)
    piece = line.piece_at(ms)
    if piece is not None:
        return line.times[piece.segment][0], line.spoken_end(piece.segment)
    for seg in segments:
        if seg.start_ms == ms and seg.duration_ms <= 0:
            return seg.start_ms, seg.start_ms
    return None


def gap_around(segments: Sequence[Segment], ms: int) -> tuple[int | None, int | None]:
    """For a moment in silence: when speech last stopped before it and next starts."""
    return _timeline(segments).gap_around(ms)


def spoken_spans(times: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each segment (given as (start, end) in transcript order) from its start until it
    is last spoken, as ``run_span`` of that one segment gives it.

    When starts rise and ends never fall (the usual caption file) a segment is
    spoken until the next one starts or it ends; otherwise the timeline decides.
    """
    if not _is_simple(times):
        line = timeline(tuple(times))
        return [(t[0], max(t[0], line.spoken_end(i))) for i, t in enumerate(times)]
    out = [(a[0], min(a[1], b[0])) for a, b in pairwise(times)]
    if times:
        out.append((times[-1][0], max(times[-1])))
    return out


def run_span(segments: Sequence[Segment], first: int, last: int) -> tuple[int, int]:
    """The range of segments ``first..last`` (indices, inclusive) as a tag would hold it:
    from the first one's start until the last of them stops being spoken."""
    line = _timeline(segments)
    start = segments[first].start_ms
    end = max(line.spoken_end(i) for i in range(first, last + 1))
    return start, max(start, end)


def merged_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Time ranges joined where they overlap or touch, in time order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
