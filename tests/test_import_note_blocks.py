"""import-note: where statements sit (headings, quotes, callouts) and gaps in the transcript."""

from __future__ import annotations

import json
from pathlib import Path

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace

VIDEO = "Zq3xA9bC1dE"


def a(time: str) -> str:
    return f'<a class="yt-timestamp" data-t="{time}">[{time}]</a>'


def write(folder: Path, body: str) -> Path:
    path = folder / "places.md"
    text = f"---\ntitle: Places\nvideoId: {VIDEO}\n---\n\nFrom: [[civic]] <br/> \n\n{body}"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_section_is_the_plain_text_of_its_headings(cli, workspace_dir, tmp_path):
    body = (
        f"## Ideas about [[cross_silo | silos]]\n\n### Heading with anchor {a('00:07:00')}\n\n"
        f"Teams sat together {a('00:07:05')}.\n"
    )
    path = write(tmp_path, body)
    assert cli("import-note", str(path)).exit_code == 0
    r = cli("tags", "--format", "json")
    assert [t["section"] for t in json.loads(r.stdout)] == [
        "Ideas about silos / Heading with anchor"
    ]
    assert cli("export", VIDEO, "--format", "md").stdout == path.read_text(encoding="utf-8")


QUOTES = (
    "## S\n\n"
    f"> A quoted statement {a('00:01:00')}.\n\n"
    f"> [!info] The scale\n> Racks hold one server {a('00:01:10')}.\n"
    f"> It needs power {a('00:01:20')}.\n\n"
    "| a | b |\n| - | - |\n"
    f"| cell {a('00:02:00')} | x |\n\n"
    f'<div class="callout">html callout {a("00:03:00")}</div>\n\n'
    f"Plain {a('00:04:00')}.\n"
)


def test_block_quotes_and_callouts_become_tags_and_export_unchanged(cli, tmp_path):
    path = write(tmp_path, QUOTES)
    r = cli("import-note", str(path))
    assert r.exit_code == 0
    assert r.stderr == (
        "Added theme 'places' (Places) to the codebook, page [[places]]\n"
        f"Imported {path} ({VIDEO}): 3 statement(s) as tags\n"
        f"Warning: {path}: did not import 2 cited passage(s) (1 in an HTML block, 1 in a "
        "table): statements are taken from paragraphs, list items and block quotes; move "
        "them out to make tags of them\n"
    )
    tags = json.loads(cli("tags", "--format", "json").stdout)
    assert [(t["section"], t["note"]) for t in tags] == [
        ("S", "A quoted statement."),
        ("S", "Racks hold one server. It needs power."),
        ("S", "Plain."),
    ]
    assert cli("export", VIDEO, "--format", "md").stdout == path.read_text(encoding="utf-8")


def test_an_edited_callout_statement_keeps_its_title_and_quote_marks(cli, tmp_path):
    path = write(tmp_path, QUOTES)
    assert cli("import-note", str(path)).exit_code == 0
    second = json.loads(cli("tags", "--format", "json").stdout)[1]["id"]
    assert cli("retag", second, "--note", "Racks hold one server.").exit_code == 0
    text = cli("export", VIDEO, "--format", "md").stdout
    # the edited statement keeps both of its citations
    cited = f"{a('00:01:10')}, {a('00:01:20')}"
    assert f"> [!info] The scale\n> Racks hold one server {cited}.\n\n" in text


def test_quotes_of_a_quoted_statement_stay_inside_its_block_quote(cli, workspace_dir, tmp_path):
    segments = (Segment(60000, 5000, "the racks hold one server"),)
    Workspace(workspace_dir).save_transcript(Transcript(VIDEO, "Talk", segments=segments))
    path = write(tmp_path, f"> Racks {a('00:01:00')}.\n")
    assert cli("import-note", str(path)).exit_code == 0
    r = cli("export", VIDEO, "--format", "md", "--quotes")
    assert r.stdout.endswith(f"> Racks {a('00:01:00')}.\n> > the racks hold one server\n")


def test_an_anchor_in_a_pause_takes_the_segment_starting_soon_after(cli, workspace_dir, tmp_path):
    segments = (
        Segment(50000, 7200, "before the pause"),
        Segment(62000, 4000, "after the pause"),
        Segment(80000, 3000, "after a long silence"),
    )
    Workspace(workspace_dir).save_transcript(Transcript(VIDEO, "Talk", segments=segments))
    body = (
        f"Cited early {a('00:01:00')}.\n\n"
        f"In the long silence {a('00:01:08')}.\n\n"
        f"From the silence on {a('00:01:08')} to later {a('00:01:21')}.\n"
    )
    path = write(tmp_path, body)
    assert cli("import-note", str(path)).exit_code == 0
    r = cli("tags", "--format", "json")
    assert [(t["start_ms"], t["end_ms"]) for t in json.loads(r.stdout)] == [
        (62000, 66000),
        (68000, 68000),
        (68000, 83000),
    ]
    assert cli("export", VIDEO, "--format", "md").stdout == path.read_text(encoding="utf-8")


def test_an_edited_statement_keeps_its_links_on_the_same_words(cli, tmp_path):
    body = f"## S\n\n- Silos broke down in [[cross_silo | ministries]] {a('00:01:00')}.\n"
    path = write(tmp_path, body)
    assert cli("import-note", str(path)).exit_code == 0
    tag_id = json.loads(cli("tags", "--format", "json").stdout)[0]["id"]
    cli("retag", tag_id, "--note", "Walls between ministries came down.")
    text = cli("export", VIDEO, "--format", "md").stdout
    assert f"- Walls between [[cross_silo | ministries]] came down {a('00:01:00')}.\n" in text


def test_a_note_of_several_paragraphs_keeps_them_inside_its_list_item(cli, tmp_path):
    path = write(tmp_path, f"## S\n\n-   Silos broke down {a('00:01:00')}.\n")
    assert cli("import-note", str(path)).exit_code == 0
    tag_id = json.loads(cli("tags", "--format", "json").stdout)[0]["id"]
    note = tmp_path / "note.txt"
    note.write_text("Silos broke down.\n\nThen they were rebuilt.\n")
    assert cli("retag", tag_id, "--note-file", str(note)).exit_code == 0
    text = cli("export", VIDEO, "--format", "md").stdout
    assert f"-   Silos broke down.\n\n    Then they were rebuilt {a('00:01:00')}.\n" in text
