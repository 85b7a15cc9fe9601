"""The export formats json, csv, srt, vtt, chapters and txt: goldens and parsing back.

The fixed workspace in tests/fixtures/export/workspace holds three videos:
t8dJdL0Wyw8 (a transcript and five tags, two overlapping, one of a single
moment, one of a theme no longer in the codebook), abc_def-123 (tags of
single moments only, no transcript, past an hour) and noTags00000 (a
transcript without tags). Goldens live in tests/fixtures/export/golden;
run with AFTERSHOCK_UPDATE_GOLDENS=1 to rewrite them after a deliberate change.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import srt
import webvtt

from aftershock_cli.core.model import Codebook, Segment, Tag, Theme, Transcript
from aftershock_cli.export import ExportOptions, VideoData, load_video
from aftershock_cli.export.batch import render_video
from aftershock_cli.export.chapters import ChapterLine, adjust
from aftershock_cli.export.jsonfmt import JSON_SCHEMA
from aftershock_cli.workspace.folder import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "export"
GOLDEN = FIXTURES / "golden"
VIDEOS = ("t8dJdL0Wyw8", "abc_def-123")
SUFFIX = {
    "json": "json",
    "csv": "csv",
    "srt": "srt",
    "vtt": "vtt",
    "chapters": "chapters.txt",
    "txt": "txt",
}


@pytest.fixture
def ws(workspace_dir: Path) -> Workspace:
    shutil.copytree(FIXTURES / "workspace", workspace_dir, dirs_exist_ok=True)
    return Workspace(workspace_dir)


def render(ws: Workspace, video_id: str, fmt: str, options: ExportOptions | None = None) -> str:
    files = render_video(load_video(ws, video_id, options or ExportOptions()), fmt, ExportOptions())
    assert [f.name for f in files] == [f"{video_id}.{SUFFIX[fmt]}"]
    return files[0].text


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("video_id", VIDEOS)
def test_golden(ws: Workspace, video_id: str, fmt: str) -> None:
    text = render(ws, video_id, fmt)
    golden = GOLDEN / f"{video_id}.{SUFFIX[fmt]}"
    if os.environ.get("AFTERSHOCK_UPDATE_GOLDENS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert text == golden.read_bytes().decode("utf-8")


# -- json ---------------------------------------------------------------


def schema_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The places where ``value`` breaks ``schema`` (the keywords JSON_SCHEMA uses)."""
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "null": type(None),
        "integer": int,
    }
    errors: list[str] = []
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, kinds[n]) and not (n == "integer" and isinstance(value, bool))
            for n in names
        )
        if not ok:
            return [*errors, f"{where}: {value!r} is not {names}"]
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{where}: unexpected {k}" for k in value if k not in props]
        for key, sub in props.items():
            if key in value:
                errors += schema_errors(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{where}[{index}]")
    return errors


@pytest.mark.parametrize("video_id", VIDEOS)
def test_json_follows_its_schema(ws: Workspace, video_id: str) -> None:
    data = json.loads(render(ws, video_id, "json"))
    assert schema_errors(data, JSON_SCHEMA) == []
    assert data["schema"] == "aftershock.export"
    assert data["version"] == 1


def test_json_schema_check_catches_a_broken_document(ws: Workspace) -> None:
    data = json.loads(render(ws, "t8dJdL0Wyw8", "json"))
    data["tags"][0]["start"] = "0:40"
    del data["video"]["title"]
    data["extra"] = 1
    assert schema_errors(data, JSON_SCHEMA) == [
        "$: unexpected extra",
        "$.video: missing title",
        "$.tags[0].start: '0:40' does not match ^[0-9]{2,}:[0-5][0-9]:[0-5][0-9]$",
    ]


def test_json_lists_used_themes_with_their_parents(ws: Workspace) -> None:
    data = json.loads(render(ws, "t8dJdL0Wyw8", "json"))
    assert [t["slug"] for t in data["themes"]] == [
        "public-sector-innovation",
        "cross-silo",
        "relationships",
        "local-engagement",
        "experimentation",
        "anticipation",
        "retired-theme",
    ]
    tag = data["tags"][1]
    assert tag["text"] == (
        "and silos broke down within and across governments. Relationships between central "
        "and local government grew <stronger> & faster. Local institutions, universities "
        "and think tanks joined in."
    )
    assert tag["url"] == "https://www.youtube.com/watch?v=t8dJdL0Wyw8&t=60s"


# -- csv ----------------------------------------------------------------


def test_csv_reads_back_one_row_per_tag(ws: Workspace) -> None:
    text = render(ws, "t8dJdL0Wyw8", "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["tag_id"] for r in rows] == [
        "aaaa1111",
        "bbbb2222",
        "cccc3333",
        "dddd4444",
        "eeee5555",
    ]
    second = rows[1]
    assert second == {
        "video_id": "t8dJdL0Wyw8",
        "title": "Government Aftershock: collaboration | lessons",
        "channel": "OECD OPSI",
        "tag_id": "bbbb2222",
        "start_seconds": "60",
        "end_seconds": "120",
        "start": "00:01:00",
        "end": "00:02:00",
        "themes": "relationships; local-engagement",
        "theme_labels": "Relationships and feedback loops; Local engagement and institutional diversity",
        "note": 'Central-local ties grew "stronger" & <faster>; see [[a | b]] and </a>.',
        "text": "and silos broke down within and across governments. Relationships between "
        "central and local government grew <stronger> & faster. Local institutions, "
        "universities and think tanks joined in.",
        "speakers": "",
        "coder": "ben",
        "url": "https://www.youtube.com/watch?v=t8dJdL0Wyw8&t=60s",
    }
    assert rows[3]["note"] == "Foresight\nas preparation."


def test_csv_seconds_keep_fractions(workspace_dir: Path) -> None:
    from aftershock_cli.export.csvfmt import seconds

    assert [seconds(ms) for ms in (0, 554_000, 554_500, 554_050, 1)] == [
        "0",
        "554",
        "554.5",
        "554.05",
        "0.001",
    ]


# -- srt and vtt --------------------------------------------------------


def test_srt_parses_back_without_overlaps(ws: Workspace) -> None:
    subs = list(srt.parse(render(ws, "t8dJdL0Wyw8", "srt")))
    spans = [(s.start.total_seconds(), s.end.total_seconds()) for s in subs]
    assert spans == [(40, 60), (60, 80), (80, 120), (120, 160), (165, 168), (180, 200)]
    assert subs[1].content == (
        "Relationships and feedback loops, Local engagement and institutional diversity\n"
        'Central-local ties grew "stronger" & <faster>; see b and </a>.\n'
        "+ Cross-sectoral and cross-silo work"
    )
    assert subs[4].content == "Anticipation and futures\nForesight as preparation."


def test_vtt_parses_back_with_escaped_text(ws: Workspace) -> None:
    track = webvtt.from_buffer(io.StringIO(render(ws, "t8dJdL0Wyw8", "vtt")))
    assert [(c.start, c.end) for c in track][:3] == [
        ("00:00:40.000", "00:01:00.000"),
        ("00:01:00.000", "00:01:20.000"),
        ("00:01:20.000", "00:02:00.000"),
    ]
    assert track.captions[2].raw_text == (
        "Relationships and feedback loops, Local engagement and institutional diversity\n"
        'Central-local ties grew "stronger" &amp; &lt;faster&gt;; see b and &lt;/a&gt;.'
    )
    assert len(track.captions) == 6


def test_cues_of_nested_and_touching_tags(workspace_dir: Path) -> None:
    from aftershock_cli.export.subtitles import Cue, cues

    book = Codebook((Theme("a", "Alpha"), Theme("b", "Beta")))
    tags = (
        Tag("t1", "abcdefghijk", 0, 30_000, ("a",)),
        Tag("t2", "abcdefghijk", 10_000, 20_000, ("b",), note="inner"),
        Tag("t3", "abcdefghijk", 30_000, 40_000, ("b",)),
    )
    video = VideoData(Transcript("abcdefghijk"), tags, book)
    assert cues(video) == [
        Cue(0, 10_000, ("Alpha",)),
        Cue(10_000, 20_000, ("Beta", "inner", "+ Alpha")),
        Cue(20_000, 30_000, ("Alpha",)),
        Cue(30_000, 40_000, ("Beta",)),
    ]


def test_tags_starting_together_show_every_note(cli, workspace_dir: Path) -> None:
    ws = Workspace(workspace_dir)
    ws.save_transcript(Transcript("abcdefghijk", segments=(Segment(60_000, 20_000, "Words."),)))
    with ws.editing_tags("abcdefghijk") as tf:
        tf.tags += [
            Tag("a1", "abcdefghijk", 60_000, 80_000, ("cross-silo",), note="ana's note"),
            Tag("b1", "abcdefghijk", 60_000, 80_000, ("cross-silo",), coder="bob"),
            Tag("c1", "abcdefghijk", 60_000, 70_000, ("anticipation",), note="short"),
        ]
    r = cli("export", "abcdefghijk", "--format", "srt")
    assert r.stdout == (
        "1\n00:01:00,000 --> 00:01:10,000\n"
        "Cross-sectoral and cross-silo work\nana's note\n+ Anticipation and futures\nshort\n\n"
        "2\n00:01:10,000 --> 00:01:20,000\nCross-sectoral and cross-silo work\nana's note\n\n"
    )


def test_captions_show_notes_as_plain_text(workspace_dir: Path) -> None:
    from aftershock_cli.export.subtitles import cues

    note = (
        "**Silos** fell [[cross_silo | across government]] "
        '<a class="yt-timestamp" data-t="00:09:14">[00:09:14]</a>, see [[Trust]] ([00:01:12](#)).'
    )
    tags = (Tag("t1", "abcdefghijk", 0, 5_000, ("a",), note=note),)
    video = VideoData(Transcript("abcdefghijk"), tags, Codebook((Theme("a", "Alpha"),)))
    assert cues(video)[0].lines == ("Alpha", "Silos fell across government, see Trust.")


# -- chapters -----------------------------------------------------------


def test_chapters_follow_youtubes_rules(ws: Workspace) -> None:
    lines = render(ws, "t8dJdL0Wyw8", "chapters").splitlines()
    times = [int(m) * 60 + int(s) for m, s in (line.split()[0].split(":") for line in lines)]
    assert times[0] == 0
    assert len(times) >= 3
    assert all(b - a >= 10 for a, b in itertools.pairwise(times))


def test_chapter_adjustments_are_reported(workspace_dir: Path) -> None:
    chapters, messages = adjust(
        [
            ChapterLine(4_000, "Opening"),
            ChapterLine(60_000, "Silos"),
            ChapterLine(65_000, "Trust"),
            ChapterLine(120_000, "Silos"),
            ChapterLine(125_000, "Learning"),
            ChapterLine(300_000, "Futures"),
        ],
        end_ms=305_000,
    )
    assert chapters == [
        ChapterLine(0, "Opening"),
        ChapterLine(60_000, "Silos"),
        ChapterLine(125_000, "Learning"),
    ]
    assert messages == [
        "moved 'Opening' at 00:04 to 00:00: YouTube's first chapter starts at 0",
        "dropped 'Trust' at 01:05: less than 10 s after 'Silos' at 01:00",
        "merged 'Silos' at 02:00 into the chapter before, of the same name",
        "dropped 'Futures' at 05:00: less than 10 s before the end of the video",
    ]


def test_chapters_are_titled_by_the_section_of_imported_notes(workspace_dir: Path) -> None:
    from aftershock_cli.export.chapters import from_tags

    book = Codebook((Theme("a", "Alpha"),))
    section = (
        'Intro / [[core | Core Beliefs]] <a class="yt-timestamp" data-t="00:03:02">[00:03:02]</a>'
    )
    tags = (
        Tag("t1", "abcdefghijk", 0, 5_000, ("a",), section="Intro"),
        Tag("t2", "abcdefghijk", 60_000, 65_000, ("a",), section=section),
        Tag("t3", "abcdefghijk", 70_000, 75_000, ("a",), section=section),
        Tag("t4", "abcdefghijk", 90_500, 95_000, ("a",)),
    )
    video = VideoData(Transcript("abcdefghijk"), tags, book)
    assert from_tags(video) == [
        ChapterLine(0, "Intro"),
        ChapterLine(60_000, "Core Beliefs"),
        ChapterLine(90_000, "Alpha"),
    ]


def test_too_few_chapters_are_reported(workspace_dir: Path) -> None:
    chapters, messages = adjust([ChapterLine(0, "Only")], end_ms=0)
    assert chapters == [ChapterLine(0, "Only")]
    assert messages == [
        "only 1 chapter(s); YouTube shows chapters only from 3 on, so tag more moments "
        "to use this list"
    ]
