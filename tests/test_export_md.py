"""export --format md: the source format, from tags and from imported notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.export import ExportOptions, load_video
from aftershock_cli.export.md import render
from aftershock_cli.workspace.folder import Workspace
from shared_files import CORPUS, SEED, shared

FIXTURES = Path(__file__).parent / "fixtures" / "notes"
CIVIC = FIXTURES / "libraries_as_civic_infrastructure.md"
MEASURING = FIXTURES / "measuring_what_libraries_do.md"
VIDEO = "Zq3xA9bC1dE"


def a(hms: str) -> str:
    return f'<a class="yt-timestamp" data-t="{hms}">[{hms}]</a>'


def tagged_workspace(root: Path) -> Workspace:
    ws = Workspace(root)
    segments = (
        Segment(60000, 5000, "Silos came down across departments."),
        Segment(554000, 6000, "We saw joined up thinking."),
        Segment(600000, 4000, "Countries shared data."),
    )
    ws.save_transcript(
        Transcript(VIDEO, "Libraries: a panel", channel_handle="CityLabTalks", segments=segments)
    )
    with ws.editing_tags(VIDEO) as tf:
        tf.tags += [
            Tag("t1", VIDEO, 554000, 576000, ("cross-silo",), note="Silos broke down."),
            Tag("t2", VIDEO, 600000, 604000, ("international",)),
            Tag("t3", VIDEO, 60000, 65000, ("public-sector-innovation",), note="Why it matters:"),
        ]
    return ws


FRESH_BY_VIDEO = f"""---
title: "Libraries: a panel"
videoId: {VIDEO}
---

From: [[citylabtalks]] <br/>{" "}

## Public sector innovation and collaboration

Why it matters {a("00:01:00")}:

### Cross-sectoral and cross-silo work
Silos broke down {a("00:09:14")}.

