"""Fixing a note: rewriting the anchors whose finding carries a certain time, through
the lossless note library, so that every other byte of the note stays as it was."""

from __future__ import annotations

import difflib

from ..notes.findings import Code, Finding
from ..notes.note import Note, parse_note, render_anchor

FIX_PRIORITY: tuple[Code, ...] = (
    "beyond-video",
    "shifted-time",
    "outlier-time",
    "time-mismatch",
    "displaced-anchor",
    "malformed-anchor",
    "noncanonical-time",
)


def fix_note(note: Note, findings: list[Finding]) -> tuple[Note, int]:
    """The note with every anchor that has a certain fix rewritten; also how many changed."""
    targets: dict[int, int] = {}
    for code in reversed(FIX_PRIORITY):
        for finding in findings:
            if finding.code == code and finding.fix_seconds is not None:
                targets[finding.start] = finding.fix_seconds
    # one pass over the text (rewriting anchor by anchor read the whole note again for
    # each one, which made fixing a note of thousands of anchors take minutes)
    pieces: list[str] = []
    done = 0
    changed = 0
    for anchor in note.anchors:
        if anchor.start not in targets or anchor.start < done:
            continue
        new = render_anchor(targets[anchor.start])
        if new != anchor.raw:
            changed += 1
            pieces += [note.text[done : anchor.start], new]
            done = anchor.end
    if not changed:
        return note, 0
    return parse_note("".join([*pieces, note.text[done:]])), changed


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff between two texts, marking a missing final newline as git does."""
    lines = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), name, name
    ):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
