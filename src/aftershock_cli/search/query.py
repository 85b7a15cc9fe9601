"""Full-text search over every transcript and tag note of a workspace.

Queries use SQLite FTS5 syntax: words, ``"exact phrases"``, ``prefix*``,
``AND``/``OR``/``NOT``, parentheses and ``NEAR(words, distance)``. Words that hold punctuation
(``non-profit``, ``cross-silo``) are quoted for the user, so they match as the
phrase they spell. Hits are ranked by bm25; each carries the video, the time,
a snippet with the matched words marked, and the themes tagged at that time.

Only the best ``limit`` rows are kept while ranking (SQLite's top-N sort, not
FTS5's sort of every match), and snippets are made for those rows alone.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.errors import InvalidInputError
from ..core.model import video_url
from .reader import HITS_TABLE, IndexBrokenError, IndexReader
from .rows import NOTE, TRANSCRIPT

MARK_START = "\x02"
MARK_END = "\x03"
"""Characters that surround a matched word in ``Hit.snippet`` (never found in text)."""

SCOPES = ("all", "transcripts", "notes")

_TOKEN = re.compile(r'"[^"]*"|[()]|"|[^\s()"]+')
_BAREWORD = re.compile(r"\w+\*?")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
QUOTING_HINT = (
    'put exact phrases in double quotes ("feedback loop"), end a prefix with * '
    "(experiment*), and write AND, OR, NOT in capitals between words"
)


@dataclass(frozen=True)
class Hit:
    """One place in one video where the query matched."""

    video_id: str
    title: str
    """The video's title, empty when only tags of it are known."""
    kind: str
    """``transcript`` (a caption segment) or ``note`` (a tag's note)."""
    start_ms: int
    end_ms: int
    snippet: str
    """Text around the match; matched words sit between MARK_START and MARK_END."""
    themes: tuple[str, ...]
    """Theme slugs tagged at that time (for a note: the tag's own themes)."""
    tag_id: str
    """The tag whose note matched; empty for a transcript hit."""
    score: float
    """bm25 rank (lower is better)."""
    speaker: str = ""
    """Who speaks the matched segment, when the transcript says; empty for a note."""

    @property
    def url(self) -> str:

        return video_url(self.video_id, self.start_ms)

    def marked(self, before: str, after: str) -> str:
        """The snippet with its marks replaced, e.g. ``marked("**", "**")``."""
        return self.snippet.replace(MARK_START, before).replace(MARK_END, after)


def fts_query(text: str) -> str:
    """The user's query as FTS5 syntax: punctuated words become quoted phrases.

    Inside ``NEAR(...)`` a comma is kept, so ``NEAR(a b, 5)`` keeps its distance.
    """
    parts: list[str] = []
    near = False
    for token in _TOKEN.findall(text):
        if token == "(" and parts and parts[-1] == "NEAR":
            near = True
        elif token == ")":
            near = False
        elif near and "," in token and not token.startswith('"'):
            head, _, tail = token.partition(",")
            parts += [_term(head)] if head else []
            parts += [","] + ([_term(tail)] if tail else [])
            continue
        parts.append(_term(token))
    return " ".join(parts)


def _term(token: str) -> str:
    keep = token.startswith('"') or token in "()" or token in _OPERATORS
    if keep or _BAREWORD.fullmatch(token):  # already FTS5 syntax, or a plain word/prefix
        return token
    core = token.rstrip("*")
    star = "*" if token.endswith("*") and core else ""
    return '"' + core.replace('"', "") + '"' + star


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
    where = ["hits MATCH ?"]
    params: list[object] = [fts]
    if scope != "all":
        where.append("hits.kind = ?")
        params.append(TRANSCRIPT if scope == "transcripts" else NOTE)
    if video_id is not None:
        where.append("hits.video_id = ?")
        params.append(video_id)
    if speaker is not None:
        where.append("lower(hits.speaker) = lower(?)")
        params.append(speaker.strip())
    if themes:
        marks = ", ".join("?" for _ in themes)
        where.append(
            "EXISTS (SELECT 1 FROM tag_themes t WHERE t.video_id = hits.video_id "
            f"AND t.theme IN ({marks}) AND (t.tag_id = hits.tag_id OR "
            "(hits.kind = 'transcript' AND t.start_ms < hits.end_ms AND t.end_ms > hits.start_ms)))"
        )
        params.extend(themes)
    sql = (
        "WITH best AS (SELECT hits.rowid AS id, bm25(hits) AS score FROM hits "
        f"WHERE {' AND '.join(where)} ORDER BY score, id LIMIT ?) "
        "SELECT hits.video_id, hits.kind, hits.start_ms, hits.end_ms, hits.tag_id, "
        f"snippet(hits, 0, '{MARK_START}', '{MARK_END}', '…', 16), best.score, hits.speaker "
        "FROM best JOIN hits ON hits.rowid = best.id WHERE hits MATCH ? "
        "ORDER BY best.score, best.id"
    )
    params += [limit, fts]
    db = index.db
    try:
        rows = db.execute(sql, params).fetchall()
        return [_hit(db, *row) for row in rows]
    except sqlite3.OperationalError as exc:
        error = _query_error(query, fts)
        raise (error or IndexBrokenError(index.path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise IndexBrokenError(index.path, exc) from exc


def _hit(
    db: sqlite3.Connection,
    vid: str,
    kind: str,
    start: int,
    end: int,
    tag_id: str,
    snippet: str,
    score: float,
    speaker: str,
) -> Hit:
    return Hit(
        video_id=vid,
        title=_title(db, vid),
        kind=kind,
        start_ms=start,
        end_ms=end,
        snippet=snippet,
        themes=_themes_at(db, vid, kind, tag_id, start, end),
        tag_id=tag_id,
        score=score,
        speaker=speaker or "",
    )


def _title(db: sqlite3.Connection, video_id: str) -> str:
    row = db.execute("SELECT title FROM videos WHERE video_id = ?", (video_id,)).fetchone()
    return str(row[0]) if row else ""


def _themes_at(
    db: sqlite3.Connection, video_id: str, kind: str, tag_id: str, start: int, end: int
) -> tuple[str, ...]:
    if kind == NOTE:
        rows = db.execute(
            "SELECT themes FROM tags WHERE video_id = ? AND tag_id = ?", (video_id, tag_id)
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT themes FROM tags WHERE video_id = ? AND start_ms < ? AND end_ms > ? "
            "ORDER BY start_ms",
            (video_id, end, start),
        ).fetchall()
    out: dict[str, None] = {}
    for (themes,) in rows:
        out.update(dict.fromkeys(themes.split()))
    return tuple(out)
