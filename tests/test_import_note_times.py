"""import-note: anchors that cannot be right do not stretch a tag's range."""

from __future__ import annotations

from pathlib import Path

from aftershock_cli.model import Segment, Transcript
from aftershock_cli.workspace import Workspace

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
        f"(e.g. 04:15:00 as 00:04:15); see them with 'aftershock check {path}'"
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
    assert r.stderr.splitlines()[-1] == (
        f"Warning: {path}: read 1 anchor time(s) as minutes and seconds moved left "
        "(e.g. 08:14:00 as 00:08:14); left 2 impossible anchor time(s) out of the tag "
        f"ranges (37:07:00, 23:45:10); see them with 'aftershock check {path}'"
    )
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
    assert r.stderr.splitlines()[-1] == (
        f"Warning: {path}: read 1 anchor time(s) as minutes and seconds moved left "
        "(e.g. 59:13:00 as 00:59:13); left 1 impossible anchor time(s) out of the tag "
        f"ranges (40:56:49); see them with 'aftershock check {path}'"
    )
    assert ranges(workspace_dir) == [(40, 600), (750, 3553), (840, 840)]
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
