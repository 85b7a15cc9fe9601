"""import-note: notes in the source format become tags, themes and metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace
from shared_files import SEED, shared

FIXTURES = Path(__file__).parent / "fixtures" / "notes"
CIVIC = FIXTURES / "libraries_as_civic_infrastructure.md"
MEASURING = FIXTURES / "measuring_what_libraries_do.md"
VIDEO = "Zq3xA9bC1dE"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".aftershock" not in p.parts
    }


def test_import_reports_the_new_topic_and_the_statements(cli, workspace_dir):
    r = cli("import-note", str(CIVIC))
    assert r.exit_code == 0
    assert r.stdout == ""
    assert r.stderr == (
        "Added theme 'libraries-as-civic-infrastructure' (Libraries as civic infrastructure) "
        "to the codebook, page [[libraries_as_civic_infrastructure]]\n"
        f"Imported {CIVIC} ({VIDEO}): 8 statement(s) as tags\n"
    )
    theme = Workspace(workspace_dir).codebook().get("libraries-as-civic-infrastructure")
    assert (theme.label, theme.page, theme.parent) == (
        "Libraries as civic infrastructure",
        "libraries_as_civic_infrastructure",
        None,
    )


def test_tags_take_times_themes_sections_and_text_of_each_statement(cli, workspace_dir):
    assert cli("import-note", str(CIVIC)).exit_code == 0
    tags = Workspace(workspace_dir).load_tags(VIDEO)
    rows = [(t.start_ms, t.end_ms, t.themes, t.section, t.note) for t in tags]
    topic = "libraries-as-civic-infrastructure"
    assert rows[0] == (
        12000,
        65000,
        (topic, "local-engagement"),
        "",
        "The panel looked at public [[Local engagement and institutional diversity | libraries]] "
        "as places where a city meets its residents, far beyond lending books. Speakers came "
        "from three municipal library systems and one national ministry.",
    )
    assert rows[2] == (
        250000,
        250000,
        (topic,),
        "Why libraries matter now",
        "A warm, safe room in winter.",
    )
    assert rows[3][:2] == (271000, 288000)
    assert rows[3][4] == "Help with forms and online services."
    assert rows[5][2:4] == (
        (topic, "human-centred"),
        "Lessons for city halls / Human-centred design",
    )
    assert rows[6][2] == (topic, "cross-silo")
    assert len(rows) == 8


def test_metadata_comes_from_the_note_when_there_is_no_transcript(cli, workspace_dir):
    assert cli("import-note", str(CIVIC)).exit_code == 0
    transcript = Workspace(workspace_dir).load_transcript(VIDEO)
    assert (transcript.title, transcript.channel_handle, transcript.source) == (
        "Libraries as civic infrastructure",
        "citylabtalks",
        "note:libraries_as_civic_infrastructure.md",
    )
    assert transcript.segments == ()


def test_a_transcript_keeps_its_metadata_and_extends_the_end_to_the_segment(cli, workspace_dir):
    ws = Workspace(workspace_dir)
    segments = (
        Segment(10000, 4000, "libraries meet residents"),
        Segment(64000, 5500, "a ministry"),
    )
    ws.save_transcript(
        Transcript(VIDEO, "Fetched title", channel_handle="fetched", segments=segments)
    )
    assert cli("import-note", str(CIVIC)).exit_code == 0
    assert ws.load_transcript(VIDEO).title == "Fetched title"
    first = ws.load_tags(VIDEO)[0]
    assert (first.start_ms, first.end_ms) == (12000, 69500)
    out = cli("export", VIDEO, "--format", "md")
    assert out.stdout == CIVIC.read_text(encoding="utf-8")


def test_importing_again_replaces_the_earlier_import(cli, workspace_dir):
    assert cli("import-note", str(CIVIC)).exit_code == 0
    r = cli("import-note", str(CIVIC))
    assert r.stderr == (
        f"Imported {CIVIC} ({VIDEO}): 8 statement(s) as tags, replacing 8 of its earlier import\n"
    )
    tagfile = Workspace(workspace_dir).load_tagfile(VIDEO)
    assert (len(tagfile.tags), len(tagfile.layouts)) == (8, 1)


def test_json_report_on_stdout(cli):
    r = cli("import-note", str(MEASURING), "--format", "json")
    assert json.loads(r.stdout) == [
        {
            "file": str(MEASURING),
            "video_id": VIDEO,
            "title": "Measuring what libraries do",
            "topic": "measuring-what-libraries-do",
            "tags": 5,
            "replaced": 0,
            "created_themes": ["measuring-what-libraries-do"],
            "metadata_saved": True,
            "themes_read": [
                {"name": "Counting more than loans", "theme": None, "how": "none"},
                {"name": "A deep heading with a pilot", "theme": None, "how": "none"},
                {
                    "name": "Experimentation and learning in government",
                    "theme": "experimentation",
                    "how": "exact",
                },
            ],
            "not_imported": [
                {
                    "line": 21,
                    "words": "A statement with an unreadable time stays as wr…",
                    "reasons": ["time 12:34: is not a valid time"],
                }
            ],
        }
    ]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("absent.md", None, "no Markdown note {path}; check the path"),
        ("folder", "dir", "{path} holds no .md note; give note files or folders of them"),
        (
            "binary.md",
            b"---\x00\x01\x02",
            "{path} is a binary file, not a Markdown note; give a text file",
        ),
        (
            "latin1.md",
            "---\ntitle: Caf\xe9\nvideoId: Zq3xA9bC1dE\n---\n".encode("latin-1"),
            "{path} is not UTF-8 text (byte 14); save it as UTF-8",
        ),
        (
            "noid.md",
            b'---\ntitle: No id\n---\n\nText <a class="yt-timestamp" data-t="00:00:01">[00:00:01]</a>.',
            "{path}: has no videoId in its front matter; add 'videoId: <11-character YouTube id>'",
        ),
        (
            "nofront.md",
            b"Just text.\n",
            "{path}: has no front matter; start it with '---', 'title: ...', "
            "'videoId: <11-character YouTube id>', '---'",
        ),
        (
            "path.md",
            b"---\ntitle: Sneaky\nvideoId: ../../x\n---\n",
            "{path}: videoId '../../x' is not an 11-character YouTube video id (A-Z, a-z, 0-9, - and _); "
            "put the id itself, not a URL or path",
        ),
        (
            "url.md",
            b"---\ntitle: A URL\nvideoId: https://youtu.be/Zq3xA9bC1dE\n---\n",
            "{path}: videoId 'https://youtu.be/Zq3xA9bC1dE' is not an 11-character YouTube video id "
            "(A-Z, a-z, 0-9, - and _); put the id itself, not a URL or path",
        ),
    ],
)
def test_bad_notes_give_one_line_and_change_nothing(
    cli, workspace_dir, tmp_path, name, data, problem
):
    assert cli("import-note", str(MEASURING)).exit_code == 0
    before = snapshot(workspace_dir)
    path = tmp_path / name
    if data == "dir":
        path.mkdir()
    elif data is not None:
        path.write_bytes(data)
    r = cli("import-note", str(CIVIC), str(path))
    assert r.exit_code == 1
    # one bad note of several: the way out names the other notes
    rest = (
        "" if data == "dir" else "; nothing was imported (--skip-invalid imports the other notes)"
    )
    assert r.stderr == f"Error: {problem.format(path=path)}{rest}\n"
    assert r.stdout == ""
    assert snapshot(workspace_dir) == before


def test_a_broken_workspace_config_stops_the_import(cli, workspace_dir):
    config = workspace_dir / "aftershock.yaml"
    config.write_text("themes: [unclosed\n", encoding="utf-8")
    before = snapshot(workspace_dir)
    r = cli("import-note", str(CIVIC))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {config}:")
    assert "invalid YAML" in r.stderr and r.stderr.count("\n") == 1
    assert snapshot(workspace_dir) == before


def test_help_has_an_example(cli):
    assert "Example: aftershock import-note" in cli("import-note", "--help").stdout


def test_seed_imports_with_its_topic_and_fourteen_statements(cli, workspace_dir):
    seed = shared(SEED)
    r = cli("import-note", str(seed))
    assert f"Imported {seed} (t8dJdL0Wyw8): 14 statement(s) as tags\n" in r.stderr
    # two statements cite moments over 20 minutes from the rest of what they cite: a
    # notice about the tag ranges, not a warning about the note
    assert "Warning" not in r.stderr
    assert r.stderr.endswith(
        f"{seed}: left 2 anchor time(s) far from the rest of their statement out "
        f"of the tag ranges (00:00:40, 01:03:41); see them with 'aftershock check {seed}'\n"
    )
    tags = Workspace(workspace_dir).load_tags("t8dJdL0Wyw8")
    intl = [
        t for t in tags if t.section == "Key Insights on Collaboration / International Cooperation"
    ]
    assert [t.themes for t in intl] == [
        (
            "collaboration-and-public-sector-partnerships",
            "international",
            "public-sector-innovation",
        )
    ]
