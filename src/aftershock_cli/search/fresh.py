"""Whether the index is up to date: the quick check (no stat of every file) and the full one.

Every change aftershock makes to a transcript or tag file, and every file
added, removed or renamed (as most editors save: a new file renamed over the
old), changes the modification time of its folder. After a full check that
found nothing to do, the index's stamp (``.aftershock/index.stamp``) records
the time of that check, the modification times of ``transcripts/``,
``tags/`` and ``aftershock.yaml`` as they were before it, and the stray files
of those folders (names that are not video ids, which searches warn about). A
later search that finds all three times unchanged, within
``FULL_CHECK_EVERY_NS`` of the full check, trusts the index, and the list of
stray files, without looking at each file.

Two safeguards bound what this can miss:

- An editor that saves in place (rewrites the file, leaving its folder as it
  was) is seen by the next full check, at most ``FULL_CHECK_EVERY_NS`` after
  the last one: the quick check never extends that window.
- A folder changed within ``RACY_NS`` of a full check (file systems with
  coarse times could give the change and the check the same time stamp) is
  never trusted: the next search checks every file again.

The stamp is a hint: a missing, unreadable or foreign stamp only means a full
check (``checked_stamp``: one listing of each folder, every file's stat
compared with what the index holds). This module uses the standard library
alone, so that a warm search loads nothing more to answer.
"""

from __future__ import annotations

import os

from ..workspace.names import CONFIG_NAME, FOLDERS, video_id_of
from .hits import NOTE, TRANSCRIPT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

STAMP_NAME = "index.stamp"
STAMP_FORMAT = "aftershock-index-stamp-2"
"""The first word of a stamp; a stamp written another way is not trusted."""
FULL_CHECK_EVERY_NS = 10 * 10**9
"""How long after a full check the quick check may stand in for one."""
RACY_NS = 2 * 10**9
"""A folder changed this close to the full check is checked file by file again."""
WATCHED = ("transcripts", "tags", CONFIG_NAME)

Marks = tuple[int, ...]
"""Modification times (ns) of the ``WATCHED`` paths; -1 where one is missing."""
Stat = tuple[int, int]
"""(mtime_ns, size) of a file."""
Files = dict[str, tuple[str, str, Stat]]
"""Transcript and tag files: ``folder/name`` -> (kind, video id, stat)."""
_KINDS = {"transcripts": TRANSCRIPT, "tags": NOTE}


class Stamp:
    """What the last full check that found nothing to do saw."""

    __slots__ = ("checked_ns", "index_mtime_ns", "marks", "strays")

    def __init__(
        self, checked_ns: int, marks: Marks, index_mtime_ns: int, strays: tuple[str, ...] = ()
    ) -> None:
        self.checked_ns = checked_ns
        """Wall-clock time at which that check began."""
        self.marks = marks
        self.index_mtime_ns = index_mtime_ns
        """Modification time of the index file then (another process's update changes it)."""
        self.strays = strays
        """``folder/name`` of the stray files of ``transcripts/`` and ``tags/``, sorted."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stamp) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Stamp({!r}, {!r}, {!r}, {!r})".format(*self._fields())

    def _fields(self) -> tuple[int, Marks, int, tuple[str, ...]]:
        return (self.checked_ns, self.marks, self.index_mtime_ns, self.strays)

    def trusts(self, marks: Marks, index_mtime_ns: int, now_ns: int) -> bool:
        """Whether the index can be taken as fresh now, without a full check."""
        return (
            marks == self.marks
            and index_mtime_ns == self.index_mtime_ns
            and 0 <= now_ns - self.checked_ns < FULL_CHECK_EVERY_NS
            and all(self.checked_ns - mark > RACY_NS for mark in marks if mark >= 0)
        )


def folder_marks(root: str | os.PathLike[str]) -> Marks:
    """The modification times of the watched folders and settings file of ``root``."""
    marks = []
    for name in WATCHED:
        try:
            marks.append(os.stat(os.path.join(root, name)).st_mtime_ns)
        except OSError:
            marks.append(-1)
    return tuple(marks)


def mtime_of(path: str | os.PathLike[str]) -> int:
    """The modification time (ns) of ``path``; -1 when it cannot be read."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def trusted_stamp(
    root: str | os.PathLike[str],
    index_path: str | os.PathLike[str],
    stamp_path: str | os.PathLike[str],
    now_ns: int,
) -> Stamp | None:
    """The stamp of the index at ``index_path``, when it lets the index be taken as fresh
    at ``now_ns`` without a full check; else None."""
    stamp = read_stamp(stamp_path)
    if stamp is None or not stamp.trusts(folder_marks(root), mtime_of(index_path), now_ns):
        return None
    return stamp


