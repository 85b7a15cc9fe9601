"""A one-word search ranked from row ids (``search.quick``) gives bm25's hits and scores."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftershock_cli.search import quick
from aftershock_cli.search.hits import NOTE, TRANSCRIPT, best_hits, ranked_sql, read_hits
from aftershock_cli.search.layout import (
    _COUNTED,
    LENGTH_MASK,
    NOTE_BIT,
    UNKNOWN_LENGTH,
    length_code,
    row_id,
)
from aftershock_cli.search.schema import SCHEMA

COUNTED = [chr(c) for c in range(0x2100) if _COUNTED.fullmatch(chr(c))]


def _tokens_fts5_counts(db: sqlite3.Connection, text: str) -> int:
    """How many tokens the index's own tokenizer makes of ``text``."""
    db.execute("DELETE FROM hits")
    db.execute("INSERT INTO hits(rowid, body) VALUES (1, ?)", (text,))
    (size,) = db.execute("SELECT sz FROM hits_docsize WHERE id = 1").fetchone()
    return sum(quick._varints(size))


@pytest.fixture
def index() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    yield db
    db.close()


def test_every_counted_character_is_counted_as_the_tokenizer_counts_it(index):
    assert len(COUNTED) == 128 + 224 + 96  # ASCII; Latin; general punctuation
    wrong = [
        (hex(ord(c)), text)
        for c in COUNTED
        for text in (c, f"ab{c}cd", f"x {c}{c} y", f"{c}9", f"é{c}é")
        if length_code(text) != _tokens_fts5_counts(index, text)
    ]
    assert wrong == []


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [*"aZ9 ,.'-\n\x00\x7f", "é", "ß", "’", "—", "…", "中", "\u0301", "Ω"]
        ),
        max_size=60,
    )
)
def test_a_length_is_the_tokenizers_or_marked_unknown(text):
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    code = length_code(text)
    counted = _tokens_fts5_counts(db, text)
    if all(_COUNTED.fullmatch(c) for c in text) and counted < UNKNOWN_LENGTH:
        assert code == counted
    else:
        assert code == UNKNOWN_LENGTH


def test_a_row_id_carries_its_order_kind_and_length():
    first = row_id(7, False, "Cross-silo work, again.")
    second = row_id(8, True, "x " * 300)
    assert first < second
    assert (first & NOTE_BIT, first & LENGTH_MASK) == (0, 4)
    assert (second & NOTE_BIT, second & LENGTH_MASK) == (NOTE_BIT, UNKNOWN_LENGTH)
    assert row_id(9, False, "café 中文") & LENGTH_MASK == UNKNOWN_LENGTH


WORDS = ["silo", "silos", "trust", "the", "design", "café", "中文", "public"]


def _fill(db: sqlite3.Connection, rows: list[tuple[list[str], bool]], drop: set[int]) -> None:
    for number, (words, is_note) in enumerate(rows, 1):
        text = " ".join(words)
        kind = NOTE if is_note else TRANSCRIPT
        db.execute(
            "INSERT INTO hits(rowid, body, video_id, kind, start_ms, end_ms, tag_id, speaker) "
            "VALUES (?, ?, 'AbCdEfGhIj0', ?, ?, ?, '', '')",
            (row_id(number, is_note, text), text, kind, number * 1000, number * 1000 + 500),
        )
    for number in drop:  # deleted rows leave marks in FTS5's index, which must not count
        if number <= len(rows):
            text = " ".join(rows[number - 1][0])
            db.execute(
                "DELETE FROM hits WHERE rowid = ?", (row_id(number, rows[number - 1][1], text),)
            )


def _bm25_rows(
    db: sqlite3.Connection, word: str, scope: str, limit: int
) -> list[tuple[int, float]]:
    where = "" if scope == "all" else f" AND kind = '{NOTE if scope == 'notes' else TRANSCRIPT}'"
    sql = (
        f"SELECT rowid, bm25(hits) AS s FROM hits WHERE hits MATCH ?{where} "
        "ORDER BY s, rowid LIMIT ?"
    )
    return [(i, s) for i, s in db.execute(sql, (word, limit))]


