"""``aftershock show``: a transcript with timestamps, filtered, as text, JSON, SRT, WebVTT, with tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.core.model import Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

ROLLING = Path(__file__).parent / "fixtures" / "captions" / "Rainy Day Talk [rAinyDay001].en.vtt"
VID = "rAinyDay001"


@pytest.fixture
def imported(cli) -> None:
    assert cli("fetch", "--file", str(ROLLING)).exit_code == 0


def add_tag(root: Path, tag_id: str, start_ms: int, end_ms: int, video_id: str = VID) -> None:
    with Workspace(root).editing_tags(video_id) as tf:
        tf.tags.append(Tag(tag_id, video_id, start_ms, end_ms, ("cross-silo",), note="Silos."))


def test_show_a_range(cli, imported):
    r = cli("show", f"https://youtu.be/{VID}", "--from", "0:20", "--to", "27")
    assert r.exit_code == 0
    assert r.stdout == (
        "[00:00:17] of that route and none of them talked\n"
        "[00:00:21] so when the timetable changed nobody\n"
        "[00:00:24] told the schools until parents called\n"
    )


@pytest.mark.parametrize("spelling", ["1:10", "70", "1m10s", "0:01:10"])
def test_time_spellings(cli, imported, spelling: str):
    r = cli("show", VID, "--from", spelling)
    assert r.stdout.splitlines()[0] == "[00:01:09] people were far braver once failing"


def test_grep_as_srt_and_vtt(cli, imported):
    r = cli("show", VID, "--grep", "BUS route", "--format", "srt")
    assert r.stdout == "1\n00:00:10,550 --> 00:00:13,860\nabout a bus route in our city\n\n"
    r = cli("show", VID, "--to", "0:05", "--format", "vtt")
    assert r.stdout == (
        "WEBVTT\n\n00:00:00.080 --> 00:00:03.260\ngood morning everyone and thanks for\n\n"
        "00:00:03.270 --> 00:00:06.750\ncoming out on such a rainy day\n"
    )


def test_json_with_tags(cli, imported, workspace_dir: Path):
    add_tag(workspace_dir, "tagbus01", 10_000, 14_000)
    r = cli("show", VID, "--to", "0:12", "--format", "json", "--tags")
    data = json.loads(r.stdout)
    assert data["video_id"] == VID
    assert [(s["time"], s["tags"]) for s in data["segments"]] == [
        ("00:00:00", []),
        ("00:00:03", []),
        ("00:00:06", ["tagbus01"]),
        ("00:00:10", ["tagbus01"]),
    ]


def test_tags_in_the_margin(cli, imported, workspace_dir: Path):
    add_tag(workspace_dir, "tagbus01", 10_550, 13_000)
    r = cli("show", VID, "--from", "0:07", "--to", "0:14", "--tags")
    assert r.stdout == (
        "          [00:00:06] i want to start with a small story\n"
        "tagbus01  [00:00:10] about a bus route in our city\n"
        "          [00:00:13] three departments each owned a piece\n"
    )


def test_a_tag_ending_where_a_segment_starts_does_not_cover_it(cli, imported, workspace_dir):
    add_tag(workspace_dir, "tagfirst", 6_750, 10_550)
    add_tag(workspace_dir, "tagnext1", 10_550, 13_860)
    r = cli("show", VID, "--from", "0:07", "--to", "0:14", "--tags")
    assert r.stdout == (
        "tagfirst  [00:00:06] i want to start with a small story\n"
        "tagnext1  [00:00:10] about a bus route in our city\n"
        "          [00:00:13] three departments each owned a piece\n"
    )


def test_metadata_only_video_shows_its_tags(cli, workspace_dir: Path):
    Workspace(workspace_dir).save_transcript(Transcript("nOteOnly001", title="From a note"))
    add_tag(workspace_dir, "tagnote1", 554_000, 576_000, "nOteOnly001")
    r = cli("show", "nOteOnly001", "--tags")
    assert r.exit_code == 0
    assert r.stdout == "tagnote1  [00:09:14-00:09:36] cross-silo: Silos.\n"


def test_errors(cli, imported):
    r = cli("show", "nOtStored01")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: no transcript of nOtStored01 in {Path.cwd()}; "
        "fetch it with 'aftershock fetch nOtStored01'\n",
    )
    r = cli("show", VID, "--from", "soon")
    assert r.stderr == "Error: 'soon' is not a time; use 1:02:03, 62:03, 3723 or 1h2m3s\n"
    r = cli("show", VID, "--from", "2:00", "--to", "1:00")
    assert r.stderr == "Error: --to 1:00 is before --from 2:00; swap them\n"
    r = cli("show", VID, "--grep", "zebra")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == "Warning: no segment matches; widen --from/--to or change --grep\n"


def test_from_past_the_end_says_the_length(cli, imported):
    r = cli("show", VID, "--from", "2h")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == "Warning: --from 2h lies past the end: the video is 1:23 long\n"


def test_vtt_escapes_text_so_that_it_reads_back_whole(cli, workspace_dir: Path):
    import webvtt

    from aftershock_cli.core.model import Segment
    from aftershock_cli.sources.captions import read_caption_file

    texts = ("use the <video> element & friends", "if a <b and c> d --> e")
    segments = (Segment(0, 2000, texts[0]), Segment(2000, 2000, texts[1]))
    Workspace(workspace_dir).save_transcript(Transcript("eScapeVtt01", segments=segments))
    r = cli("show", "eScapeVtt01", "--format", "vtt")
    assert r.stdout == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nuse the &lt;video&gt; element &amp; friends\n\n"
        "00:00:02.000 --> 00:00:04.000\nif a &lt;b and c&gt; d --&gt; e\n"
    )
    path = workspace_dir / "back.vtt"
    path.write_text(r.stdout, encoding="utf-8")
    assert [c.text for c in webvtt.read(str(path))] == [
        "use the &lt;video&gt; element &amp; friends",
        "if a &lt;b and c&gt; d --&gt; e",
    ]
    assert [s.text for s in read_caption_file(path, "eScapeVtt01").segments] == list(texts)
