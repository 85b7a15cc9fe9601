"""``aftershock demo``: the whole flow offline on the bundled example."""

from __future__ import annotations

from pathlib import Path

from aftershock_cli import parse_note

GOLDEN = Path(__file__).parent / "fixtures" / "demo" / "t8dJdL0Wyw8.md"


def test_demo_runs_the_flow_and_prints_the_note(cli, tmp_path: Path):
    target = tmp_path / "demo"
    result = cli("demo", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    assert lines[0] == f"$ aftershock init {target}"
    assert lines[2].startswith(f"$ aftershock -w {target} fetch --file ")
    assert f"$ aftershock -w {target} export t8dJdL0Wyw8 --format md --coder analyst" in lines
    tags = [line for line in lines if line.startswith(f"$ aftershock -w {target} tag ")]
    assert len(tags) == 67
    assert sum(" t8dJdL0Wyw8 " in line and line.endswith("--coder analyst") for line in tags) == 18
    assert sum(line.endswith("--coder reviewer") for line in tags) == 31
    assert sorted(p.name for p in (target / "transcripts").iterdir()) == [
        "aftershock1.json",
        "aftershock2.json",
        "aftershock3.json",
        "t8dJdL0Wyw8.json",
    ]
    assert "aftershock-talks: nothing new (4 listed, all in the workspace)" in lines
    assert f"$ aftershock -w {target} agree" in lines
    assert "4 video(s), coders analyst, reviewer, unit: segment" in lines
    assert f"$ aftershock -w {target} report --across --series aftershock-talks" in lines
    assert "# Synthesis" in lines


def test_demo_note_reads_like_the_source_format():
    note = parse_note(GOLDEN.read_text(encoding="utf-8"))
    assert note.title == "Government Aftershock closing session"
    assert note.video_id == "t8dJdL0Wyw8"
    assert note.channel == "oecdobservatoryofpublicsec3116"
    assert len(note.anchors) == 23  # 18 tags; five have a second theme, so appear twice
    assert all(a.well_formed for a in note.anchors)
    assert [h.text for h in note.headings][:2] == [
        "Public sector innovation and collaboration",
        "Cross-sectoral and cross-silo work",
    ]


def test_demo_refuses_a_folder_that_is_not_empty(cli, tmp_path: Path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    result = cli("demo", str(tmp_path / "busy"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'busy'} is not an empty folder; "
        "give a new or empty folder for the demo workspace\n"
    )
    assert (tmp_path / "busy" / "keep.txt").read_text() == "mine"
