"""The times ``import-note`` gives a note's anchors, when some cannot be right.

Real notes carry anchors that cannot belong to their video: ``37:07:00``
written for ``00:37:07`` (minutes and seconds moved one place left), or a
time past the video's end. Taken as written, one such anchor stretches a
tag over hours. ``check`` already judges every anchor of a note (against the
video's length when the workspace knows it, else against the note's other
anchors); import follows its judgement: an anchor with a likely time is read
as that time, one without is left out of its tag's range.

Without a known length import goes a little further, as one stretched tag
spoils every later view: a time past 12 hours (the longest video YouTube
keeps) is read as minutes moved left when it ends in ``:00``, else left out;
an ``HH:MM:00`` time past every time of the note that has seconds (plus ten
minutes) is read as minutes moved left when that lands among them; and in a
note found to be written that way, a time still far past the bulk of the
others is left out. The note's bytes
are not touched; only the tag's range uses these times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .timecode import format_hms

if TYPE_CHECKING:
    from .model import Transcript
    from .notes import Note

_TIME_CODES = ("beyond-video", "shifted-time", "outlier-time")
MAX_VIDEO_S = 12 * 3600
"""YouTube takes uploads of at most 12 hours (and archives no longer live stream)."""


@dataclass
class AnchorTimes:
    """The time of each anchor of a note (by its offset) that import uses."""

    seconds: dict[int, int | None] = field(default_factory=dict)
    """Offset of an anchor -> the time its tag's range uses (None: left out)."""
    reread: list[tuple[int, int]] = field(default_factory=list)
    """(as written, as read) for each anchor read as another time."""
    dropped: list[int] = field(default_factory=list)
    """Times (as written) left out of every range."""

    def set(self, start: int, written: int, meant: int | None) -> None:
        self.seconds[start] = meant
        if meant is None:
            self.dropped.append(written)
        else:
            self.reread.append((written, meant))

    def of(self, start: int, written: int | None) -> int | None:
        return self.seconds.get(start, written)

    def summary(self) -> str:
        """One sentence on what was done, or "" when every anchor was taken as written."""
        parts: list[str] = []
        if self.reread:
            old, new = self.reread[0]
            parts.append(
                f"read {len(self.reread)} anchor time(s) as minutes and seconds moved left "
                f"(e.g. {format_hms(old * 1000)} as {format_hms(new * 1000)})"
            )
        if self.dropped:
            shown = ", ".join(format_hms(s * 1000) for s in self.dropped[:3])
            more = ", ..." if len(self.dropped) > 3 else ""
            parts.append(
                f"left {len(self.dropped)} impossible anchor time(s) out of the tag ranges "
                f"({shown}{more})"
            )
        return "; ".join(parts)


def anchor_times(note: Note, transcript: Transcript | None) -> AnchorTimes:
    """The times import uses for the anchors of ``note`` (see the module's text)."""
    from .check_anchors import MIN_ANCHORS_FOR_PATTERN, shifted, time_findings

    length_ms = transcript.end_ms if transcript is not None else 0
    length_s = length_ms // 1000 if length_ms else None
    by_start = {a.start: a for a in note.anchors}
    out = AnchorTimes()
    for finding in time_findings(note.anchors, length_s):
        anchor = by_start.get(finding.start)
        if finding.code in _TIME_CODES and anchor is not None and anchor.seconds is not None:
            out.set(anchor.start, anchor.seconds, finding.fix_seconds)
    if length_s is None:
        rest = [
            (a.start, a.seconds)
            for a in note.anchors
            if a.seconds is not None and a.start not in out.seconds
        ]
        for start, seconds in rest:
            if seconds > MAX_VIDEO_S:
                out.set(start, seconds, shifted(seconds))
        plain = [s for start, s in rest if shifted(s) is None and start not in out.seconds]
        if len(plain) >= MIN_ANCHORS_FOR_PATTERN:
            ceiling = max(plain) + 600
            for start, seconds in rest:
                candidate = shifted(seconds)
                if start in out.seconds or candidate is None:
                    continue
                if seconds > ceiling and candidate <= ceiling:
                    out.set(start, seconds, candidate)
        if out.reread:
            _drop_outliers(note, out, MIN_ANCHORS_FOR_PATTERN)
    return out


def _drop_outliers(note: Note, out: AnchorTimes, minimum: int) -> None:
    """In a note read as minutes moved left, times still far past the bulk of the
    others (``05:06:07`` among times up to ``01:10:47``) are left out too."""
    times = [(a.start, out.of(a.start, a.seconds)) for a in note.anchors]
    known = [(start, s) for start, s in times if s is not None]
    if len(known) <= minimum:
        return
    ordered = sorted(s for _, s in known)
    bulk = ordered[(len(ordered) * 9) // 10 - 1]
    for start, seconds in known:
        if seconds > 2 * bulk + 600 and start not in out.seconds:
            out.set(start, seconds, None)
