"""Where the search index lives, its schema and the schema's version (no imports).

Apart from ``reader``, so that a warm search (``warm``) can find the index and
check its version without loading what reading and building it need.
"""

from __future__ import annotations

INDEX_NAME = "index.sqlite"
SCHEMA_VERSION = 6
PAGE_SIZE = 65536
"""SQLite's page size for a new index (its largest). Ranking with ``bm25`` (any query but
one word) reads the length of every matching row from FTS5's ``docsize`` table, a row
here and a row there: with 64 KiB pages that is fewer, larger reads than with the
default 4 KiB (a third less CPU for a common word at 5,000 videos). An index built
with other pages still works as it is."""

TOKENIZER = "porter unicode61 remove_diacritics 2"
"""How the full-text table cuts text into terms (stems, any case, accents dropped)."""

HITS_TABLE = f"""CREATE VIRTUAL TABLE hits USING fts5(
    body, video_id UNINDEXED, kind UNINDEXED, start_ms UNINDEXED, end_ms UNINDEXED,
    tag_id UNINDEXED, speaker UNINDEXED, tokenize = '{TOKENIZER}');"""
"""The full-text table (also made empty in memory to tell a bad query from a bad index).
Its row ids are laid out as ``layout`` says."""

SCHEMA = (
    HITS_TABLE
    + """
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
CREATE TABLE speakers (video_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE spoken_units (video_id TEXT PRIMARY KEY, units BLOB NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('next_row', 1);
"""
)
