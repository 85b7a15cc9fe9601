"""A search answered from an index known to be up to date, loading nothing it does not need.

It takes the workspace folder as text and needs only ``os``, ``re``, ``math``,
``itertools``, SQLite's C module and the small modules that the full search
(``query``) shares with it: the freshness checks (``fresh``), the query and its
records (``hits``), the ranking of a one-word query (``quick``, on the row ids of
``layout``), the index's schema (``schema``) and the workspace's names
(``workspace.names``).
When the quick check does not trust the index, it checks every file against
the index as the full search would, and stores a new stamp when nothing
changed. Whenever it cannot answer (a file changed, the index is of another
version or cannot be read, SQLite refuses the query, no transcript names the
speaker), it answers None, having changed nothing but perhaps the stamp, and
the caller runs the full search, which updates the index and says what went
wrong.
"""

from __future__ import annotations

import os
import time

from ..workspace.names import STATE_FOLDER
from .fresh import STAMP_NAME, checked_stamp, trusted_stamp
from .hits import SCOPES, Hit, best_hits, fts_query
from .schema import INDEX_NAME, SCHEMA_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3 as sqlite
else:
    try:  # the C module that ``sqlite3`` wraps; it spares loading ``datetime``
        import _sqlite3 as sqlite
    except ImportError:  # an interpreter that has only the package
        import sqlite3 as sqlite


class WarmAnswer:
    """The hits of a warm search, and the stray files its workspace holds."""

    __slots__ = ("hits", "strays")

    def __init__(self, hits: list[Hit], strays: tuple[str, ...]) -> None:
        self.hits = hits
        self.strays = strays
        """``folder/name`` of the files of ``transcripts/`` and ``tags/`` that are left out
        (``workspace.names.stray_messages_of`` says why)."""


def warm_search(
    root: str,
    query: str,
    *,
    scope: str = "all",
    limit: int = 20,
    speaker: str | None = None,
    now_ns: int | None = None,
) -> WarmAnswer | None:
    """The best ``limit`` hits of ``query`` in the workspace at ``root`` (as ``query.search``
    gives them), or None when the index must first be brought up to date or the search
    gives an error; ``now_ns`` is the wall-clock time (``time.time_ns()``)."""
    if not query.strip() or limit < 1 or scope not in SCOPES:
        return None
    state = os.path.join(root, STATE_FOLDER)
    path, stamp_path = os.path.join(state, INDEX_NAME), os.path.join(state, STAMP_NAME)
    now = time.time_ns() if now_ns is None else now_ns
    stamp = trusted_stamp(root, path, stamp_path, now)
    try:
        db = sqlite.connect(_read_only_uri(path), uri=True)
    except sqlite.Error:
        return None
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version != SCHEMA_VERSION:
            return None
        if stamp is None:  # check every file, as the full search would, but no more
            stamp = checked_stamp(root, path, stamp_path, now, lambda: _indexed(db))
            if stamp is None:
                return None  # the index must be brought up to date first
        hits = _hits(db, query, scope, limit, speaker)
    except sqlite.Error:
        return None
    finally:
        db.close()
    return None if hits is None else WarmAnswer(hits, stamp.strays)


def _indexed(db: sqlite.Connection) -> dict[str, tuple[int, int]]:
    rows = db.execute("SELECT name, mtime_ns, size FROM files")
    return {name: (mtime, size) for name, mtime, size in rows}


def _hits(
    db: sqlite.Connection, query: str, scope: str, limit: int, speaker: str | None
) -> list[Hit] | None:
    if speaker is not None:
        wanted = speaker.strip().casefold()
        names = db.execute("SELECT name FROM speakers").fetchall()
        if not any(name.casefold() == wanted for (name,) in names):
            return None  # the full search says which speakers there are
    return best_hits(db, fts_query(query), scope=scope, limit=limit, speaker=speaker)


def _read_only_uri(path: str) -> str:
    """``path`` as an SQLite URI that opens it read-only."""
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"
