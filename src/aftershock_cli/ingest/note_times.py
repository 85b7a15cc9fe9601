"""The times ``import-note`` gives a note's anchors, when some cannot be right.

Real notes carry anchors that cannot belong to their video: ``37:07:00``
written for ``00:37:07`` (minutes and seconds moved one place left), a time
past the video's end or past 12 hours, or a statement citing moments an hour
apart. Taken as written, one such anchor stretches a tag over hours. Import
follows ``check``'s judgement of every anchor (``check_anchors.time_findings``,
so checking the note shows each one): an anchor with a likely
time is read as that time, one without is left out of its tag's range, and so
is a time more than twenty minutes from the rest of its statement. The note's
bytes are not touched; only the tag's range uses these times.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.limits import MAX_TIME_MS
from ..core.timecode import format_hms
from ..notes.lint import TIME_CODES, time_findings

if TYPE_CHECKING:
    from ..core.model import Transcript
    from ..notes.note import Note


@dataclass
class AnchorTimes:
    """The time of each anchor of a note (by its offset) that import uses."""

    seconds: dict[int, int | None] = field(default_factory=dict)
    """Offset of an anchor -> the time its tag's range uses (None: left out)."""
    reread: list[tuple[int, int]] = field(default_factory=list)
    """(as written, as read) for each anchor read as another time."""
    dropped: list[int] = field(default_factory=list)
    """Times (as written) left out of every range."""
    apart: list[int] = field(default_factory=list)
    """Times (as read) left out of their statement's range for being far from its others."""
    why: dict[int, str] = field(default_factory=dict)
    """Offset of an anchor left out as impossible -> why (``check``'s message)."""
    dropped_at: list[int] = field(default_factory=list)
    """The offsets of the anchors of ``dropped``, in the same order."""

    def set(self, start: int, written: int, meant: int | None) -> None:
        self.seconds[start] = meant
        if meant is None:
            self.dropped.append(written)
            self.dropped_at.append(start)
        else:
            self.reread.append((written, meant))

    def forget(self, starts: Collection[int]) -> None:
        """Leave the anchors at ``starts`` out of ``corrections`` (their statement makes
        no tag at all, which is reported on its own)."""
        kept = [
            (at, w) for at, w in zip(self.dropped_at, self.dropped, strict=True) if at not in starts
        ]
        self.dropped_at = [at for at, _ in kept]
        self.dropped = [w for _, w in kept]

    def of(self, start: int, written: int | None) -> int | None:
        return self.seconds.get(start, written)

    def summary(self) -> str:
        """One sentence on what was done, or "" when every anchor was taken as written."""
        return "; ".join(p for p in (self.corrections(), self.apart_summary()) if p)

    def apart_summary(self) -> str:
        """The times left out of a range only because their statement spans too long
        (nothing is wrong with them), or ""."""
        if not self.apart:
            return ""
        return (
            f"left {len(self.apart)} anchor time(s) far from the rest of their statement "
            f"out of the tag ranges ({_first_times(self.apart)})"
        )

    def corrections(self) -> str:
        """The times read otherwise than written, or left out as impossible, or ""."""
        parts: list[str] = []
        if self.reread:
            old, new = self.reread[0]
            parts.append(
                f"read {len(self.reread)} anchor time(s) as minutes and seconds moved left "
                f"(e.g. {format_hms(old * 1000)} as {format_hms(new * 1000)})"
            )
        if self.dropped:
            parts.append(
                f"left {len(self.dropped)} impossible anchor time(s) out of the tag ranges "
                f"({_first_times(self.dropped)})"
            )
        return "; ".join(parts)


def _first_times(seconds: Sequence[int], most: int = 3) -> str:
    """``00:01:02, 00:03:04, ...``: the first few times, and an ellipsis for the rest."""
    shown = ", ".join(format_hms(s * 1000) for s in seconds[:most])
    return shown + (", ..." if len(seconds) > most else "")


def anchor_times(note: Note, transcript: Transcript | None) -> AnchorTimes:
    """The times import uses for the anchors of ``note``: ``check``'s judgement
    (``check_anchors.time_findings``) applied to the tag ranges."""
    length_ms = transcript.end_ms if transcript is not None else 0
    length_s = length_ms // 1000 if length_ms else None
    by_start = {a.start: a for a in note.anchors}
    out = AnchorTimes()
    for finding in time_findings(note.anchors, length_s):
        anchor = by_start.get(finding.start)
        if anchor is None or anchor.seconds is None:
            continue
        if finding.code in TIME_CODES:
            out.set(anchor.start, anchor.seconds, finding.fix_seconds)
            if finding.fix_seconds is None:
                out.why[anchor.start] = finding.message
        elif finding.code == "apart-time":
            read = out.of(anchor.start, anchor.seconds)
            out.seconds[anchor.start] = None
            out.apart.append(anchor.seconds if read is None else read)
    for anchor in note.anchors:  # no talk is longer, whatever the video's length
        read = out.of(anchor.start, anchor.seconds)
        if read is not None and anchor.seconds is not None and read * 1000 > MAX_TIME_MS:
            out.reread = [r for r in out.reread if r != (anchor.seconds, read)]
            out.set(anchor.start, anchor.seconds, None)
    return out
