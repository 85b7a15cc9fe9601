"""import-note: anchors that cannot be right do not stretch a tag's range."""

from __future__ import annotations

from pathlib import Path

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.ingest.note_times import AnchorTimes
from aftershock_cli.workspace.folder import Workspace

VIDEO = "Zq3xA9bC1dE"


def a(time: str) -> str:
    return f'<a class="yt-timestamp" data-t="{time}">[{time}]</a>'


def note(*statements: str) -> str:
    head = f"---\ntitle: Odd times\nvideoId: {VIDEO}\n---\n\nFrom: [[civic]] <br/> \n\n## Part\n\n"
    return head + "\n\n".join(statements) + "\n"


def write(folder: Path, text: str) -> Path:
    path = folder / "odd times.md"
    path.write_text(text, encoding="utf-8")
    return path


def ranges(workspace_dir: Path) -> list[tuple[int, int]]:
    return [
        (t.start_ms // 1000, t.end_ms // 1000) for t in Workspace(workspace_dir).load_tags(VIDEO)
    ]


def test_minutes_moved_left_are_read_as_meant_and_the_note_stays_byte_for_byte(
    cli, workspace_dir, tmp_path
):
    text = note(
        f"Opening {a('00:01:05')}, then {a('00:02:10')}.",
        f"Costs {a('00:03:20')} and staff {a('00:20:00')}.",
        f"A study {a('04:15:00')} and its limits {a('05:20:00')}.",
        f"Closing {a('06:00:00')}.",
    )
    path = write(tmp_path, text)
    r = cli("import-note", str(path))
    assert r.exit_code == 0
    assert r.stderr.splitlines()[-1] == (
        f"Warning: {path}: read 3 anchor time(s) as minutes and seconds moved left "
        f"(e.g. 04:15:00 as 00:04:15); see them with 'aftershock check \"{path}\"'"
    )
    assert ranges(workspace_dir) == [(65, 130), (200, 1200), (255, 320), (360, 360)]
    assert cli("export", VIDEO, "--format", "md").stdout == text


def test_times_past_the_known_end_are_read_as_meant_or_left_out(cli, workspace_dir, tmp_path):
    segments = tuple(Segment(i * 60000, 60000, f"minute {i}") for i in range(10))
    Workspace(workspace_dir).save_transcript(Transcript(VIDEO, "Talk", segments=segments))
    text = note(
        f"Early {a('00:01:30')} and late {a('08:14:00')}.",
        f"Opening {a('00:00:10')} and much later {a('37:07:00')}.",
        f"Only an impossible time {a('23:45:10')}.",
    )
    path = write(tmp_path, text)
    r = cli("import-note", str(path))
    assert r.exit_code == 0
    see = f"see them with 'aftershock check \"{path}\"'"
    assert r.stderr.splitlines()[-2:] == [
        f"Warning: {path}: read 1 anchor time(s) as minutes and seconds moved left "
        "(e.g. 08:14:00 as 00:08:14); left 1 impossible anchor time(s) out of the tag "
        f"ranges (37:07:00); {see}",
        f'Warning: {path}: 1 statement not imported: "Only an impossible time." (line 14): '
        f"time 23:45:10 is past the end of the video (00:10:00); {see}",
    ]
    # the statement with no possible time is kept as text, not as a tag
    assert ranges(workspace_dir) == [(90, 540), (10, 60)]
    assert cli("export", VIDEO, "--format", "md").stdout == text


def test_without_a_length_times_past_twelve_hours_are_impossible(cli, workspace_dir, tmp_path):
    text = note(
        f"One {a('00:00:40')}, two {a('00:10:00')}.",
        f"Three {a('00:12:30')} and {a('59:13:00')}.",
        f"Four {a('40:56:49')} and {a('00:14:00')}.",
    )
    path = write(tmp_path, text)
    r = cli("import-note", str(path))
    assert r.stderr.splitlines()[-2:] == [
        f"Warning: {path}: read 1 anchor time(s) as minutes and seconds moved left "
        "(e.g. 59:13:00 as 00:59:13); left 1 impossible anchor time(s) out of the tag "
        f"ranges (40:56:49); see them with 'aftershock check \"{path}\"'",
        f"{path}: left 1 anchor time(s) far from the rest of their statement out "
        f"of the tag ranges (00:59:13); see them with 'aftershock check \"{path}\"'",
    ]
    # 00:12:30 and 00:59:13 are too far apart for one tag: it keeps the first
    assert ranges(workspace_dir) == [(40, 600), (750, 750), (840, 840)]
    assert cli("export", VIDEO, "--format", "md").stdout == text


def test_a_note_with_plausible_times_gets_no_warning(cli, workspace_dir, tmp_path):
    text = note(f"One {a('00:00:40')}.", f"Two {a('01:10:00')}.", f"Three {a('01:20:05')}.")
    path = write(tmp_path, text)
    r = cli("import-note", str(path))
    assert "Warning" not in r.stderr
    assert ranges(workspace_dir) == [(40, 40), (4200, 4200), (4805, 4805)]


def test_an_anchor_names_the_segment_starting_within_its_second(cli, workspace_dir, tmp_path):
    segments = (
        Segment(555000, 3500, "and the council kept its own budget"),
        Segment(558173, 2921, "People told us that silos broke down"),
        Segment(561094, 3000, "once the teams sat together"),
    )
    Workspace(workspace_dir).save_transcript(Transcript(VIDEO, "Talk", segments=segments))
    text = note(f"Silos broke down {a('00:09:18')}.")
    path = write(tmp_path, text)
    assert cli("import-note", str(path)).exit_code == 0
    tags = Workspace(workspace_dir).load_tags(VIDEO)
    assert [(t.start_ms, t.end_ms) for t in tags] == [(558173, 561094)]
    r = cli("export", VIDEO, "--format", "md", "--quotes")
    assert r.stdout == text + "> People told us that silos broke down\n"


def test_an_anchor_with_no_segment_starting_in_its_second_keeps_that_second(
    cli, workspace_dir, tmp_path
):
    segments = (Segment(9500, 4000, "first words"), Segment(13500, 2000, "second words"))
    Workspace(workspace_dir).save_transcript(Transcript(VIDEO, "Talk", segments=segments))
    path = write(tmp_path, note(f"Early {a('00:00:11')}, later {a('00:00:14')}."))
    assert cli("import-note", str(path)).exit_code == 0
    tags = Workspace(workspace_dir).load_tags(VIDEO)
    assert [(t.start_ms, t.end_ms) for t in tags] == [(11000, 15500)]


def test_one_statement_is_read_one_way_and_check_shows_what_import_did(
    cli, workspace_dir, tmp_path
):
    text = note(
        f"Onset {a('06:47:03')}.",
        f"Staining {a('09:10:48')}.",
        f"Nests {a('11:00:27')}.",
        f"Grooves {a('10:24:00')}, {a('11:29:00')}, {a('11:39:00')}.",
    )
    path = write(tmp_path, text)
    r = cli("import-note", str(path))
    assert r.stderr.splitlines()[-1] == (
        f"Warning: {path}: read 3 anchor time(s) as minutes and seconds moved left "
        f"(e.g. 10:24:00 as 00:10:24); see them with 'aftershock check \"{path}\"'"
    )
    # 10:24:00 is earlier than 11:00:27 yet cited with 11:29:00: read as 00:10:24 too
    assert ranges(workspace_dir)[-1] == (624, 699)
    r = cli("check", str(path))
    assert r.stdout.splitlines()[1:5] == [
        "  16:9    warning  shifted-time: 10:24:00 reads as minutes and seconds moved left "
        "(like the other :00 times of its statement) -> 00:10:24",
        "  16:67   warning  shifted-time: 11:29:00 reads as minutes and seconds moved left "
        "(later than every time of this note with seconds, the latest 11:00:27) -> 00:11:29",
        "  16:125  warning  shifted-time: 11:39:00 reads as minutes and seconds moved left "
        "(later than every time of this note with seconds, the latest 11:00:27) -> 00:11:39",
        "  0 errors, 3 warnings, 0 info",
    ]


def test_a_statement_citing_moments_far_apart_keeps_the_stretch_holding_most(
    cli, workspace_dir, tmp_path
):
    text = note(f"Recap {a('00:03:57')}, then {a('00:54:00')} and {a('00:54:03')}.")
    path = write(tmp_path, text)
    r = cli("import-note", str(path))
    assert r.stderr.splitlines()[-1] == (
        f"{path}: left 1 anchor time(s) far from the rest of their statement out "
        f"of the tag ranges (00:03:57); see them with 'aftershock check \"{path}\"'"
    )
    assert ranges(workspace_dir) == [(3240, 3243)]
    assert cli("export", VIDEO, "--format", "md").stdout == text
    r = cli("check", str(path))
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1:3] == [
        "  10:7  info     apart-time: 00:03:57 lies outside the 20-minute stretch holding "
        "most of its statement's times (00:54:00 to 00:54:03); one tag cannot span them all, "
        "so import leaves it out of the tag's range",
        "  0 errors, 0 warnings, 1 info",
    ]


def test_the_summary_names_the_first_three_times_left_out():
    times = AnchorTimes(dropped=[50000, 50001, 50002, 50003], apart=[61, 62])
    assert times.summary() == (
        "left 4 impossible anchor time(s) out of the tag ranges "
        "(13:53:20, 13:53:21, 13:53:22, ...); left 2 anchor time(s) far from the rest of "
        "their statement out of the tag ranges (00:01:01, 00:01:02)"
    )
