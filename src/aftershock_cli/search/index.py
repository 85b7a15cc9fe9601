"""The workspace's full-text index: an SQLite FTS5 database kept up to date file by file.

The index lives in ``.aftershock/index.sqlite``. It holds one FTS5 row per
transcript segment and per tag note, the tags with their themes (for the
themes shown beside a hit, filters by theme and reports), and the title,
length and dates (upload, fetch) of each video. For every transcript and tag file it records the size
and modification time it was read at, so that bringing it up to date costs one
directory scan per folder when nothing changed, and re-reads only the files
that did. An index that is missing, unreadable or of another schema version is
rebuilt from scratch into a temporary file that then replaces it.

This module imports only the standard library on its fast path; YAML is read
(through the workspace) only when a tag file changed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import Hint, HintKind, WorkspaceError
from ..workspace.discovery import find_root
from ..workspace.folder import Workspace
from .rows import NOTE, TRANSCRIPT, FileRows, read_file

__all__ = [
    "NOTE",
    "TRANSCRIPT",
    "Plan",
    "Refresh",
    "SearchIndex",
    "scan_workspace",
    "workspace_root",
]

INDEX_NAME = "index.sqlite"
SCHEMA_VERSION = 3
REBUILD_ASKED = "asked for"

_SCHEMA = """
CREATE VIRTUAL TABLE hits USING fts5(
    body, video_id UNINDEXED, kind UNINDEXED, start_ms UNINDEXED, end_ms UNINDEXED,
    tag_id UNINDEXED, speaker UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE files (name TEXT PRIMARY KEY, kind TEXT NOT NULL, video_id TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    first_rowid INTEGER NOT NULL, last_rowid INTEGER NOT NULL);
CREATE TABLE videos (video_id TEXT PRIMARY KEY, title TEXT NOT NULL, channel TEXT NOT NULL,
    duration_ms INTEGER NOT NULL);
CREATE TABLE video_dates (video_id TEXT PRIMARY KEY, upload_date TEXT NOT NULL,
    fetched_at TEXT NOT NULL);
CREATE TABLE tags (tag_id TEXT NOT NULL, video_id TEXT NOT NULL, start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL, themes TEXT NOT NULL, coder TEXT NOT NULL);
CREATE INDEX tags_by_video ON tags (video_id, start_ms);
CREATE TABLE tag_themes (video_id TEXT NOT NULL, theme TEXT NOT NULL, tag_id TEXT NOT NULL,
    start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL);
CREATE INDEX tag_themes_by_video ON tag_themes (video_id, theme, start_ms);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('next_rowid', 1);
"""

_FOLDERS = (("transcripts", ".json", TRANSCRIPT), ("tags", ".yaml", NOTE))

Stat = tuple[int, int]
"""(mtime_ns, size) of a file."""

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

    @property
    def work(self) -> int:
        return len(self.changed) + len(self.removed)


@dataclass
class Refresh:
    """What bringing the index up to date did."""

    rebuild_reason: str | None = None
    updated: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)
    """One line per file that could not be read (it is left out of the index, and
    read again by the next refresh)."""


def workspace_root(explicit: Path | None = None) -> Path:
    """The folder ``Workspace.discover`` would choose, found without importing YAML
    (both follow ``wsroot.find_root``)."""
    return find_root(explicit)


def scan_workspace(root: Path) -> dict[str, tuple[str, str, Stat]]:
    """Every transcript and tag file: name -> (kind, video id, (mtime_ns, size))."""
    found: dict[str, tuple[str, str, Stat]] = {}
    for folder, suffix, kind in _FOLDERS:
        with (
            contextlib.suppress(FileNotFoundError, NotADirectoryError),
            os.scandir(root / folder) as entries,
        ):
            for entry in entries:
                name = entry.name
                if (
                    not name.endswith(suffix)
                    or name.startswith(".")
                    or len(name) != 11 + len(suffix)
                ):
                    continue
                with contextlib.suppress(OSError):
                    st = entry.stat()
                    found[f"{folder}/{name}"] = (kind, name[:11], (st.st_mtime_ns, st.st_size))
    return found


ReadRows = Callable[[Path, str, str, str, Callable[[str], Any]], FileRows]
"""Reads the rows of one file: root, file name, kind, video id, the tag loader."""


class SearchIndex:
    """The index of one workspace; open it, ``refresh`` it, then query it.

    ``connect`` opens the index's SQLite files (``sqlite3.connect``'s arguments);
    ``read_rows`` reads the rows of one workspace file (``rows.read_file``).
    """

    def __init__(
        self,
        root: Path,
        *,
        connect: Callable[..., sqlite3.Connection] = sqlite3.connect,
        read_rows: ReadRows = read_file,
    ) -> None:
        self.root = root
        self._connect = connect
        self._read_rows = read_rows
        self.state = root / ".aftershock"
        self.path = self.state / INDEX_NAME
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
        if not self.path.is_file():
            self._problem = "missing"
            empty = sqlite3.connect(":memory:")  # answers queries until the index is built
            empty.executescript(_SCHEMA)
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

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- freshness -----------------------------------------------------------
    def plan(self, *, rebuild: bool = False) -> Plan:
        """Compare the workspace's files with what the index holds (no file is read)."""
        on_disk = scan_workspace(self.root)
        db = self.db
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
        return Plan(None, changed, removed)

    def refresh(
        self, plan: Plan | None = None, on_progress: Callable[[], None] | None = None
    ) -> Refresh:
        """Bring the index up to date (under the workspace's index lock)."""
        plan = plan if plan is not None else self.plan()
        if plan.work == 0 and plan.rebuild_reason is None:
            return Refresh()
        ws = Workspace(self.root)
        with ws.lock("index"):
            self.close()
            # Plan again under the lock: another process may have done part of the work.
            plan = self.plan(rebuild=plan.rebuild_reason == REBUILD_ASKED)
            if plan.rebuild_reason is None:
                try:
                    return self._update(ws, plan, on_progress)
                except sqlite3.DatabaseError as exc:
                    self.close()
                    if not _is_damage(exc):
                        raise self._cannot("write", exc) from exc
                    # Damaged inside: start again from scratch.
                    plan = self.plan(rebuild=True)
                    plan.rebuild_reason = "unreadable"
            return self._rebuild(ws, plan, on_progress)

    def _rebuild(self, ws: Any, plan: Plan, on_progress: Callable[[], None] | None) -> Refresh:
        """Build the index into a temporary file, then put it in place.

        The temporary file is removed when the build fails or is interrupted.
        """
        tmp = self.path.with_name(INDEX_NAME + ".tmp")
        try:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            result = self._build(tmp, ws, plan, on_progress)
            for stale in ("-journal", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    self.path.with_name(INDEX_NAME + stale).unlink()
            os.replace(tmp, self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if isinstance(exc, (OSError, sqlite3.Error)):
                raise self._cannot("write", exc) from exc
            raise
        self.close()  # the next query opens the new file
        return result

    def _build(
        self, tmp: Path, ws: Any, plan: Plan, on_progress: Callable[[], None] | None
    ) -> Refresh:
        db = self._connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(_SCHEMA)
            result = Refresh(rebuild_reason=plan.rebuild_reason)
            self._apply(db, ws, plan, result, on_progress)
            db.execute("INSERT INTO hits(hits) VALUES ('optimize')")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        finally:
            db.close()
        return result

    def _update(self, ws: Any, plan: Plan, on_progress: Callable[[], None] | None) -> Refresh:
        result = Refresh()
        with self.db as db:
            for name in plan.removed:
                self._forget(db, name)
                result.removed += 1
                if on_progress:
                    on_progress()
            self._apply(db, ws, plan, result, on_progress)
        return result

    # -- writing rows -------------------------------------------------------------
    def _apply(
        self,
        db: sqlite3.Connection,
        ws: Any,
        plan: Plan,
        result: Refresh,
        on_progress: Callable[[], None] | None,
    ) -> None:
        (next_rowid,) = db.execute("SELECT value FROM meta WHERE key = 'next_rowid'").fetchone()

        for name, kind, video_id, stat in plan.changed:
            rows = self._read_rows(self.root, name, kind, video_id, ws.load_tags)
            self._forget(db, name)
            if rows.problem is not None:
                # No ``files`` row: the file counts as new on every run, so it is
                # read (and warned about) again until it is mended.
                result.problems.append(rows.problem)
                if on_progress:
                    on_progress()
                continue
            first = next_rowid
            db.executemany(
                "INSERT INTO hits(rowid, body, video_id, kind, start_ms, end_ms, tag_id, speaker) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((first + i, *row) for i, row in enumerate(rows.hits)),
            )
            next_rowid = first + len(rows.hits)
            if rows.video is not None:
                db.execute("INSERT OR REPLACE INTO videos VALUES (?, ?, ?, ?)", rows.video)
            if rows.dates is not None:
                db.execute("INSERT OR REPLACE INTO video_dates VALUES (?, ?, ?)", rows.dates)
            db.executemany("INSERT INTO tags VALUES (?, ?, ?, ?, ?, ?)", rows.tags)
            db.executemany("INSERT INTO tag_themes VALUES (?, ?, ?, ?, ?)", rows.tag_themes)
            db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, kind, video_id, stat[0], stat[1], first, next_rowid - 1),
            )
            result.updated += 1
            if on_progress:
                on_progress()
        db.execute("UPDATE meta SET value = ? WHERE key = 'next_rowid'", (next_rowid,))

    def _forget(self, db: sqlite3.Connection, name: str) -> None:
        found = db.execute(
            "SELECT kind, video_id, first_rowid, last_rowid FROM files WHERE name = ?", (name,)
        ).fetchone()
        if found is None:
            return
        kind, video_id, first, last = found
        if last >= first:
            db.execute("DELETE FROM hits WHERE rowid BETWEEN ? AND ?", (first, last))
        if kind == TRANSCRIPT:
            db.execute("DELETE FROM videos WHERE video_id = ?", (video_id,))
            db.execute("DELETE FROM video_dates WHERE video_id = ?", (video_id,))
        else:
            db.execute("DELETE FROM tags WHERE video_id = ?", (video_id,))
            db.execute("DELETE FROM tag_themes WHERE video_id = ?", (video_id,))
        db.execute("DELETE FROM files WHERE name = ?", (name,))

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

    def tag_rows(self) -> list[tuple[str, str, int, int, tuple[str, ...], str]]:
        """(tag id, video id, start ms, end ms, theme slugs, coder) of every tag."""
        try:
            rows = self.db.execute("SELECT * FROM tags ORDER BY video_id, start_ms, tag_id")
            return [(t, v, s, e, tuple(themes.split()), c) for t, v, s, e, themes, c in rows]
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
