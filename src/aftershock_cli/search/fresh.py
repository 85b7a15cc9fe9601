"""The quick freshness check: whether the index is up to date without a stat of every file.

Every change aftershock makes to a transcript or tag file, and every file
added, removed or renamed (as most editors save: a new file renamed over the
old), changes the modification time of its folder. After a full check that
found nothing to do, the index's stamp (``.aftershock/index.stamp``) records
the time of that check and the modification times of ``transcripts/``,
``tags/`` and ``aftershock.yaml`` as they were before it. A later search that
finds all three unchanged, within ``FULL_CHECK_EVERY_NS`` of the full check,
trusts the index without looking at each file.

Two safeguards bound what this can miss:

- An editor that saves in place (rewrites the file, leaving its folder as it
  was) is seen by the next full check, at most ``FULL_CHECK_EVERY_NS`` after
  the last one: the quick check never extends that window.
- A folder changed within ``RACY_NS`` of a full check (file systems with
  coarse times could give the change and the check the same time stamp) is
  never trusted: the next search checks every file again.

The stamp is a hint: a missing, unreadable or foreign stamp only means a full check.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..workspace.discovery import CONFIG_NAME

STAMP_NAME = "index.stamp"
FULL_CHECK_EVERY_NS = 10 * 10**9
"""How long after a full check the quick check may stand in for one."""
RACY_NS = 2 * 10**9
"""A folder changed this close to the full check is checked file by file again."""
WATCHED = ("transcripts", "tags", CONFIG_NAME)

Marks = tuple[int, ...]
"""Modification times (ns) of the ``WATCHED`` paths; -1 where one is missing."""


@dataclass(frozen=True)
class Stamp:
    """What the last full check that found nothing to do saw."""

    checked_ns: int
    """Wall-clock time at which that check began."""
    marks: Marks
    index_mtime_ns: int
    """Modification time of the index file then (another process's update changes it)."""

    def trusts(self, marks: Marks, index_mtime_ns: int, now_ns: int) -> bool:
        """Whether the index can be taken as fresh now, without a full check."""
        return (
            marks == self.marks
            and index_mtime_ns == self.index_mtime_ns
            and 0 <= now_ns - self.checked_ns < FULL_CHECK_EVERY_NS
            and all(self.checked_ns - mark > RACY_NS for mark in marks if mark >= 0)
        )


def folder_marks(root: Path) -> Marks:
    """The modification times of the watched folders and settings file of ``root``."""
    marks = []
    for name in WATCHED:
        try:
            marks.append(os.stat(root / name).st_mtime_ns)
        except OSError:
            marks.append(-1)
    return tuple(marks)


def read_stamp(path: Path) -> Stamp | None:
    """The stamp stored at ``path``, or None when there is none that can be read."""
    try:
        numbers = [int(word) for word in path.read_text(encoding="ascii").split()]
    except (OSError, ValueError):
        return None
    if len(numbers) != len(WATCHED) + 2:
        return None
    return Stamp(numbers[0], tuple(numbers[1:-1]), numbers[-1])


def write_stamp(path: Path, stamp: Stamp) -> None:
    """Store ``stamp`` (written beside, then renamed); a failure only costs a full check."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    words = [stamp.checked_ns, *stamp.marks, stamp.index_mtime_ns]
    try:
        tmp.write_text(" ".join(map(str, words)) + "\n", encoding="ascii")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def forget_stamp(path: Path) -> None:
    """Remove the stamp, so that the next search checks every file."""
    with contextlib.suppress(OSError):
        path.unlink()
