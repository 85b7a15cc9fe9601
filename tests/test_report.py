"""`aftershock report`: counts per theme, video and coder, co-occurrence, plots."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.report.counts import union_ms
from aftershock_cli.workspace.folder import Workspace

PANEL = "t8dJdL0Wyw8"
FUTURES = "dQw4w9WgXcQ"


@pytest.fixture
def ws(cli, workspace_dir: Path) -> Workspace:
    """Two videos (10 and 5 minutes) and four tags, two of them overlapping."""
    ws = Workspace(workspace_dir)
    ws.save_transcript(
        Transcript(
            PANEL, title="Panel one", duration_ms=600_000, segments=(Segment(0, 5000, "Welcome."),)
        )
    )
    ws.save_transcript(
        Transcript(
            FUTURES,
            title="Futures, in practice",
            duration_ms=300_000,
            segments=(Segment(0, 5000, "Hello."),),
        )
    )
    with ws.editing_tags(PANEL) as tf:
        tf.tags += [
            Tag("aaaa0001", PANEL, 0, 60_000, ("cross-silo",), coder="ana"),
            Tag("aaaa0002", PANEL, 30_000, 90_000, ("cross-silo", "relationships"), coder="ben"),
            Tag("aaaa0003", PANEL, 120_000, 150_000, ("experimentation",), coder="ana"),
        ]
    with ws.editing_tags(FUTURES) as tf:
        tf.tags += [Tag("bbbb0001", FUTURES, 0, 30_000, ("relationships",), coder="")]
    return ws


def test_by_theme_csv(cli, ws):
    result = cli("report", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == "Building the search index from 4 files\n"
    # cross-silo: 0-60s and 30-90s overlap, so 90 s = 1.5 min of 900 s in all
    assert result.stdout == (
        "theme,label,tags,videos,minutes,share\n"
        "public-sector-innovation,Public sector innovation and collaboration,0,0,0.0,0.0\n"
        "cross-silo,Cross-sectoral and cross-silo work,2,1,1.5,0.1\n"
        "relationships,Relationships and feedback loops,2,2,1.5,0.1\n"
        "local-engagement,Local engagement and institutional diversity,0,0,0.0,0.0\n"
        "international,International cooperation,0,0,0.0,0.0\n"
        "human-centred,Human-centred design,0,0,0.0,0.0\n"
        "experimentation,Experimentation and learning,1,1,0.5,0.0333\n"
        "anticipation,Anticipation and futures,0,0,0.0,0.0\n"
    )


def test_by_theme_table_and_theme_filter(cli, ws):
    result = cli("report", "--theme", "cross", "--theme", "Experimentation and learning")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "theme            label                               tags  videos  minutes  share",
        "cross-silo       Cross-sectoral and cross-silo work     2       1      1.5  10.0%",
        "experimentation  Experimentation and learning           1       1      0.5   3.3%",
    ]


def test_a_parent_theme_brings_the_themes_under_it(cli, ws):
    lines = cli("report", "--theme", "public-sector", "--format", "csv").stdout.splitlines()
    assert len(lines) == 1 + 8
    assert lines[1].startswith("public-sector-innovation,")


def test_by_video_json(cli, ws):
    result = cli("report", "--by", "video", "--format", "json")
    assert json.loads(result.stdout) == {
        "by": "video",
        "total_minutes": 15.0,
        "rows": [
            {
                "video": FUTURES,
                "title": "Futures, in practice",
                "theme": "relationships",
                "tags": 1,
                "minutes": 0.5,
                "share": 0.1,
            },
            {
                "video": PANEL,
                "title": "Panel one",
                "theme": "cross-silo",
                "tags": 2,
                "minutes": 1.5,
                "share": 0.15,
            },
            {
                "video": PANEL,
                "title": "Panel one",
                "theme": "relationships",
                "tags": 1,
                "minutes": 1.0,
                "share": 0.1,
            },
            {
                "video": PANEL,
                "title": "Panel one",
                "theme": "experimentation",
                "tags": 1,
                "minutes": 0.5,
                "share": 0.05,
            },
        ],
    }


def test_by_video_csv_quotes_titles(cli, ws):
    lines = cli("report", "--by", "video", "--format", "csv").stdout.splitlines()
    assert lines[:2] == [
        "video,title,theme,tags,minutes,share",
        f'{FUTURES},"Futures, in practice",relationships,1,0.5,0.1',
    ]


def test_by_coder(cli, ws):
    result = cli("report", "--by", "coder", "--format", "json")
    assert json.loads(result.stdout)["rows"] == [
        {"coder": "", "tags": 1, "videos": 1, "minutes": 0.5, "themes": {"relationships": 1}},
        {
            "coder": "ana",
            "tags": 2,
            "videos": 1,
            "minutes": 1.5,
            "themes": {"cross-silo": 1, "experimentation": 1},
        },
        {
            "coder": "ben",
            "tags": 1,
            "videos": 1,
            "minutes": 1.0,
            "themes": {"cross-silo": 1, "relationships": 1},
        },
    ]
    table = cli("report", "--by", "coder").stdout
    assert [line.rstrip() for line in table.splitlines()] == [
        "coder  tags  videos  minutes  themes",
        "          1       1      0.5  relationships 1",
        "ana       2       1      1.5  cross-silo 1, experimentation 1",
        "ben       1       1      1.0  cross-silo 1, relationships 1",
    ]


def test_cooccurrence_matrix(cli, ws):
    result = cli(
        "report",
        "--by",
        "cooccurrence",
        "--theme",
        "cross-silo",
        "--theme",
        "relationships",
        "--theme",
        "experimentation",
        "--format",
        "json",
    )
    # aaaa0001 overlaps aaaa0002 (cross-silo + relationships); aaaa0002 carries both itself
    assert json.loads(result.stdout) == {
        "by": "cooccurrence",
        "total_minutes": 15.0,
        "themes": ["cross-silo", "relationships", "experimentation"],
        "matrix": [[2, 2, 0], [2, 2, 0], [0, 0, 1]],
    }
    table = cli("report", "--by", "cooccurrence", "--theme", "cross-silo", "--theme", "rel")
    assert [line.rstrip() for line in table.stdout.splitlines()] == [
        "theme            1  2",
        "1 cross-silo     2  2",
        "2 relationships  2  2",
    ]


def test_videos_of_unknown_length_have_no_share(cli, ws):
    # a video known only from an imported note: no segments, no duration
    ws.save_transcript(Transcript("abcdefghijk", title="From a note"))
    with ws.editing_tags("abcdefghijk") as tf:
        tf.tags.append(Tag("cccc0001", "abcdefghijk", 0, 600_000, ("cross-silo",)))
    lines = cli("report", "--by", "video", "--format", "csv", "--theme", "cross-silo").stdout
    assert lines.splitlines()[1:] == [
        "abcdefghijk,From a note,cross-silo,1,10.0,",
        f"{PANEL},Panel one,cross-silo,2,1.5,0.15",
    ]
    rows = json.loads(cli("report", "--by", "video", "--format", "json").stdout)["rows"]
    assert rows[0]["share"] is None
    table = cli("report", "--theme", "cross-silo").stdout
    assert [line.rstrip() for line in table.splitlines()] == [
        "theme       label                               tags  videos  minutes  share",
        "cross-silo  Cross-sectoral and cross-silo work     3       2     11.5  10.0%",
    ]


def test_only_videos_of_unknown_length(cli):
    ws = Workspace(Path.cwd())
    with ws.editing_tags(PANEL) as tf:
        tf.tags.append(Tag("aaaa0001", PANEL, 0, 60_000, ("cross-silo",)))
    lines = cli("report", "--by", "video", "--format", "csv").stdout.splitlines()
    assert lines[1] == f"{PANEL},,cross-silo,1,1.0,"
    table = cli("report", "--by", "video").stdout
    assert table.splitlines()[1].split() == [PANEL, "cross-silo", "1", "1.0", "-"]


def test_empty_workspace(cli):
    result = cli("report", "--by", "video", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"by": "video", "total_minutes": 0.0, "rows": []}


def test_unknown_theme(cli, ws):
    result = cli("report", "--theme", "nothing-like-it")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no theme 'nothing-like-it' in the codebook; ")


def test_report_follows_changed_tags(cli, ws):
    cli("report")
    with ws.editing_tags(FUTURES) as tf:
        tf.tags.append(Tag("bbbb0002", FUTURES, 60_000, 120_000, ("anticipation",), coder="ana"))
    lines = cli("report", "--format", "csv", "--theme", "anticipation").stdout.splitlines()
    assert lines[1] == "anticipation,Anticipation and futures,1,1,1.0,0.0667"


@pytest.mark.parametrize("suffix", ["png", "svg"])
@pytest.mark.parametrize("by", ["theme", "video", "coder", "cooccurrence"])
def test_plot(cli, ws, tmp_path, suffix, by):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"report.{suffix}"
    result = cli("report", "--by", by, "--plot", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    drawn = {
        "theme": "a bar chart of tagged minutes per theme (8 themes)",
        "video": "a heat map of themes by video",
        "coder": "a bar chart of tags per coder (3 coders)",
        "cooccurrence": "a heat map of theme co-occurrence (8 themes)",
    }[by]
    assert result.stderr.splitlines()[-1] == f"Drew {drawn} to {out}"
    head = out.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in head or b"<?xml" in head
    assert json.loads(result.stdout)["by"] == by


def test_plot_needs_a_known_suffix(cli, ws, tmp_path):
    result = cli("report", "--plot", str(tmp_path / "report.pdf"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: cannot draw a plot as 'report.pdf'; name a .png or .svg file"
    )


def test_plot_without_matplotlib(cli, ws, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    result = cli("report", "--plot", str(tmp_path / "r.png"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: --plot needs matplotlib, which is not installed; "
        "install it with: pip install 'aftershock[plot]'"
    )
    assert not (tmp_path / "r.png").exists()


def test_union_counts_overlaps_once():
    assert union_ms([(0, 10), (5, 20), (30, 40), (40, 45)]) == 35
    assert union_ms([]) == 0


@given(st.lists(st.tuples(st.integers(0, 2_000), st.integers(0, 500)), max_size=30))
def test_union_lies_between_the_longest_range_and_the_sum(pairs):
    ranges = [(start, start + length) for start, length in pairs]
    lengths = [end - start for start, end in ranges]
    total = union_ms(ranges)
    assert max(lengths, default=0) <= total <= sum(lengths)
    covered = set()
    for start, end in ranges:
        covered.update(range(start, end))
    assert total == len(covered)


def test_the_coder_table_lists_the_five_themes_used_most(cli, ws):
    slugs = ["local-engagement", "international", "human-centred", "anticipation"]
    with ws.editing_tags(FUTURES) as tf:
        for i, slug in enumerate(slugs):
            tf.tags.append(
                Tag(f"dddd000{i}", FUTURES, i * 1000, i * 1000 + 500, (slug,), coder="ana")
            )
        tf.tags.append(Tag("dddd0009", FUTURES, 9000, 9500, ("cross-silo",), coder="ana"))
    table = cli("report", "--by", "coder").stdout
    assert [line.rstrip() for line in table.splitlines()][2:4] == [
        "ana       7       2      1.5  cross-silo 2, local-engagement 1, international 1, human-centred 1,",
        "                              experimentation 1 and 1 more",
    ]
    csv_lines = cli("report", "--by", "coder", "--format", "csv").stdout.splitlines()
    assert csv_lines[2] == (
        'ana,7,2,1.5,"cross-silo 2, local-engagement 1, international 1, human-centred 1, '
        'experimentation 1, anticipation 1"'
    )


def test_a_broken_tag_file_is_warned_about_on_every_run_until_mended(cli, ws):
    ws.tags_path(FUTURES).write_text("tags: [unclosed\n")
    warning = (
        f"Warning: left out of the search index: {ws.tags_path(FUTURES)}:2: invalid YAML "
        "(did not find expected ',' or ']'); fix the file by hand (it was left unchanged) "
        "and try again\n"
    )
    first = cli("report", "--by", "video", "--format", "csv")
    assert first.stderr == "Building the search index from 4 files\n" + warning
    again = cli("report", "--by", "video", "--format", "csv")
    assert (again.exit_code, again.stderr) == (0, warning)
    assert FUTURES not in again.stdout
    ws.tags_path(FUTURES).unlink()
    with ws.editing_tags(FUTURES) as tf:
        tf.tags += [Tag("bbbb0001", FUTURES, 0, 30_000, ("relationships",), coder="")]
    mended = cli("report", "--by", "video", "--format", "csv")
    assert mended.stderr == ""
    assert (
        mended.stdout.splitlines()[1] == f'{FUTURES},"Futures, in practice",relationships,1,0.5,0.1'
    )
