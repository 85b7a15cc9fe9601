"""Full-text search over every transcript and tag note of a workspace.

Queries use SQLite FTS5 syntax: words, ``"exact phrases"``, ``prefix*``,
``AND``/``OR``/``NOT``, parentheses and ``NEAR(words, distance)``. Words that hold punctuation
(``non-profit``, ``cross-silo``) are quoted for the user, so they match as the
phrase they spell. Hits are ranked by bm25; each carries the video, the time,
a snippet with the matched words marked, and the themes tagged at that time.

The query itself, its SQL and the ``Hit`` records are built in ``hits``, which a
warm search (``warm``) shares; this module adds the checks and errors around them.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Sequence

from ..core.errors import InvalidInputError
from .hits import MARK_END as MARK_END
from .hits import MARK_START as MARK_START
from .hits import SCOPES as SCOPES
from .hits import Hit as Hit
from .hits import best_hits
from .hits import fts_query as fts_query
from .reader import IndexBrokenError, IndexReader
from .schema import HITS_TABLE

QUOTING_HINT = (
    'put exact phrases in double quotes ("feedback loop"), end a prefix with * '
    "(experiment*), and write AND, OR, NOT in capitals between words"
)


def query_problem(fts: str) -> str | None:
    """What SQLite finds wrong with the FTS5 query ``fts`` on an empty table of the
    index's shape, or None when it reads: a failure there is the query's, not the index's."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute(HITS_TABLE)
        probe.execute("SELECT rowid FROM hits WHERE hits MATCH ?", (fts,)).fetchall()
    except sqlite3.Error as exc:
        return str(exc).removeprefix("fts5: ")
    finally:
        probe.close()
    return None


def _query_error(query: str, fts: str) -> InvalidInputError | None:
    problem = query_problem(fts)
    if problem is None:
        return None
    if problem.startswith("expected integer"):
        problem = "the distance of NEAR must be a whole number of words, such as NEAR(a b, 5)"
    return InvalidInputError(f"cannot read the search query '{query}' ({problem}); {QUOTING_HINT}")


def _check_speaker(index: IndexReader, speaker: str) -> None:
    """Raise InvalidInputError when no transcript names ``speaker`` (any case)."""
    known = index.speakers()
    wanted = speaker.strip().casefold()
    if any(name.casefold() == wanted for name in known):
        return
    if not known:
        raise InvalidInputError(
            f"no speaker '{speaker}' in the workspace's transcripts: none of them names "
            "its speakers"
        )
    close = difflib.get_close_matches(speaker.strip(), known, n=1, cutoff=0.5)
    guess = f" (did you mean {close[0]}?)" if close else ""
    shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    raise InvalidInputError(
        f"no speaker '{speaker}' in the workspace's transcripts{guess}; its speakers: {shown}"
    )


def check_arguments(query: str, scope: str = "all", limit: int = 20) -> None:
    """Raise InvalidInputError for an empty query, an unknown scope or a limit below 1."""
    if not query.strip():
        raise InvalidInputError("the search query is empty; give words to look for")
    if scope not in SCOPES:
        raise InvalidInputError(f"unknown scope '{scope}'; use one of {', '.join(SCOPES)}")
    if limit < 1:
        raise InvalidInputError(f"limit must be at least 1 (got {limit})", option="limit")


def search(
    index: IndexReader,
    query: str,
    *,
    themes: Sequence[str] = (),
    video_id: str | None = None,
    scope: str = "all",
    limit: int = 20,
    speaker: str | None = None,
) -> list[Hit]:
    """The best ``limit`` hits of ``query``, best first.

    ``themes``: keep hits at a time tagged with one of these slugs; ``video_id``:
    only this video; ``scope``: ``all``, ``transcripts`` or ``notes``; ``speaker``:
    only segments this speaker says (the name as the captions give it, any case).
    """
    check_arguments(query, scope, limit)
    if speaker is not None:
        _check_speaker(index, speaker)
    fts = fts_query(query)
    try:
        return best_hits(
            index.db,
            fts,
            themes=themes,
            video_id=video_id,
            scope=scope,
            limit=limit,
            speaker=speaker,
        )
    except sqlite3.OperationalError as exc:
        error = _query_error(query, fts)
        raise (error or IndexBrokenError(index.path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise IndexBrokenError(index.path, exc) from exc
