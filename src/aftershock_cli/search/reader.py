"""Reading the workspace's full-text index: open it, see whether it is up to date, query it.

The index lives in ``.aftershock/index.sqlite`` (``index`` writes it). It holds
one FTS5 row per transcript segment and per tag note (long texts cut into
several rows), the tags with their themes (for the themes shown beside a hit,
filters by theme and reports), the title and length of each video, the
speakers the transcripts name and when each segment is spoken (the units of
agreement, ``core.spoken_units``). For every transcript and tag file it records
the size and modification time it was read at, so that ``plan`` can tell what
changed with one directory scan per folder, or, within seconds of such a
check and with the folders unchanged, with none (``fresh``).

This module reads no workspace file and imports no YAML, so that a warm search
loads only what it needs.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from ..core.errors import Hint, HintKind, WorkspaceError
from ..workspace.discovery import find_root
from ..workspace.names import STATE_FOLDER
from .fresh import STAMP_NAME, Files, Stamp, folder_marks, mtime_of, read_stamp, write_stamp
from .fresh import Stat as Stat
from .fresh import scan_files as scan_files
from .schema import HITS_TABLE as HITS_TABLE
from .schema import INDEX_NAME, SCHEMA, SCHEMA_VERSION

REBUILD_ASKED = "asked for"


_CANNOT_WRITE = frozenset(
    {
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    }
)
"""Primary SQLite result codes that say the file cannot be opened or written,
not that the index is damaged (rebuilding would not help)."""


def _is_damage(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` comes from a damaged index (as opposed to a file it may not write)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is None or code & 0xFF not in _CANNOT_WRITE


@dataclass
class Plan:
    """What bringing the index up to date will do."""

    rebuild_reason: str | None
    """Why the index is built from scratch: ``missing``, ``unreadable``, ``outdated``
    (another schema version) or ``asked for``; None when it is updated in place."""
    changed: list[tuple[str, str, str, Stat]] = field(default_factory=list)
    """(file name relative to the workspace, kind, video id, stat) of new or changed files."""
    removed: list[str] = field(default_factory=list)
    """Names of files indexed before that no longer exist."""
    strays: tuple[str, ...] | None = None
    """``folder/name`` of the files of ``transcripts/`` and ``tags/`` that are left out
    (not named by a video id), as the stamp or the check's listing gave them when
    there is nothing to do; None otherwise."""

    @property
    def work(self) -> int:
        return len(self.changed) + len(self.removed)


def workspace_root(explicit: Path | None = None) -> Path:
    """The folder ``Workspace.discover`` would choose, found without importing YAML
    (both follow ``wsroot.find_root``)."""
    return find_root(explicit)


Scan = Callable[[Path], tuple[Files, tuple[str, ...]]]
"""Lists the workspace's files with their stats, and its stray files (``scan_files``)."""


