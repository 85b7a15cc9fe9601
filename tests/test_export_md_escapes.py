"""Export escapes text that would break a note's layout; import undoes exactly that."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from aftershock_cli.core.codebook import default_codebook
from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.ingest.note_build import build
from aftershock_cli.notes import write as md_text
from aftershock_cli.notes.note import parse_note
from aftershock_cli.workspace.folder import Workspace

VIDEO = "Zq3xA9bC1dE"
SEGMENTS = (
    Segment(60000, 5000, "Silos came down."),
    Segment(72000, 5000, "Legacy systems stayed."),
    Segment(299000, 6000, "Departments shared work."),
)
NOTES = [
    "see [00:01:12] legacy",
    "# starts with hash",
    "1. starts numbered",
    '<div class="callout">',
    "]] stray closer",
    "From: [[fake]] <br/>",
]


def _workspace(root: Path) -> Workspace:
    ws = Workspace(root)
    ws.save_transcript(Transcript(VIDEO, "A panel", channel_handle="Panel", segments=SEGMENTS))
    return ws


def test_export_then_import_gives_back_each_note_and_range(cli, workspace_dir, tmp_path):
    ws = _workspace(workspace_dir)
    with ws.editing_tags(VIDEO) as tf:
        tf.tags += [
            Tag(f"t{i}", VIDEO, 299000, 305000, ("cross-silo",), note=note)
            for i, note in enumerate(NOTES)
        ]
    exported = cli("export", VIDEO, "--format", "md")
    assert exported.exit_code == 0
    assert "see \\[00:01:12] legacy <a" in exported.stdout
    note = tmp_path / "a_panel.md"
    note.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other"
    Workspace.init(other)
    _workspace(other)
    assert cli("-w", str(other), "import-note", str(note)).exit_code == 0
    listed = cli("-w", str(other), "tags", VIDEO, "--format", "json")
    rows = [(t["start_ms"], t["end_ms"], t["note"]) for t in json.loads(listed.stdout)]
    assert sorted(rows) == sorted((299000, 305000, text) for text in NOTES)


_PIECES = [
    "a", "b", " ", ".", ":", ",", "-", "and", "#", ">", "*", "+", "=", "|", "`", "~", "$",
    "1.", "2)", "[", "]", "[[", "]]", "(", ")", "(#)", "<", "/", "!", "?", "<div>", "</a>",
    "<br/>", "From:", "[00:01:12]", "[1:02]", "[[x]]", "[[x | y]]", "[[00:01:02]]",
]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@given(_TEXT)
@example("see [00:01:12] legacy")
@example("a statement that ends in a spaced .")
@example("1.:")
@example("[00:01:12]]")
@example("12) y and [[page | alias]] [[00:01:02]]")
@example("</a> <br/> [[ ]] [[x]]] [01:02:03](#)")
def test_a_note_exported_as_a_statement_reads_back_as_itself(text: str) -> None:
    wanted = md_text.one_line(text)
    statement = md_text.statement(text, [61])
    note = parse_note(f"---\ntitle: T\nvideoId: {VIDEO}\n---\n\n{statement}\n")
    built = build(
        note,
        name="t.md",
        source="t.md",
        topic="t",
        codebook=default_codebook(),
        transcript=None,
        new_id=lambda: "x",
        coder="",
        created="",
    )
    assert [tag.note for tag in built.tags] == [wanted]
