"""The best rows for a one-word query, ranked exactly as FTS5's ``bm25`` ranks them,
without working out ``bm25`` for every row that holds the word.

``bm25`` of one term in one row depends on two things of that row alone: how
often the term occurs in it (``tf``) and how many tokens it has (its length).
FTS5 looks up the length of every matching row (a read of its ``docsize``
table) and keeps the best; at 5,000 videos a common word matches 40,000 rows,
and those reads are most of a search. Here, instead:

- the term's occurrences are read from FTS5's own index (through an
  ``fts5vocab`` table), in one pass, as a list of row ids; repeated ids are the
  few rows that hold the word more than once;
- every other row holds it once, so the shorter the row, the better, and the
  row's length is in its id (``layout``): SQLite picks the shortest rows by id
  alone;
- those rows, the repeated ones and the rows whose length the id does not
  carry are scored with the same formula and constants as FTS5's ``bm25``, in
  the same order of floating-point operations, so the scores are the same
  numbers (tests compare them with ``bm25`` itself).

``best_rows`` answers None when the query is not one word, or the word is too
common for this to pay; the caller then ranks with ``bm25`` in SQL.
Standard library only (``itertools``, ``math``, ``re``): a warm search imports it.
"""

from __future__ import annotations

import itertools
import math
import re

from .layout import LENGTH_MASK, NOTE_BIT, UNKNOWN_LENGTH
from .schema import TOKENIZER

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

K1 = 1.2
B = 0.75
"""The constants of FTS5's ``bm25``."""
MAX_OCCURRENCES = 250_000
"""More occurrences than this (a word like "the"): ranking with ``bm25`` in SQL, which
takes no more memory for them."""
MAX_REPEATS = 5000
"""More occurrences than this in rows that hold the word more than once: ranking with
``bm25`` in SQL."""
MAX_UNKNOWN = 5000
"""More matching rows whose length the id does not carry: ranking with ``bm25`` in SQL."""

_WORD = re.compile(r"\w+")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_SETUP = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words USING fts5(words, tokenize = '{TOKENIZER}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms USING fts5vocab(temp, query_words, row)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.hit_terms USING fts5vocab(main, hits, instance)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.hit_rows USING fts5vocab(main, hits, row)",
)


def best_rows(
    db: sqlite3.Connection, fts: str, scope: str = "all", limit: int = 20
) -> list[tuple[int, float]] | None:
    """The ``limit`` best (row id, bm25 score) for the FTS5 query ``fts``, best first, as
    ``hits.ranked_sql`` orders them; ``scope`` is ``all``, ``transcripts`` or ``notes``.
    None when ``fts`` is not a single word or ranking it here would not pay."""
    if _WORD.fullmatch(fts) is None or fts in _OPERATORS:
        return None
    term = _term(db, fts)
    if term is None:
        return None
    kind = (
        "" if scope == "all" else f" AND doc & {NOTE_BIT} = {NOTE_BIT if scope == 'notes' else 0}"
    )
    joined, unknown = db.execute(
        "SELECT group_concat(doc), group_concat(CASE WHEN doc & ? = ? THEN doc END) "
        f"FROM temp.hit_terms WHERE term = ?{kind}",
        (LENGTH_MASK, UNKNOWN_LENGTH, term),
    ).fetchone()
    if joined is None:
        return []
    if joined.count(",") >= MAX_OCCURRENCES:
        return None
    ids = joined.split(",")  # in order of id: one entry per occurrence
    repeats = [a for a, b in itertools.pairwise(ids) if a == b]
    unknown_ids = unknown.split(",") if unknown else []
    if len(repeats) > MAX_REPEATS or len(unknown_ids) > MAX_UNKNOWN:
        return None
    # A row that holds the word once is in the best ``limit`` only if fewer than ``limit``
    # rows of the best come before it in order of (length, id), repeating rows included
    # (as short and repeating, they score better); in the occurrences, only the repeats
    # of those rows come between as well.
    shortest = db.execute(
        f"SELECT doc FROM temp.hit_terms WHERE term = ?{kind} ORDER BY doc & ?, doc LIMIT ?",
        (term, LENGTH_MASK, limit + len(repeats)),
    ).fetchall()
    freq = dict.fromkeys((int(i) for i in unknown_ids), 1)
    freq.update((i, 1) for (i,) in shortest)
    for i in repeats:
        freq[int(i)] = freq.get(int(i), 1) + 1
    lengths = {i: i & LENGTH_MASK for i in freq}
    lengths.update(_looked_up(db, [i for i in freq if i & LENGTH_MASK == UNKNOWN_LENGTH]))
    rows, tokens = _totals(db)
    if scope == "all":
        hit = len(ids) - len(repeats)  # rows that hold the word, of every kind
    else:
        (hit,) = db.execute("SELECT doc FROM temp.hit_rows WHERE term = ?", (term,)).fetchone()
    score = _scorer(rows, tokens, hit)
    ranked = sorted((score(freq[i], lengths[i]), i) for i in freq)
    return [(i, s) for s, i in ranked[:limit]]


def _term(db: sqlite3.Connection, word: str) -> str | None:
    """The one term FTS5's tokenizer makes of ``word``, or None when it makes none or several.

    The word goes through a table in the connection's ``temp`` schema. Writing there
    makes ``sqlite3`` open a transaction, which is closed again at once when the caller
    had none: left open, the reads that follow would keep the index locked against an
    update until the connection closes."""
    had_transaction = db.in_transaction
    for statement in _SETUP:
        db.execute(statement)
    db.execute("INSERT INTO temp.query_words(words) VALUES (?)", (word,))
    try:
        terms = db.execute("SELECT term FROM temp.query_terms").fetchall()
    finally:
        db.execute("DELETE FROM temp.query_words")
        if not had_transaction and db.in_transaction:
            db.commit()
    return str(terms[0][0]) if len(terms) == 1 else None


def _totals(db: sqlite3.Connection) -> tuple[int, int]:
    """The number of rows of the full-text table and of tokens in them, as FTS5 keeps them
    (its "averages" record: varints, the rows then each column's tokens)."""
    (block,) = db.execute("SELECT block FROM hits_data WHERE id = 1").fetchone()
    numbers = _varints(block)
    return numbers[0], sum(numbers[1:])


def _looked_up(db: sqlite3.Connection, ids: list[int]) -> dict[int, int]:
    """The length (tokens in every column) of each row of ``ids``, from FTS5's ``docsize``."""
    out: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(f"SELECT id, sz FROM hits_docsize WHERE id IN ({marks})", chunk)
        out.update((i, sum(_varints(sz))) for i, sz in rows)
    return out


def _varints(data: bytes) -> list[int]:
    """SQLite's variable-length integers, one after the other."""
    out: list[int] = []
    pos = 0
    while pos < len(data):
        value = 0
        for step in range(9):
            byte = data[pos]
            pos += 1
            if step == 8:  # the ninth byte gives all its 8 bits
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        out.append(value)
    return out


def _scorer(rows: int, tokens: int, hit: int) -> Callable[[int, int], float]:
    """``bm25`` of a row that holds the term ``tf`` times in ``length`` tokens, when
    ``hit`` of the table's ``rows`` rows (``tokens`` tokens in all) hold it: the
    expression and order of operations of FTS5's ``fts5Bm25Function``."""
    avgdl = float(tokens) / float(rows)
    idf = math.log((rows - hit + 0.5) / (hit + 0.5))
    if idf <= 0.0:
        idf = 1e-6

    def score(tf: int, length: int) -> float:
        freq = float(tf)
        return -1.0 * (
            0.0 + idf * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * length / avgdl)))
        )

    return score
