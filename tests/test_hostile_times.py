"""Times out of range and fields of the wrong type, from a command line, a caption file or
a workspace file: one line naming where, nothing stored, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.core import limits
from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.core.model import Tag
from aftershock_cli.core.timecode import parse_time
from aftershock_cli.tagging.plan import parse_range
from aftershock_cli.workspace.folder import Workspace
from hostile import assert_refused, snapshot
from tagging_data import VIDEO, store

LATE = "later than 168:00:00 (seven days, the longest talk aftershock reads)"
FILE_TAIL = "; nothing was imported: fix the file or download it again"
KEPT = "; fix the file by hand (it was left unchanged) and try again"


def test_the_bound_is_seven_days_to_the_millisecond():
    assert limits.MAX_TIME_MS == 604_800_000
    assert parse_time("168:00:00") == limits.MAX_TIME_MS
    with pytest.raises(InvalidInputError, match=r"^'168:00:00.001' is later than 168:00:00 "):
        parse_time("168:00:00.001")


def test_a_time_too_big_for_a_float_is_refused_not_a_traceback():
    with pytest.raises(InvalidInputError) as caught:
        parse_time("9" * 400 + "h")
    assert str(caught.value) == f"'{'9' * 37}...' is {LATE}; give a time within the video"


def test_a_duration_that_ends_past_the_bound_is_refused():
    with pytest.raises(InvalidInputError) as caught:
        parse_range("167:00:00+2h")
    assert str(caught.value) == f"'167:00:00+2h' ends {LATE}; give a range within the video"


def test_a_tag_out_of_range_cannot_be_made():
    with pytest.raises(InvalidInputError, match=r"^tag x: start is negative \(-1 ms\)$"):
        Tag("x", VIDEO, -1, 10, ("a",))
    with pytest.raises(InvalidInputError, match=r"^tag x: end is more than 10\^20 ms, later"):
        Tag("x", VIDEO, 0, 10**20, ("a",))


@pytest.mark.parametrize("with_transcript", [True, False])
def test_a_huge_range_typed_on_the_command_line_is_refused(cli, workspace_dir, with_transcript):
    if with_transcript:
        store()
    before = snapshot(workspace_dir)
    big = "1666666666666666666:39"
    bare = () if with_transcript else ("--no-transcript",)
    r = cli("tag", VIDEO, f"{big}-1666666666666666666:40", "cross-silo", *bare)
    assert r.stderr == f"Error: '{big}' is {LATE}; give a time within the video\n"
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


@pytest.mark.parametrize(
    "args",
    [
        ("show", VIDEO, "--from", "200:00:00"),
        ("show", VIDEO, "--to", "200:00:00"),
        ("export", VIDEO, "--from", "200:00:00"),
        ("export", VIDEO, "--to", "200:00:00"),
    ],
)
def test_time_options_have_the_same_bound(cli, workspace_dir, args):
    store()
    before = snapshot(workspace_dir)
    r = cli(*args)
    assert r.stderr == f"Error: '200:00:00' is {LATE}; give a time within the video\n"
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


CAPTIONS = {
    "huge.json3": (
        {"events": [{"tStartMs": 1e20, "dDurationMs": 5, "segs": [{"utf8": "hi"}]}]},
        f"event 1: tStartMs is 1e+20 ms, {LATE}",
    ),
    "infinite.json3": (
        '{"events": [{"tStartMs": Infinity, "segs": [{"utf8": "hi"}]}]}',
        "event 1: tStartMs is Infinity, not a number",
    ),
    "negative.json3": (
        {"events": [{"tStartMs": 0, "dDurationMs": -5, "segs": [{"utf8": "hi"}]}]},
        "event 1: dDurationMs is negative (-5 ms)",
    ),
    "nan.json": ('[{"text": "hi", "start": NaN}]', "snippet 1: start is NaN, not a number"),
    "word.json": (
        [{"text": "hi", "start": 0}, {"text": "ho", "start": "x"}],
        "snippet 2: start is 'x', not a time in seconds",
    ),
    "far.json": ([{"text": "hi", "start": 1e300}], f"snippet 1: start is 1e+300 s, {LATE}"),
    "list.json": ([{"text": ["hi"], "start": 0}], "snippet 1: text is a list, not text"),
    "late.vtt": (
        "WEBVTT\n\n99999:00:00.000 --> 99999:00:01.000\nhello\n",
        f"cue 1: its start is 359996400000 ms, {LATE}",
    ),
    "late.srt": (
        "1\n200:00:00,000 --> 200:00:01,000\nhello\n",
        f"cue 1: its start is 720000000 ms, {LATE}",
    ),
    "huge.srt": (
        "1\n99999999999999:00:00,000 --> 99999999999999:00:01,000\nhello\n",
        f"a cue time is {LATE}",
    ),
}


def _write(path: Path, content: object) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


@pytest.mark.parametrize("name", sorted(CAPTIONS))
def test_a_caption_file_with_a_time_out_of_range_is_refused(cli, tmp_path, workspace_dir, name):
    content, problem = CAPTIONS[name]
    path = _write(tmp_path / name, content)
    before = snapshot(workspace_dir)
    r = cli("fetch", "--file", str(path), VIDEO)
    assert r.stderr == f"Error: {path}: {problem}{FILE_TAIL}\n"
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


@pytest.mark.parametrize(
    ("info", "problem"),
    [
        ({"duration": "x"}, "duration is 'x', not a time in seconds"),
        ({"duration": 1e300}, f"duration is 1e+300 s, {LATE}"),
        ({"title": 5}, "title is a number, not text"),
        ({"chapters": [{"start_time": -3, "title": "a"}]}, "chapter 1: start_time is negative"),
        ({"chapters": "intro"}, "chapters is 'intro', not a list"),
        ({"uploader_url": ["x"]}, "uploader_url is a list, not text"),
    ],
)
def test_an_info_json_with_a_wrong_field_is_refused(cli, tmp_path, workspace_dir, info, problem):
    stem = f"Talk [{VIDEO}]"
    (tmp_path / f"{stem}.en.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n")
    path = _write(tmp_path / f"{stem}.info.json", {"id": VIDEO, "title": "Talk", **info})
    before = snapshot(workspace_dir)
    line = assert_refused(cli("fetch", "--file", str(path)), str(path))
    assert line.startswith(f"Error: {path}: yt-dlp metadata: {problem}")
    assert line.endswith(FILE_TAIL)
    assert snapshot(workspace_dir) == before


def test_a_requested_caption_path_that_is_a_number_is_passed_over(cli, tmp_path):
    stem = f"Talk [{VIDEO}]"
    (tmp_path / f"{stem}.en.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n")
    info = {"id": VIDEO, "title": "Talk", "requested_subtitles": {"en": {"filepath": 5}}}
    r = cli("fetch", "--file", str(_write(tmp_path / f"{stem}.info.json", info)))
    assert r.exit_code == 0, r.stderr
    assert r.stderr.startswith(f'Imported {VIDEO}: "Talk"')


def _segments(**first: object) -> dict[str, object]:
    return {"start_ms": 0, "duration_ms": 1000, "text": "hi", **first}


TRANSCRIPTS = {
    "huge start": ({"segments": [_segments(start_ms=10**20)]}, "segment 1: start_ms is more than"),
    "negative": ({"segments": [_segments(duration_ms=-4)]}, "segment 1: duration_ms is negative"),
    "infinite": (
        {"segments": [_segments(start_ms=float("inf"))]},
        "segment 1: start_ms is Infinity, not a number",
    ),
    "far end": (
        {"segments": [_segments(start_ms=limits.MAX_TIME_MS, duration_ms=1)]},
        f"segment 1: its end is 604800001 ms, {LATE}",
    ),
    "word duration": ({"duration_ms": "x"}, "duration_ms is 'x', not a time in milliseconds"),
    "number title": ({"title": 2024}, "title is a number, not text"),
    "number media": ({"media": 7}, "media is a number, not text"),
    "list channel": ({"channel": ["a"]}, "channel is a list, not text"),
    "number speaker": ({"segments": [_segments(speaker=3)]}, "segment 1: speaker is a number"),
    "float start": ({"segments": [_segments(start_ms=1.0e300)]}, "segment 1: start_ms is 1e+300"),
    "segments text": ({"segments": "hi"}, "segments must be a list of records"),
    "chapter": ({"chapters": [{"start_ms": -1, "title": "a"}]}, "chapter 1: start_ms is negative"),
    "position": ({"playlist_index": "x"}, "playlist_index is 'x', not a place in a list"),
}


@pytest.mark.parametrize("case", sorted(TRANSCRIPTS))
def test_a_stored_transcript_with_a_wrong_field_is_refused(cli, workspace_dir, case):
    fields, problem = TRANSCRIPTS[case]
    store()
    path = workspace_dir / "transcripts" / f"{VIDEO}.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, **fields}))
    before = snapshot(workspace_dir)
    for args in (("show", VIDEO), ("export", VIDEO, "--format", "srt")):
        line = assert_refused(cli(*args), str(path))
        assert line.startswith(f"Error: {path}: malformed transcript: {problem}"), line
        assert line.endswith(KEPT)
    assert snapshot(workspace_dir) == before


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (10**20, 10**20 + 1, f"start_ms is more than 10^20 ms, {LATE}"),
        (-5, 10, "start_ms is negative (-5 ms)"),
        (0, "soon", "end_ms is 'soon', not a time in milliseconds"),
        (0, "1.0e+300", f"end_ms is 1e+300 ms, {LATE}"),
    ],
)
def test_a_tag_file_with_a_time_out_of_range_is_refused(cli, workspace_dir, start, end, problem):
    store()
    assert cli("tag", VIDEO, "0:04-0:09", "cross-silo").exit_code == 0
    path = workspace_dir / "tags" / f"{VIDEO}.yaml"
    text = path.read_text().replace("start_ms: 4000", f"start_ms: {start}")
    path.write_text(text.replace("end_ms: 9000", f"end_ms: {end}"))
    before = snapshot(workspace_dir)
    for args in (("tags", VIDEO), ("export", VIDEO, "--format", "vtt")):
        line = assert_refused(cli(*args), str(path))
        assert f"{path}: tag #1 (" in line
        assert line.endswith(f") is malformed: {problem}{KEPT}"), line
    assert snapshot(workspace_dir) == before
    r = cli("report", "--format", "json")  # the search index and the counts go on without it
    assert r.exit_code == 0, r.stderr
    assert f"Warning: left out of the search index: {path}: tag #1 (" in r.stderr
    assert sum(row["tags"] for row in json.loads(r.stdout)["rows"]) == 0


def test_a_note_anchor_past_seven_days_is_left_out_of_the_tags(cli, tmp_path, workspace_dir):
    other = "ZbCdEfGhIj9"  # no transcript: the bound stands for the video's length
    note = tmp_path / "n.md"
    note.write_text(
        f"---\nvideoId: {other}\n---\n# Talk\n\n## Cross-silo\n\nSilos broke down "
        '<a class="yt-timestamp" data-t="99999999:00:00">[99999999:00:00]</a>\n'
    )
    r = cli("import-note", str(note))
    assert r.exit_code == 0, r.stderr
    assert (
        f'Warning: {note}: 1 statement not imported: "Silos broke down" (line 8): '
        f"time 99999999:00:00 cannot be placed in the video; see them with 'aftershock check {note}'"
    ) in r.stderr
    assert Workspace.discover().load_tags(other) == []


def test_no_transcript_with_a_time_out_of_range_is_stored(workspace_dir):
    from aftershock_cli.core.model import Segment, Transcript

    ws = Workspace.discover()
    before = snapshot(workspace_dir)
    bad = Transcript(VIDEO, segments=(Segment(0, 1000, "a"), Segment(10**20, 5, "b")))
    with pytest.raises(InvalidInputError) as caught:
        ws.save_transcript(bad)
    assert str(caught.value) == (
        f"{VIDEO}: segment 2: its start is more than 10^20 ms, {LATE}; nothing was written"
    )
    assert snapshot(workspace_dir) == before
