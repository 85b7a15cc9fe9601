"""`aftershock agree`: agreement per theme on units of time, and the stretches that differ."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "government-aftershock"


@pytest.fixture
def two_coders(cli, workspace_dir: Path) -> Workspace:
    """Eight segments (0-4-9-15-21-30-40-50-60 s); ana and ben differ on one segment per theme."""
    ws = store(Workspace(workspace_dir))
    for args in (
        "0:04-0:15 cross-silo --coder ana",
        "0:21-0:30 experimentation --coder ana",
        "0:04-0:09 cross-silo --coder ben",
        "0:15-0:30 experimentation --coder ben",
    ):
        assert cli(f"tag {VIDEO} {args}").exit_code == 0
    return ws


def test_agree_table(cli, two_coders):
    result = cli("agree")
    assert result.exit_code == 0, result.stderr
    # cross-silo: both 1, ana only 1, neither 6 of 8 segments; p_o = 7/8,
    # p_e = 2/8 * 1/8 + 6/8 * 7/8 = 44/64, so Cohen's kappa = (56 - 44) / (64 - 44) = 0.6
    assert result.stdout == (
        "theme            units  @ana  @ben  agreed  percent  cohen  fleiss  alpha\n"
        "cross-silo           8     2     1       7    87.5%  0.600   0.590  0.615\n"
        "experimentation      8     1     2       7    87.5%  0.600   0.590  0.615\n"
        "(all themes)        16     3     3      14    87.5%  0.590   0.590  0.603\n"
    )
    assert result.stderr == (
        "Building the search index from 2 files\n1 video(s), coders ana, ben, unit: segment\n"
    )
    assert cli("agree").stderr == "1 video(s), coders ana, ben, unit: segment\n"  # index kept


def test_agree_json_has_the_counts_behind_each_figure(cli, two_coders):
    data = json.loads(cli("agree -f json --theme cross-silo").stdout)
    assert data["coders"] == ["ana", "ben"]
    assert [t["theme"] for t in data["themes"]] == ["cross-silo"]
    silo = data["themes"][0]
    assert silo["cohen_table"] == {"both": 1, "only ana": 1, "only ben": 0, "neither": 6}
    assert silo["patterns"] == [
        {"marked_by": ["ana", "ben"], "not_marked_by": [], "units": 1},
        {"marked_by": ["ana"], "not_marked_by": ["ben"], "units": 1},
        {"marked_by": [], "not_marked_by": ["ana", "ben"], "units": 6},
    ]
    # Scott's pi for two coders: pooled share 3/16, p_e = (9 + 169) / 256, p_o = 224 / 256
    assert silo["fleiss_kappa"] == pytest.approx(46 / 78)
    assert (silo["units"], silo["agreed"], silo["fleiss_units"]) == (8, 7, 8)


def test_agree_by_second(cli, two_coders):
    result = cli("agree --unit second -f csv --theme experimentation")
    assert result.stdout.splitlines()[1].startswith("experimentation,60,9,15,54,0.9,")


def test_agree_lists_the_disagreements(cli, two_coders):
    result = cli("agree --disagreements")
    assert result.stdout.splitlines()[0].split() == [
        "video",
        "theme",
        "time",
        "marked",
        "by",
        "not",
        "by",
        "words",
    ]
    data = json.loads(cli("agree --disagreements -f json").stdout)
    assert data == [
        {
            "video_id": VIDEO,
            "theme": "cross-silo",
            "start_ms": 9000,
            "end_ms": 15000,
            "marked_by": ["ana"],
            "not_marked_by": ["ben"],
            "text": "Joined up thinking became normal for many teams.",
            "url": f"https://www.youtube.com/watch?v={VIDEO}&t=9s",
        },
        {
            "video_id": VIDEO,
            "theme": "experimentation",
            "start_ms": 15000,
            "end_ms": 21000,
            "marked_by": ["ben"],
            "not_marked_by": ["ana"],
            "text": "Trust between local councils and citizens grew.",
            "url": f"https://www.youtube.com/watch?v={VIDEO}&t=15s",
        },
    ]
    csv_lines = cli("agree -d -f csv").stdout.splitlines()
    assert csv_lines[0] == "video,theme,time,marked by,not by,words"
    assert (
        csv_lines[1]
        == f"{VIDEO},cross-silo,0:09-0:15,ana,ben,Joined up thinking became normal for many teams."
    )


def test_a_coder_without_tags_counts_only_with_complete(cli, two_coders):
    partial = json.loads(cli("agree -f json --coders ana,ben,cy").stdout)
    assert partial["overall"]["fleiss_units"] == 0  # cy coded no video
    assert partial["overall"]["units"] == 16
    full = json.loads(cli("agree -f json --coders ana,ben,cy --complete").stdout)
    assert full["overall"]["fleiss_units"] == 16
    assert full["overall"]["marked"] == {"ana": 3, "ben": 3, "cy": 0}


def test_agree_needs_two_coders(cli, workspace_dir):
    store(Workspace(workspace_dir))
    cli(f"tag {VIDEO} 0:04-0:15 cross-silo --coder ana")
    result = cli("agree")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "\nError: agreement needs two or more coders; the tags of these videos name: ana\n"
    )


def test_complete_needs_the_coders(cli, two_coders):
    result = cli("agree --complete")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --complete needs --coders: name the coders who coded every video\n"
    )


def test_the_example_ships_two_coders(cli, tmp_path: Path):
    ws = tmp_path / "example"
    shutil.copytree(EXAMPLE, ws, ignore=shutil.ignore_patterns(".aftershock"))
    result = cli("-w", str(ws), "agree", "-f", "json")
    data = json.loads(result.stdout)
    assert data["coders"] == ["analyst", "reviewer"]
    assert data["overall"]["units"] == 8 * (656 + 29 + 26 + 27)  # four talks' segments
    assert data["videos"] == ["aftershock1", "aftershock2", "aftershock3", "t8dJdL0Wyw8"]
    assert round(data["overall"]["alpha"], 3) == 0.700


def test_report_adds_an_agreement_section(cli, two_coders):
    result = cli("report --agreement --theme cross-silo")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "theme       label                               tags  videos  minutes  share\n"
        "cross-silo  Cross-sectoral and cross-silo work     2       1      0.2  18.3%\n"
        "\n"
        "Agreement of ana, ben (unit: segment; see 'aftershock agree')\n"
        "theme         units  @ana  @ben  agreed  percent  cohen  fleiss  alpha\n"
        "cross-silo        8     2     1       7    87.5%  0.600   0.590  0.615\n"
        "(all themes)      8     2     1       7    87.5%  0.600   0.590  0.615\n"
    )
    data = json.loads(cli("report --agreement -f json").stdout)
    assert data["agreement"]["overall"]["agreed"] == 14
    csv_text = cli("report --agreement -f csv").stdout
    assert csv_text.split("\n\n")[1].splitlines()[0] == (
        "theme,units,@ana,@ben,agreed,percent,cohen,fleiss,alpha"
    )


def test_report_without_two_coders_warns(cli, workspace_dir):
    store(Workspace(workspace_dir))
    cli(f"tag {VIDEO} 0:04-0:15 cross-silo --coder ana")
    result = cli("report --agreement")
    assert result.exit_code == 0
    assert "Warning: no agreement section: agreement needs two or more coders" in result.stderr


def test_report_plots_alpha(cli, two_coders, tmp_path: Path):
    pytest.importorskip("matplotlib")
    result = cli("report", "--agreement", "--plot", str(tmp_path / "r.svg"))
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "r-agreement.svg"
    assert f"Drew a bar chart of alpha per theme (2 themes) to {target}\n" in result.stderr
    assert target.read_text().startswith("<?xml")


def test_a_table_sent_to_a_pipe_keeps_each_row_on_one_line(two_coders, monkeypatch):
    from typer.testing import CliRunner

    from aftershock_cli.cli import _common
    from aftershock_cli.cli.app import app

    monkeypatch.delenv("COLUMNS", raising=False)
    _common.reset_consoles()
    piped = CliRunner().invoke(app, ["agree", "--disagreements"]).stdout
    assert piped.splitlines() == [
        "video        theme            time       marked by  not by  words",
        f"{VIDEO}  cross-silo       0:09-0:15  ana        ben     "
        "Joined up thinking became normal for many teams.",
        f"{VIDEO}  experimentation  0:15-0:21  ben        ana     "
        "Trust between local councils and citizens grew.",
    ]