class IndexReader:
    """The index of one workspace, to read: open it, ``plan``, then query it.

    ``connect`` opens the index's SQLite files (``sqlite3.connect``'s arguments);
    ``scan`` lists the workspace's files (``scan_files``); ``clock`` gives
    the wall-clock time in nanoseconds (``time.time_ns``).
    """

    def __init__(
        self,
        root: Path,
        *,
        connect: Callable[..., sqlite3.Connection] = sqlite3.connect,
        scan: Scan = scan_files,
        clock: Callable[[], int] = time.time_ns,
    ) -> None:
        self.root = root
        self._connect = connect
        self._scan = scan
        self._clock = clock
        self.state = root / STATE_FOLDER
        self.path = self.state / INDEX_NAME
        self.stamp_path = self.state / STAMP_NAME
        self._db: sqlite3.Connection | None = None
        self._problem: str | None = None

    # -- connection ----------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        self._problem = None
        if self.state.exists() and not self.state.is_dir():
            raise WorkspaceError(
                f"{self.state} is a file, not a folder; move that file away or remove it "
                "(the workspace keeps its search index, locks and history there)",
                path=self.state,
            )
        if self.path.is_dir():
            raise WorkspaceError(
                f"the search index {self.path} is a folder, not a file; move that folder "
                "away or remove it (the index is rebuilt in its place)",
                path=self.path,
            )
        if not self.path.is_file():
            self._problem = "missing"
            empty = sqlite3.connect(":memory:")  # answers queries until the index is built
            empty.executescript(SCHEMA)
            return empty
        try:
            db = self._connect(self.path, timeout=30)
        except sqlite3.Error as exc:
            raise self._cannot("read", exc) from exc
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != SCHEMA_VERSION:
                self._problem = "outdated"
            else:
                db.execute("SELECT count(*) FROM meta").fetchone()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                db.close()
                raise self._cannot("read", exc) from exc
            self._problem = "unreadable"
        return db

    def _cannot(self, verb: str, exc: BaseException) -> WorkspaceError:
        """The error for an index file that cannot be opened, read or written."""
        return WorkspaceError(
            f"cannot {verb} the search index {self.path} ({exc}); "
            f"check the permissions of {self.state} and the space left on its disk"
        )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- freshness -----------------------------------------------------------
    def plan(self, *, rebuild: bool = False, full: bool = False) -> Plan:
        """Compare the workspace's files with what the index holds (no file is read).

        Unless ``full`` (or ``rebuild``), the quick check of ``fresh`` may answer
        "nothing to do" without listing the files.
        """
        db = self.db
        marks, now = folder_marks(self.root), self._clock()
        index_mtime = mtime_of(self.path)
        if not (rebuild or full) and self._problem is None:
            stamp = read_stamp(self.stamp_path)
            if stamp is not None and stamp.trusts(marks, index_mtime, now):
                return Plan(None, strays=stamp.strays)
        plan = self._full_plan(db, rebuild)
        if plan.strays is not None:  # nothing to do: the listing's strays go in the stamp
            write_stamp(self.stamp_path, Stamp(now, marks, index_mtime, plan.strays))
        return plan

    def _full_plan(self, db: sqlite3.Connection, rebuild: bool) -> Plan:
        on_disk, strays = self._scan(self.root)
        reason = REBUILD_ASKED if rebuild else self._problem
        if reason is None:
            try:
                known: dict[str, Stat] = {
                    name: (mtime, size)
                    for name, mtime, size in db.execute("SELECT name, mtime_ns, size FROM files")
                }
            except sqlite3.DatabaseError:
                reason = "unreadable"
        if reason is not None:
            changed = [(name, kind, vid, st) for name, (kind, vid, st) in sorted(on_disk.items())]
            return Plan(reason, changed)
        changed = [
            (name, kind, vid, st)
            for name, (kind, vid, st) in sorted(on_disk.items())
            if known.get(name) != st
        ]
        removed = sorted(set(known) - set(on_disk))
        return Plan(None, changed, removed, None if changed or removed else strays)

    # -- reading -------------------------------------------------------------------
    def videos(self) -> dict[str, tuple[str, str, int]]:
        """video id -> (title, channel, length in ms) of every indexed transcript."""
        try:
            return {
                vid: (title, channel, duration)
                for vid, title, channel, duration in self.db.execute("SELECT * FROM videos")
            }
        except sqlite3.DatabaseError as exc:
            raise IndexBrokenError(self.path, exc) from exc

    def video_dates(self) -> dict[str, tuple[str, str]]:
        """video id -> (upload date, fetch time) of every indexed transcript, as stored."""
        try:
            rows = self.db.execute("SELECT * FROM video_dates")
            return {vid: (upload, fetched) for vid, upload, fetched in rows}
        except sqlite3.DatabaseError as exc:
            raise IndexBrokenError(self.path, exc) from exc

    def speakers(self) -> list[str]:
        """Every speaker any transcript names, sorted (each name once, as first written)."""
        try:
            rows = self.db.execute("SELECT name FROM speakers ORDER BY rowid").fetchall()
        except sqlite3.DatabaseError as exc:
            raise IndexBrokenError(self.path, exc) from exc
        seen: dict[str, str] = {}
        for (name,) in rows:
            seen.setdefault(name.casefold(), name)
        return sorted(seen.values(), key=str.casefold)

    def tag_rows(self) -> list[tuple[str, str, int, int, tuple[str, ...], str]]:
        """(tag id, video id, start ms, end ms, theme slugs, coder) of every tag."""
        try:
            rows = self.db.execute("SELECT * FROM tags ORDER BY video_id, start_ms, tag_id")
            return [(t, v, s, e, tuple(themes.split()), c) for t, v, s, e, themes, c in rows]
        except sqlite3.DatabaseError as exc:
            raise IndexBrokenError(self.path, exc) from exc

    def spoken_times(self) -> dict[str, tuple[bytes | None, int]]:
        """video id -> the packed units its segments give (``core.spoken_units``; None
        for a transcript without segments) and its known length, for every transcript."""
        try:
            rows = self.db.execute(
                "SELECT v.video_id, v.duration_ms, u.units FROM videos v "
                "LEFT JOIN spoken_units u ON u.video_id = v.video_id"
            )
            return {v: (b, ms) for v, ms, b in rows}
        except sqlite3.DatabaseError as exc:
            raise IndexBrokenError(self.path, exc) from exc


class IndexBrokenError(WorkspaceError):
    """The index failed while being read; rebuilding it mends it."""

    def __init__(self, path: Path, cause: Exception) -> None:
        super().__init__(
            f"the search index {path} is damaged ({cause})",
            hint=Hint(HintKind.REBUILD_INDEX),
            path=path,
            cause=str(cause),
        )
