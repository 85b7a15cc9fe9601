"""The stretches a transcript's segments are spoken, as units of time, and their stored form.

Agreement between coders is counted on units of time, and a segment is a unit
for as long as it is spoken (``spoken.spoken_spans``); a segment that is never
spoken on its own (no time of its own) is no unit. The search index keeps each
transcript's units packed (``pack``/``unpack``), so that agreement over an
archive reads no transcript file: three blocks of 64-bit little-endian
integers, the starts, the ends and the segment numbers, in time order,
compressed with zlib (about a fifth of the size, read back in a tenth of a
millisecond for a talk of 1,200 segments).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from .spoken import spoken_spans


@dataclass(frozen=True)
class SegmentUnits:
    """The spoken stretches of a transcript's segments, in time order."""

    starts: Sequence[int]
    ends: Sequence[int]
    segments: Sequence[int]
    """The number of the segment (its index in the transcript) of each unit."""

    def __len__(self) -> int:
        return len(self.starts)


def segment_units(times: Sequence[tuple[int, int]]) -> SegmentUnits:
    """The units of segments given as (start, end) in transcript order: each segment
    while it is spoken, ordered by start, then end, then place in the transcript."""
    found = sorted((a, b, i) for i, (a, b) in enumerate(spoken_spans(times)) if b > a)
    return SegmentUnits(
        array("q", [a for a, _, _ in found]),
        array("q", [b for _, b, _ in found]),
        array("q", [i for _, _, i in found]),
    )


def pack(units: SegmentUnits) -> bytes:
    """The stored form of ``units`` (see the module's description)."""
    packed = array("q", units.starts)
    packed.extend(units.ends)
    packed.extend(units.segments)
    if sys.byteorder == "big":
        packed.byteswap()
    return zlib.compress(packed.tobytes(), 1)


def unpack(blob: bytes) -> SegmentUnits:
    """Units from their stored form; ValueError when ``blob`` is not one."""
    packed = array("q")
    try:
        raw = zlib.decompress(blob)
    except zlib.error as exc:
        raise ValueError(f"the stored units cannot be read ({exc})") from exc
    if len(raw) % (3 * packed.itemsize):
        raise ValueError("the stored units are cut short")
    packed.frombytes(raw)
    if sys.byteorder == "big":
        packed.byteswap()
    n = len(packed) // 3
    return SegmentUnits(packed[:n], packed[n : 2 * n], packed[2 * n :])
