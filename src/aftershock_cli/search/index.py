"""Writing the workspace's full-text index: bringing it up to date file by file.

``SearchIndex`` adds to ``reader.IndexReader`` what changes the index: new and
changed files are read again and their rows replaced, deleted ones dropped, all
under the workspace's index lock. An index that is missing, unreadable or of
another schema version is rebuilt from scratch into a temporary file that
then replaces it. YAML is read (through the workspace) only when a tag file
changed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.spoken_units import pack, segment_units
from ..workspace.folder import Workspace
from .fresh import forget_stamp
from .layout import first_id, row_id
from .reader import (
    REBUILD_ASKED,
    IndexBrokenError,
    IndexReader,
    Plan,
    Scan,
    Stat,
    _is_damage,
    scan_files,
    workspace_root,
)
from .rows import NOTE, TRANSCRIPT, FileRows, read_file
from .schema import HITS_TABLE, INDEX_NAME, PAGE_SIZE, SCHEMA, SCHEMA_VERSION

__all__ = [
    "HITS_TABLE",
    "INDEX_NAME",
    "NOTE",
    "SCHEMA_VERSION",
    "TRANSCRIPT",
    "IndexBrokenError",
    "Plan",
    "Refresh",
    "SearchIndex",
    "Stat",
    "scan_files",
    "workspace_root",
]


@dataclass
class Refresh:
    """What bringing the index up to date did."""

    rebuild_reason: str | None = None
    updated: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)
    """One line per file that could not be read (it is left out of the index, and
    read again by the next refresh)."""


ReadRows = Callable[[Path, str, str, str, Callable[[str], Any]], FileRows]
"""Reads the rows of one file: root, file name, kind, video id, the tag loader."""


class SearchIndex(IndexReader):
    """The index of one workspace; open it, ``refresh`` it, then query it.

    ``read_rows`` reads the rows of one workspace file (``rows.read_file``); the
    other arguments are ``IndexReader``'s.
    """

    def __init__(
        self,
        root: Path,
        *,
        connect: Callable[..., sqlite3.Connection] = sqlite3.connect,
        read_rows: ReadRows = read_file,
        scan: Scan = scan_files,
        clock: Callable[[], int] = time.time_ns,
    ) -> None:
        super().__init__(root, connect=connect, scan=scan, clock=clock)
        self._read_rows = read_rows

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
            forget_stamp(self.stamp_path)
            # Plan again under the lock: another process may have done part of the work.
            plan = self.plan(rebuild=plan.rebuild_reason == REBUILD_ASKED, full=True)
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
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before anything is written
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(SCHEMA)
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
        (number,) = db.execute("SELECT value FROM meta WHERE key = 'next_row'").fetchone()

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
            ids = [row_id(number + i, row[2] == NOTE, row[0]) for i, row in enumerate(rows.hits)]
            db.executemany(
                "INSERT INTO hits(rowid, body, video_id, kind, start_ms, end_ms, tag_id, speaker) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((i, *row) for i, row in zip(ids, rows.hits, strict=True)),
            )
            number += len(ids)
            first, last = (ids[0], ids[-1]) if ids else (first_id(number), first_id(number) - 1)
            if rows.video is not None:
                db.execute("INSERT OR REPLACE INTO videos VALUES (?, ?, ?, ?)", rows.video)
            if rows.dates is not None:
                db.execute("INSERT OR REPLACE INTO video_dates VALUES (?, ?, ?)", rows.dates)
            db.executemany("INSERT INTO tags VALUES (?, ?, ?, ?, ?, ?)", rows.tags)
            db.executemany("INSERT INTO tag_themes VALUES (?, ?, ?, ?, ?)", rows.tag_themes)
            db.executemany("INSERT INTO speakers VALUES (?, ?)", rows.speakers)
            if rows.times and rows.video is not None:
                units = pack(segment_units(rows.times))
                db.execute("INSERT OR REPLACE INTO spoken_units VALUES (?, ?)", (video_id, units))
            db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, kind, video_id, stat[0], stat[1], first, last),
            )
            result.updated += 1
            if on_progress:
                on_progress()
        db.execute("UPDATE meta SET value = ? WHERE key = 'next_row'", (number,))

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
            db.execute("DELETE FROM speakers WHERE video_id = ?", (video_id,))
            db.execute("DELETE FROM video_dates WHERE video_id = ?", (video_id,))
            db.execute("DELETE FROM spoken_units WHERE video_id = ?", (video_id,))
        else:
            db.execute("DELETE FROM tags WHERE video_id = ?", (video_id,))
            db.execute("DELETE FROM tag_themes WHERE video_id = ?", (video_id,))
        db.execute("DELETE FROM files WHERE name = ?", (name,))
