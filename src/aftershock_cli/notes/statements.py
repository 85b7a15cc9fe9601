"""Which statements of a note make no tag because none of their times can be used, and why.

A statement (a paragraph, list item or block quote citing the video) becomes a
tag in ``import-note``; when every time it cites is unreadable
(``data-t="01:41:97"``, ``[99:99]``) or impossible with no likely reading (past
the video's end), it makes none. Import reports such a statement and ``check``
shows it as a ``not-imported`` finding, both from ``lost_statements``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .findings import Finding
from .lint import TIME_CODES, hms
from .text import one_line

if TYPE_CHECKING:
    from .note import Anchor, Block, Note
    from .parts import BlockKind

STATEMENT_KINDS: tuple[BlockKind, ...] = ("paragraph", "list_item", "quote")
"""The blocks that make a tag when they cite the video."""
SHOWN_CHARS = 48
"""How much of a statement's words a report shows."""
_MARK = re.compile(r"^[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+)+", re.MULTILINE)
"""The list markers and quote marks that start a statement's lines."""


@dataclass(frozen=True)
class LostStatement:
    """A statement that cites the video but makes no tag: none of its times can be used."""

    line: int
    start: int
    """Offset of the statement in the note's text."""
    words: str
    """The start of its words, anchors taken out (shortened with an ellipsis)."""
    reasons: tuple[str, ...]
    """Why each of its times cannot be used: ``time 01:41:97 is not a valid time``."""

    def describe(self) -> str:
        """``"Silos broke down" (line 14): time 01:41:97 is not a valid time``."""
        return f'"{self.words}" (line {self.line}): {self.why()}'

    def why(self, most: int = 2) -> str:
        """The first ``most`` reasons, and how many more there are (a paragraph of a
        hundred impossible times is one statement, not a hundred lines of reasons)."""
        shown = ", ".join(self.reasons[:most])
        more = len(self.reasons) - most
        return f"{shown} (and {more} more)" if more > 0 else shown


def judged_times(findings: Sequence[Finding]) -> tuple[dict[int, int | None], dict[int, str]]:
    """From ``lint.time_findings``: the time each judged anchor (by offset) gives its tag's
    range (None: none), and why an impossible time with no likely reading is left out."""
    judged: dict[int, int | None] = {}
    why: dict[int, str] = {}
    for finding in findings:
        if finding.code in TIME_CODES:
            judged[finding.start] = finding.fix_seconds
            if finding.fix_seconds is None:
                why[finding.start] = finding.message
        elif finding.code == "apart-time":
            judged[finding.start] = None
    return judged, why


def usable_times(block: Block, judged: Mapping[int, int | None]) -> list[int]:
    """The times a statement's anchors give its tag's range (unreadable and impossible
    ones left out); empty when the statement makes no tag."""
    found = (judged.get(a.start, a.seconds) for a in block.anchors)
    return [s for s in found if s is not None]


def lost_statements(
    note: Note, judged: Mapping[int, int | None], why: Mapping[int, str]
) -> list[LostStatement]:
    """The statements of ``note`` that cite the video and make no tag (see ``judged_times``)."""
    out: list[LostStatement] = []
    for block in note.blocks:
        if block.kind not in STATEMENT_KINDS or not block.anchors:
            continue
        if usable_times(block, judged):
            continue
        reasons = dict.fromkeys(_reason(a, why.get(a.start)) for a in block.anchors)
        out.append(LostStatement(block.line, block.start, _words(block), tuple(reasons)))
    return out


def lost_findings(note: Note, time_findings: Sequence[Finding]) -> list[Finding]:
    """``check``'s ``not-imported`` finding for each statement that makes no tag."""
    judged, why = judged_times(time_findings)
    return [
        Finding(
            "warning",
            "not-imported",
            lost.line,
            1,
            f"no tag is imported from this statement: {lost.why()}",
            start=lost.start,
        )
        for lost in lost_statements(note, judged, why)
    ]


def _reason(anchor: Anchor, why: str | None) -> str:
    if anchor.seconds is None:
        value = anchor.data_t if anchor.data_t is not None else anchor.shown
        return f"time {value} is not a valid time" if value else "its time cannot be read"
    if why:
        return f"time {why}"
    return f"time {hms(anchor.seconds)} cannot be placed in the video"


def _words(block: Block) -> str:
    text, cut = block.text, 0
    pieces: list[str] = []
    for anchor in block.anchors:
        pieces.append(text[cut : anchor.start - block.start].rstrip())
        cut = anchor.end - block.start
    pieces.append(text[cut:])
    words = one_line(_MARK.sub("", "".join(pieces)))
    if len(words) > SHOWN_CHARS:
        words = words[: SHOWN_CHARS - 1].rstrip() + "…"
    return words or "(no words)"