def scan_files(root: str | os.PathLike[str]) -> tuple[Files, tuple[str, ...]]:
    """Every transcript and tag file of the workspace at ``root``, with its stat, and
    the stray files there (as ``workspace.names.stray_names`` finds them), in one listing."""
    found: Files = {}
    strays: list[str] = []
    for folder, suffix in FOLDERS:
        kind, names = _KINDS[folder], []
        try:
            entries = os.scandir(os.path.join(root, folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                name = entry.name
                video_id = video_id_of(name, suffix)
                if video_id is None:
                    if not name.startswith("."):
                        names.append(name)
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                found[f"{folder}/{name}"] = (kind, video_id, (st.st_mtime_ns, st.st_size))
        strays += [f"{folder}/{name}" for name in sorted(names)]
    return found, tuple(strays)


def checked_stamp(
    root: str | os.PathLike[str],
    index_path: str | os.PathLike[str],
    stamp_path: str | os.PathLike[str],
    now_ns: int,
    indexed: Callable[[], dict[str, Stat]],
) -> Stamp | None:
    """The full check: when the files on disk are exactly the ones ``indexed()`` says
    the index holds, with the same stats, store a new stamp and return it; else None.

    The folders' times and the index's are taken before anything is listed, so that a
    change made meanwhile makes the next quick check fail.
    """
    marks, index_mtime = folder_marks(root), mtime_of(index_path)
    known = indexed()
    found, strays = scan_files(root)
    if len(found) != len(known) or any(known.get(n) != f[2] for n, f in found.items()):
        return None
    stamp = Stamp(now_ns, marks, index_mtime, strays)
    write_stamp(stamp_path, stamp)
    return stamp


def read_stamp(path: str | os.PathLike[str]) -> Stamp | None:
    """The stamp stored at ``path``, or None when there is none that can be read."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as f:
            head, *strays = f.read().split("\n")
        words = head.split()
        numbers = [int(word) for word in words[1:]]
    except (OSError, ValueError):
        return None
    if words[:1] != [STAMP_FORMAT] or len(numbers) != len(WATCHED) + 2 or strays[-1:] != [""]:
        return None
    return Stamp(numbers[0], tuple(numbers[1:-1]), numbers[-1], tuple(strays[:-1]))


def write_stamp(path: str | os.PathLike[str], stamp: Stamp) -> None:
    """Store ``stamp`` (written beside, then renamed); a failure only costs a full check.

    A stray file whose name holds a line break cannot be listed in the stamp, which is
    then not written: every search checks every file until that file is renamed.
    """
    if any("\n" in name or "\r" in name for name in stamp.strays):
        forget_stamp(path)
        return
    tmp = f"{os.fspath(path)}.{os.getpid()}.tmp"
    words = [STAMP_FORMAT, stamp.checked_ns, *stamp.marks, stamp.index_mtime_ns]
    text = " ".join(map(str, words)) + "\n" + "".join(f"{name}\n" for name in stamp.strays)
    try:
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        forget_stamp(tmp)


def forget_stamp(path: str | os.PathLike[str]) -> None:
    """Remove the stamp, so that the next search checks every file."""
    try:  # noqa: SIM105 (contextlib.suppress would load contextlib on the warm path)
        os.unlink(path)
    except OSError:
        pass
