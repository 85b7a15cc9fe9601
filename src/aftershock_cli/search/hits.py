"""The hits of a search: the FTS5 query a user's words make, the SQL that ranks them, the records.

Standard library only (``re``; ``sqlite3`` for type checking): a warm search
(``warm``) and the full one (``query``) both build and read their query here.
``Hit`` is a plain class with slots rather than a dataclass, so that a warm
search does not load ``dataclasses`` (and, through it, ``inspect``).
"""

from __future__ import annotations

import re

from ..core.ids import video_url
from .quick import best_rows

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence

MARK_START = "\x02"
MARK_END = "\x03"
"""Characters that surround a matched word in ``Hit.snippet`` (never found in text)."""

SCOPES = ("all", "transcripts", "notes")
TRANSCRIPT = "transcript"
NOTE = "note"

_TOKEN = re.compile(r'"[^"]*"|[()]|"|[^\s()"]+')
_BAREWORD = re.compile(r"\w+\*?")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


class Hit:
    """One place in one video where the query matched."""

    __slots__ = (
        "end_ms",
        "kind",
        "score",
        "snippet",
        "speaker",
        "start_ms",
        "tag_id",
        "themes",
        "title",
        "video_id",
    )

    def __init__(
        self,
        video_id: str,
        title: str,
        kind: str,
        start_ms: int,
        end_ms: int,
        snippet: str,
        themes: tuple[str, ...],
        tag_id: str,
        score: float,
        speaker: str = "",
    ) -> None:
        self.video_id = video_id
        self.title = title
        """The video's title, empty when only tags of it are known."""
        self.kind = kind
        """``transcript`` (a caption segment) or ``note`` (a tag's note)."""
        self.start_ms = start_ms
        self.end_ms = end_ms
        self.snippet = snippet
        """Text around the match; matched words sit between MARK_START and MARK_END."""
        self.themes = themes
        """Theme slugs tagged at that time (for a note: the tag's own themes)."""
        self.tag_id = tag_id
        """The tag whose note matched; empty for a transcript hit."""
        self.score = score
        """bm25 rank (lower is better)."""
        self.speaker = speaker
        """Who speaks the matched segment, when the transcript says; empty for a note."""

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in Hit.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in Hit.__slots__)
        return f"Hit({shown})"

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


def ranked_sql(
    fts: str,
    *,
    themes: Sequence[str] = (),
    video_id: str | None = None,
    scope: str = "all",
    limit: int = 20,
    speaker: str | None = None,
) -> tuple[str, list[object]]:
    """The SQL (and its parameters) of the best ``limit`` rows matching ``fts``, best
    first: (video id, kind, start ms, end ms, tag id, snippet, score, speaker).

    Only the best rows are kept while ranking (SQLite's top-N sort, not FTS5's sort
    of every match), and snippets are made for those rows alone: ``CROSS JOIN`` makes
    SQLite look each kept row up by its rowid, where a plain join walked every match
    of the query a second time.
    """
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
        f"SELECT {_FIELDS}, best.score, hits.speaker "
        "FROM best CROSS JOIN hits ON hits.rowid = best.id WHERE hits MATCH ? "
        "ORDER BY best.score, best.id"
    )
    return sql, [*params, limit, fts]


_FIELDS = (
    "hits.video_id, hits.kind, hits.start_ms, hits.end_ms, hits.tag_id, "
    f"snippet(hits, 0, '{MARK_START}', '{MARK_END}', '…', 16)"
)
"""What a hit shows of its row, before its score and speaker."""


def best_hits(
    db: sqlite3.Connection,
    fts: str,
    *,
    themes: Sequence[str] = (),
    video_id: str | None = None,
    scope: str = "all",
    limit: int = 20,
    speaker: str | None = None,
) -> list[Hit]:
    """The best ``limit`` hits of the FTS5 query ``fts``, best first (the arguments are
    ``ranked_sql``'s; raises ``sqlite3.Error`` as the query does).

    A one-word query with no filter but its scope is ranked by ``quick.best_rows``, to
    the same hits and scores; any other by ``ranked_sql``."""
    best = None
    if not themes and video_id is None and speaker is None:
        best = best_rows(db, fts, scope, limit)
    if best is None:
        sql, params = ranked_sql(
            fts, themes=themes, video_id=video_id, scope=scope, limit=limit, speaker=speaker
        )
        return read_hits(db, sql, params)
    if not best:
        return []
    marks = ", ".join("?" for _ in best)
    found = db.execute(
        f"SELECT hits.rowid, {_FIELDS}, hits.speaker FROM hits "
        f"WHERE hits MATCH ? AND hits.rowid IN ({marks})",
        [fts, *(i for i, _ in best)],
    ).fetchall()
    rows = {row[0]: row[1:] for row in found}
    out = []
    for i, score in best:
        vid, kind, start, end, tag_id, snippet, speaker = rows[i]
        out.append(_hit(db, vid, kind, start, end, tag_id, snippet, score, speaker))
    return out


def read_hits(db: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[Hit]:
    """The hits of ``ranked_sql``'s query, with each video's title and the themes tagged
    at each hit's time (raises ``sqlite3.Error`` as the query does)."""
    return [_hit(db, *row) for row in db.execute(sql, params).fetchall()]


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