### International cooperation
Countries shared data {a("00:10:00")}."""


def test_fresh_note_by_video_follows_the_seed_layout(cli, workspace_dir):
    tagged_workspace(workspace_dir)
    r = cli("export", VIDEO, "--format", "md")
    assert r.exit_code == 0
    assert r.stdout == FRESH_BY_VIDEO


def test_fresh_note_by_theme_titles_the_theme_and_makes_children_sections(workspace_dir):
    ws = tagged_workspace(workspace_dir)
    files = render(load_video(ws, VIDEO, ExportOptions()), ExportOptions(by="theme"))
    assert [f.name for f in files] == ["public_sector_innovation_and_collaboration.md"]
    assert files[0].text == (
        f"---\ntitle: Public sector innovation and collaboration\nvideoId: {VIDEO}\n---\n\n"
        "From: [[citylabtalks]] <br/> \n\n"
        f"Why it matters {a('00:01:00')}:\n\n"
        f"## Cross-sectoral and cross-silo work\n\nSilos broke down {a('00:09:14')}.\n\n"
        f"## International cooperation\n\nCountries shared data {a('00:10:00')}."
    )


def test_markdown_links_and_quotes(workspace_dir):
    ws = tagged_workspace(workspace_dir)
    options = ExportOptions(link_style="markdown", quotes=True, themes=("cross-silo",))
    text = render(load_video(ws, VIDEO, options), options)[0].text
    assert text.endswith(
        "### Cross-sectoral and cross-silo work\n"
        f"Silos broke down [00:09:14](https://www.youtube.com/watch?v={VIDEO}&t=554s).\n"
        "> We saw joined up thinking."
    )


def test_export_then_import_then_export_gives_the_same_bytes(cli, workspace_dir, tmp_path):
    tagged_workspace(workspace_dir)
    first = cli("export", VIDEO, "--format", "md").stdout
    note = tmp_path / "panel.md"
    note.write_text(first, encoding="utf-8")
    other = tmp_path / "other"
    Workspace.init(other)
    assert cli("-w", str(other), "import-note", str(note)).exit_code == 0
    assert cli("-w", str(other), "export", VIDEO, "--format", "md").stdout == first


def test_escaping_keeps_the_layout(workspace_dir):
    ws = Workspace(workspace_dir)
    with ws.editing_tags(VIDEO) as tf:
        tf.tags += [
            Tag("e1", VIDEO, 1000, 1000, ("cross-silo",), note="# Not a heading </a> [[x]] a]]b"),
            Tag("e2", VIDEO, 2000, 2000, ("cross-silo",), note="1. not a list\nsecond line"),
        ]
    text = render(load_video(ws, VIDEO, ExportOptions()), ExportOptions())[0].text
    assert text.endswith(
        f"\\# Not a heading &lt;/a> [[x]] a]&#93;b {a('00:00:01')}\n\n"
        f"1\\. not a list second line {a('00:00:02')}"
    )
    from aftershock_cli.notes.note import parse_note

    note = parse_note(text)
    assert [h.text for h in note.headings] == [
        "Public sector innovation and collaboration",
        "Cross-sectoral and cross-silo work",
    ]
    assert [x.seconds for x in note.anchors] == [1, 2]


def test_imported_note_round_trips_through_the_cli(cli):
    assert cli("import-note", str(CIVIC)).exit_code == 0
    r = cli("export", VIDEO, "--format", "md")
    assert r.stdout == CIVIC.read_text(encoding="utf-8")


def test_several_notes_of_one_video_come_back_by_theme(cli, tmp_path):
    assert cli("import-note", str(CIVIC), str(MEASURING)).exit_code == 0
    out = tmp_path / "out"
    r = cli("export", VIDEO, "--format", "md", "--by", "theme", "--out-dir", str(out))
    assert r.exit_code == 0
    for note in (CIVIC, MEASURING):
        assert (out / note.name).read_bytes() == note.read_bytes()


def test_several_notes_by_video_nest_each_note_under_its_title(cli):
    cli("import-note", str(CIVIC), str(MEASURING))
    text = cli("export", VIDEO, "--format", "md").stdout
    assert "\n\n## Measuring what libraries do\n\n### Counting more than loans\n\n*   Door" in text
    assert "\n##### A deep heading with a [[Experimentation" in text


def test_a_retagged_statement_follows_its_new_times(cli, workspace_dir):
    cli("import-note", str(CIVIC))
    ws = Workspace(workspace_dir)
    with ws.editing_tags(VIDEO) as tf:
        tag = tf.tags[3]  # "Help with forms ..." cites 00:04:31 and 00:04:48
        tf.tags[3] = replace(tag, start_ms=tag.start_ms + 10000, end_ms=tag.end_ms + 10000)
        tf.tags[4] = replace(tf.tags[4], note="A meeting point for every club")
        del tf.tags[1]
    text = cli("export", VIDEO, "--format", "md").stdout
    assert (
        f"2.  Help with forms and online services {a('00:04:41')}, {a('00:04:58')}.\n"
        f"3.  A meeting point for every club {a('00:05:02')}\n\n"
    ) in text
    assert "Three roles" not in text
    assert "## Why libraries matter now\n\n1.  A warm" in text


def test_a_retag_to_a_shorter_range_keeps_every_anchor_inside_it(cli, workspace_dir):
    cli("import-note", str(CIVIC))
    tag = Workspace(workspace_dir).load_tags(VIDEO)[3]  # cites 00:04:31 and 00:04:48
    assert (tag.start_ms, tag.end_ms) == (271000, 288000)
    r = cli("retag", tag.id, "--range", "4:20-4:28")
    assert r.exit_code == 0
    text = cli("export", VIDEO, "--format", "md").stdout
    assert f"2.  Help with forms and online services {a('00:04:20')}, {a('00:04:28')}.\n" in text


def test_the_seed_round_trips_byte_for_byte(cli):
    seed = shared(SEED)
    assert cli("import-note", str(seed)).exit_code == 0
    r = cli("export", "t8dJdL0Wyw8", "--format", "md")
    assert r.stdout.encode("utf-8") == seed.read_bytes()


def test_every_corpus_note_with_anchors_round_trips(tmp_path):
    from aftershock_cli.ingest.note_import import import_note

    checked = 0
    for index, path in enumerate(sorted(shared(CORPUS).glob("*.md"))):
        ws = Workspace(tmp_path / str(index))
        report = import_note(ws, path)
        video = load_video(ws, report.video_id, ExportOptions())
        if not video.tags:
            continue
        assert render(video, ExportOptions())[0].text == path.read_text(encoding="utf-8"), path
        checked += 1
    assert checked > 250
