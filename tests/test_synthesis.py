"""report --across: each theme across the talks of a series, as Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.core.series import Series
from aftershock_cli.workspace.folder import Workspace

TALKS = (
    # id, title, upload date, segments (start s, text)
    (
        "sEriesTalk1",
        "Second talk",
        "2026-05-14",
        ((0, "We met every morning."), (10, "Silos fell.")),
    ),
    (
        "sEriesTalk2",
        "First talk",
        "2026-03-02",
        ((0, "Local groups led."), (20, "We tried things.")),
    ),
    ("sEriesTalk3", "Undated talk", "", ((0, "Later on."),)),
)


def _talks(ws: Workspace) -> None:
    for video_id, title, date, texts in TALKS:
        segments = tuple(Segment(start * 1000, 10_000, text) for start, text in texts)
        ws.save_transcript(
            Transcript(video_id, title, segments=segments, duration_ms=60_000, upload_date=date)
        )


def _tag(ws: Workspace, video_id: str, tag_id: str, span: tuple[int, int], *themes: str) -> None:
    with ws.editing_tags(video_id) as tf:
        tf.tags.append(Tag(tag_id, video_id, span[0] * 1000, span[1] * 1000, themes, coder="ana"))


@pytest.fixture
def series_ws(workspace_dir: Path) -> Workspace:
    ws = Workspace(workspace_dir)
    _talks(ws)
    _tag(ws, "sEriesTalk1", "tagaa001", (0, 10), "cross-silo", "relationships")
    _tag(ws, "sEriesTalk1", "tagaa002", (10, 20), "cross-silo")
    _tag(ws, "sEriesTalk2", "tagbb001", (0, 20), "local-engagement")
    _tag(ws, "sEriesTalk2", "tagbb002", (10, 30), "cross-silo", "experimentation")
    with ws.editing_series() as followed:
        followed.append(
            Series(
                "pair",
                "https://www.youtube.com/playlist?list=PLx",
                videos=("sEriesTalk1", "sEriesTalk2"),
            )
        )
    return ws


LEAD = (
    "A theme's minutes in a talk are the time its tags cover there; it goes *with* another "
    "theme in the talks that raise both, and their tags *overlap* when their time ranges do."
)


def test_across_writes_each_theme_over_the_talks_in_date_order(cli, series_ws):
    result = cli("report", "--across", "--theme", "cross-silo", "--theme", "local-engagement")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "# Synthesis\n\n"
        f"3 talks, 2026-03-02 to 2026-05-14. {LEAD}\n\n"
        "| Theme | Talks | Minutes | First | Last |\n"
        "| --- | ---: | ---: | --- | --- |\n"
        "| Cross-sectoral and cross-silo work | 2 of 3 | 0.7 | 2026-03-02 | 2026-05-14 |\n"
        "| Local engagement and institutional diversity | 1 of 3 | 0.3 | 2026-03-02 | 2026-03-02 |\n"
        "\n## Cross-sectoral and cross-silo work\n\n"
        "Raised in 2 of 3 talks, 0.7 minutes in all; first on 2026-03-02 in First talk, "
        "last on 2026-05-14 in Second talk.\n\n"
        "In each talk, by date:\n\n"
        "- 2026-03-02, First talk: 1 tag, 0.3 min (33% of the talk)\n"
        "- 2026-05-14, Second talk: 2 tags, 0.3 min (33% of the talk)\n\n"
        "Strongest in:\n\n"
        "- First talk (0.3 min), at [00:00:10](https://www.youtube.com/watch?v=sEriesTalk2&t=10s):\n"
        "  > We tried things.\n"
        "- Second talk (0.3 min), at [00:00:00](https://www.youtube.com/watch?v=sEriesTalk1&t=0s):\n"
        "  > We met every morning.\n\n"
        "With: Local engagement and institutional diversity (1 talk, 1 overlap).\n"
        "\n## Local engagement and institutional diversity\n\n"
        "Raised in 1 of 3 talks, 0.3 minutes in all; only on 2026-03-02 in First talk.\n\n"
        "In each talk, by date:\n\n"
        "- 2026-03-02, First talk: 1 tag, 0.3 min (33% of the talk)\n\n"
        "Strongest in:\n\n"
        "- First talk (0.3 min), at [00:00:00](https://www.youtube.com/watch?v=sEriesTalk2&t=0s):\n"
        "  > Local groups led.\n\n"
        "With: Cross-sectoral and cross-silo work (1 talk, 1 overlap).\n"
    )
    assert result.stderr == "Building the search index from 5 files\n"


def test_a_theme_no_talk_raises_says_so(cli, series_ws):
    result = cli("report", "--across", "--theme", "international")
    assert result.stdout.endswith(
        "| International cooperation | 0 of 3 | 0.0 | - | - |\n\n"
        "## International cooperation\n\nNot raised in these talks.\n"
    )


def test_across_as_json_for_one_series(cli, series_ws):
    result = cli("report", "--across", "--series", "pair", "-f", "json", "--theme", "cross-silo")
    assert result.exit_code == 0, result.stderr
    talk_1 = {"video_id": "sEriesTalk1", "date": "2026-05-14"}
    talk_2 = {"video_id": "sEriesTalk2", "date": "2026-03-02"}
    assert json.loads(result.stdout) == {
        "series": "pair",
        "talks": [
            {**talk_2, "title": "First talk", "date_source": "upload", "duration_ms": 60000},
            {**talk_1, "title": "Second talk", "date_source": "upload", "duration_ms": 60000},
        ],
        "themes": [
            {
                "theme": "cross-silo",
                "label": "Cross-sectoral and cross-silo work",
                "talks": 2,
                "tagged_ms": 40000,
                "minutes": 0.7,
                "first": talk_2,
                "last": talk_1,
                "per_talk": [
                    {**talk_2, "tags": 1, "tagged_ms": 20000, "share": 0.3333},
                    {**talk_1, "tags": 2, "tagged_ms": 20000, "share": 0.3333},
                ],
                "strongest": [
                    {
                        **talk_2,
                        "tagged_ms": 20000,
                        "quote": {
                            "tag_id": "tagbb002",
                            "start_ms": 10000,
                            "end_ms": 30000,
                            "at": "00:00:10",
                            "url": "https://www.youtube.com/watch?v=sEriesTalk2&t=10s",
                            "text": "We tried things.",
                        },
                    },
                    {
                        **talk_1,
                        "tagged_ms": 20000,
                        "quote": {
                            "tag_id": "tagaa001",
                            "start_ms": 0,
                            "end_ms": 10000,
                            "at": "00:00:00",
                            "url": "https://www.youtube.com/watch?v=sEriesTalk1&t=0s",
                            "text": "We met every morning.",
                        },
                    },
                ],
                "cooccurs": [],
            }
        ],
    }


def test_co_occurrence_counts_talks_and_overlapping_tags(cli, series_ws):
    themes = json.loads(cli("report", "--across", "-f", "json").stdout)["themes"]
    silo = next(t for t in themes if t["theme"] == "cross-silo")
    assert [(c["theme"], c["same_talks"], c["overlaps"]) for c in silo["cooccurs"]] == [
        ("relationships", 1, 1),  # ties in codebook order
        ("local-engagement", 1, 1),
        ("experimentation", 1, 1),
    ]
    undated = json.loads(cli("report", "--across", "-f", "json").stdout)["talks"][-1]
    assert undated == {  # no upload date and no fetch time: last, without a date
        "video_id": "sEriesTalk3",
        "title": "Undated talk",
        "date": None,
        "date_source": None,
        "duration_ms": 60000,
    }


def test_an_unknown_series_is_an_error(cli, series_ws):
    result = cli("report", "--across", "--series", "nope")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no series 'nope' in this workspace; list them with 'aftershock series list'\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "csv"), "--across writes Markdown or JSON; use -f table or -f json"),
        (("--by", "video"), "--across reports each theme across talks; drop --by and --agreement"),
        (("--agreement",), "--across reports each theme across talks; drop --by and --agreement"),
    ],
)
def test_across_refuses_what_it_cannot_write(cli, series_ws, args, message):
    result = cli("report", "--across", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {message}\n")
    assert result.stdout == ""


def test_series_restricts_the_counts_too(cli, series_ws):
    result = cli("report", "--series", "pair", "--by", "video", "-f", "json")
    assert {row["video"] for row in json.loads(result.stdout)["rows"]} == {
        "sEriesTalk1",
        "sEriesTalk2",
    }


def test_plot_draws_a_heat_map_and_a_timeline(cli, series_ws, tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "series.png"
    result = cli("report", "--across", "--plot", str(target), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1:] == [
        f"Drew a heat map of 8 themes by talk (3 talks) to {target}",
        f"Drew a timeline of 8 themes across 3 talks to {tmp_path / 'series-timeline.png'}",
    ]
    assert target.read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "series-timeline.png").read_bytes()[:4] == b"\x89PNG"


def test_videos_show_the_upload_date_and_sort_by_it(cli, series_ws):
    rows = json.loads(cli("videos", "--sort", "date", "-f", "json").stdout)
    assert [(r["video_id"], r["upload_date"]) for r in rows] == [
        ("sEriesTalk2", "2026-03-02"),
        ("sEriesTalk1", "2026-05-14"),
        ("sEriesTalk3", None),
    ]
    table = cli("videos", "--sort", "date").stdout.splitlines()
    assert [c.strip() for c in table[2].split("│")][:4] == [
        "sEriesTalk2",
        "First talk",
        "",
        "2026-03-02",
    ]


def test_a_broken_transcript_is_named_and_nothing_is_written(cli, series_ws, workspace_dir):
    path = workspace_dir / "transcripts" / "sEriesTalk2.json"
    path.write_text("{\n")
    result = cli("report", "--across")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: {path}:2: invalid JSON (Expecting property name enclosed in double quotes); "
        "fix the file by hand (it was left unchanged) and try again"
    )
    assert path.read_text() == "{\n"


def test_a_tagged_video_without_transcript_is_a_talk_without_date(cli, series_ws):
    with series_ws.editing_tags("nOtranscrpt") as tf:
        tf.tags.append(Tag("tagcc001", "nOtranscrpt", 0, 5000, ("international",), coder="ana"))
    data = json.loads(cli("report", "--across", "-f", "json", "--theme", "international").stdout)
    assert [t["video_id"] for t in data["talks"]][2:] == ["nOtranscrpt", "sEriesTalk3"]
    assert data["talks"][2] == {  # undated talks last, by title
        "video_id": "nOtranscrpt",
        "title": "nOtranscrpt",
        "date": None,
        "date_source": None,
        "duration_ms": None,
    }
    assert data["themes"][0]["per_talk"] == [
        {"video_id": "nOtranscrpt", "date": None, "tags": 1, "tagged_ms": 5000, "share": None}
    ]
