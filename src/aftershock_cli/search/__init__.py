"""Full-text search over transcripts and tag notes, with an SQLite FTS5 index."""