@settings(max_examples=120, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.lists(st.sampled_from([*WORDS, "a", "of"]), max_size=14), st.booleans()),
        min_size=1,
        max_size=60,
    ),
    drop=st.sets(st.integers(1, 60), max_size=8),
    word=st.sampled_from(WORDS),
    scope=st.sampled_from(["all", "transcripts", "notes"]),
    limit=st.integers(1, 12),
)
def test_the_quick_ranking_is_bm25s_to_the_last_bit(rows, drop, word, scope, limit):
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    _fill(db, rows, drop)
    assert quick.best_rows(db, word, scope, limit) == _bm25_rows(db, word, scope, limit)


def test_rows_past_the_shortest_that_repeat_the_word_still_win(index):
    rows = [(["trust", "a", "a"], False)] * 30 + [(["trust"] * 4 + ["a"] * 8, False)]
    _fill(index, rows, set())
    best = quick.best_rows(index, "trust", "all", 3)
    assert best == _bm25_rows(index, "trust", "all", 3)
    assert best is not None and best[0][0] == row_id(31, False, " ".join(rows[-1][0]))


@pytest.mark.parametrize("query", ["trust*", '"public trust"', "trust AND silo", "AND", "a_b"])
def test_other_queries_are_left_to_bm25_in_sql(index, query):
    _fill(index, [(["public", "trust", "a_b"], False)], set())
    assert quick.best_rows(index, query) is None


def test_a_word_repeated_too_often_is_left_to_bm25_in_sql(index, monkeypatch):
    _fill(index, [(["the", "the", "silo"], False)] * 4, set())
    monkeypatch.setattr(quick, "MAX_REPEATS", 3)
    assert quick.best_rows(index, "the") is None
    assert quick.best_rows(index, "silo") == _bm25_rows(index, "silo", "all", 20)


def test_a_word_no_row_holds_has_no_rows(index):
    _fill(index, [(["silo"], False)], set())
    assert quick.best_rows(index, "trust") == []


def test_best_hits_are_those_of_the_ranked_sql(index):
    rows = [
        (["public", "trust", "design"][: 1 + n % 3] + ["trust"] * (n % 2), n % 4 == 0)
        for n in range(40)
    ]
    _fill(index, rows, {5, 6})
    for scope in ("all", "transcripts", "notes"):
        sql, params = ranked_sql("trust", scope=scope, limit=7)
        assert best_hits(index, "trust", scope=scope, limit=7) == read_hits(index, sql, params)


def test_occurrences_of_repeating_rows_do_not_crowd_out_the_shortest(index):
    # the repeating rows come first and are as short: their 10 occurrences sort before
    # the rows that hold the word once, which must still be found
    rows = [(["trust", "trust"], False)] * 5 + [(["trust", "a"], False)] * 10
    _fill(index, rows, set())
    best = quick.best_rows(index, "trust", "all", 10)
    assert best == _bm25_rows(index, "trust", "all", 10)
    assert best is not None and len({i for i, _ in best}) == 10


def test_a_word_in_too_many_places_is_left_to_bm25_in_sql(index, monkeypatch):
    _fill(index, [(["the", "silo"], False)] * 5 + [(["silo"], False)] * 2, set())
    monkeypatch.setattr(quick, "MAX_OCCURRENCES", 6)
    assert quick.best_rows(index, "silo") is None
    assert quick.best_rows(index, "the") == _bm25_rows(index, "the", "all", 20)


def test_ranking_leaves_no_transaction_open_to_lock_the_index(tmp_path):
    path = tmp_path / "index.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    _fill(db, [(["trust", "silo"], False)] * 3, set())
    db.commit()
    assert quick.best_rows(db, "trust") == _bm25_rows(db, "trust", "all", 20)
    assert not db.in_transaction
    writer = sqlite3.connect(path, timeout=0)  # would find the index locked otherwise
    writer.execute(
        "INSERT INTO hits(rowid, body) VALUES (?, 'trust')", (row_id(9, False, "trust"),)
    )
    writer.commit()
    writer.close()
    db.close()
