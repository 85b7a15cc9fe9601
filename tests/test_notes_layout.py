"""The layout record import-note keeps: typed in memory, the same plain data on disk."""

from __future__ import annotations

from aftershock_cli.core.codebook import default_codebook
from aftershock_cli.ingest.note_build import build
from aftershock_cli.notes.layout import ImportedStatement, NoteLayout
from aftershock_cli.notes.note import parse_note

ANCHOR = '<a class="yt-timestamp" data-t="00:01:02">[00:01:02]</a>'
NOTE = f"---\ntitle: T\nvideoId: abcdefghijk\n---\n\n# Part\n\n1.  Said it {ANCHOR}.\n"


def _built():
    return build(
        parse_note(NOTE),
        name="t.md",
        source="t.md",
        topic="t",
        codebook=default_codebook(),
        transcript=None,
        new_id=lambda: "k3v9q2xa",
        coder="",
        created="",
    )


def test_a_layout_is_stored_as_the_plain_data_of_the_tag_file() -> None:
    record = _built().layout.to_dict()
    assert record == {
        "kind": "aftershock.note-layout",
        "version": 1,
        "name": "t.md",
        "source": "t.md",
        "title": "T",
        "theme": "t",
        "parts": [
            {"text": "---\ntitle: T\nvideoId: abcdefghijk\n---\n\n# Part\n\n"},
            {"tag": "k3v9q2xa", "before": "1.  ", "after": "\n"},
        ],
    }
    assert list(record) == ["kind", "version", "name", "source", "title", "theme", "parts"]
    assert NoteLayout.from_dict(record) == _built().layout


def test_a_statement_record_is_stored_as_the_plain_data_of_the_tag_file() -> None:
    extra = _built().tags[0].extra["md"]
    assert extra == {
        "raw": f"Said it {ANCHOR}.",
        "anchors": [[8, 8 + len(ANCHOR), 62]],
        "note": "Said it.",
        "start_ms": 62000,
        "end_ms": 62000,
        "layout": "t.md",
    }
    assert list(extra) == ["raw", "anchors", "note", "start_ms", "end_ms", "layout"]
    record = ImportedStatement.from_dict(extra)
    assert record is not None and record.to_dict() == extra


def test_records_of_another_kind_are_no_layout() -> None:
    assert NoteLayout.from_dict({"kind": "other", "parts": []}) is None
    assert NoteLayout.from_dict({"kind": "aftershock.note-layout", "parts": "x"}) is None
    assert ImportedStatement.from_dict({"raw": 3}) is None
