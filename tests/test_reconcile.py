"""`aftershock reconcile`: consensus tags by a rule or by answers read from stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store


@pytest.fixture
def ws(cli, workspace_dir: Path) -> Workspace:
    """ana: cross-silo 0:04-0:15, experimentation 0:21-0:30; ben: 0:04-0:09 and 0:15-0:30."""
    ws = store(Workspace(workspace_dir))
    for args in (
        "0:04-0:15 cross-silo --coder ana --note Silos",
        "0:21-0:30 experimentation --coder ana",
        "0:04-0:09 cross-silo --coder ben",
        "0:15-0:30 experimentation --coder ben --note Trials",
    ):
        assert cli(f"tag {VIDEO} {args}").exit_code == 0
    return ws


def _consensus(ws: Workspace, coder: str = "both") -> list[tuple[int, int, tuple[str, ...], str]]:
    return [
        (t.start_ms, t.end_ms, t.themes, t.note) for t in ws.load_tags(VIDEO) if t.coder == coder
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            "union",
            [
                (4000, 15000, ("cross-silo",), "Silos"),
                (15000, 30000, ("experimentation",), "Trials"),
            ],
        ),
        (
            "intersection",
            [
                (4000, 9000, ("cross-silo",), "Silos"),
                (21000, 30000, ("experimentation",), "Trials"),
            ],
        ),
        (
            "majority",  # of two coders: both
            [
                (4000, 9000, ("cross-silo",), "Silos"),
                (21000, 30000, ("experimentation",), "Trials"),
            ],
        ),
    ],
)
def test_rules(cli, ws, rule, expected):
    result = cli(f"reconcile {VIDEO} --coders ana,ben --into both --rule {rule} -f json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote 2 consensus tag(s) of 'both' for {VIDEO}\n"
    assert [(t["start_ms"], t["end_ms"]) for t in json.loads(result.stdout)] == [
        e[:2] for e in expected
    ]
    assert _consensus(ws) == expected
    assert len(ws.load_tags(VIDEO)) == 4 + 2  # the originals stay


def test_majority_of_three(cli, ws):
    assert cli(f"tag {VIDEO} 0:09-0:15 cross-silo --coder cy").exit_code == 0
    assert cli(f"reconcile {VIDEO} -c ana,ben,cy --into both --rule majority").exit_code == 0
    assert _consensus(ws) == [
        (4000, 15000, ("cross-silo",), "Silos"),
        (21000, 30000, ("experimentation",), "Trials"),
    ]


def test_interactive_stops_resumes_and_writes(cli, ws):
    first = cli(f"reconcile {VIDEO} -c ana,ben --into both -i", input="1\nq\n")
    assert first.exit_code == 0, first.stderr
    question = (
        "1 = keep ana's, 2 = keep ben's, b = both, n = neither, e = edit the range, "
        "q = stop for now: "
    )
    assert first.stderr == (
        "\n[1/2] cross-silo  0:09-0:15 (6s)  marked by ana; not by ben\n"
        "    Joined up thinking became normal for many teams.\n"
        f"    https://www.youtube.com/watch?v={VIDEO}&t=9s\n"
        f"{question}\n"
        "[2/2] experimentation  0:15-0:21 (6s)  marked by ben; not by ana\n"
        "    Trust between local councils and citizens grew.\n"
        f"    https://www.youtube.com/watch?v={VIDEO}&t=15s\n"
        f"{question}"
        "Stopped; the answers so far are kept: run the command again to go on\n"
    )
    assert _consensus(ws) == []
    second = cli(f"reconcile {VIDEO} -c ana,ben --into both -i", input="x\ne\n0:16-0:18\n")
    assert second.exit_code == 0, second.stderr
    assert second.stderr.startswith("Going on: 1 of 2 already decided\n")
    assert "Not an answer: 'x'\n" in second.stderr
    assert _consensus(ws) == [
        (4000, 15000, ("cross-silo",), "Silos"),
        (16000, 18000, ("experimentation",), "Trials"),
        (21000, 30000, ("experimentation",), "Trials"),
    ]
    assert not list((ws.root / ".aftershock" / "reconcile").iterdir())


def test_an_earlier_consensus_is_replaced_only_when_asked(cli, ws):
    assert cli(f"reconcile {VIDEO} -c ana,ben --into both --rule union").exit_code == 0
    again = cli(f"reconcile {VIDEO} -c ana,ben --into both --rule intersection")
    assert (again.exit_code, again.stderr) == (
        1,
        f"Error: {VIDEO} already has 2 tag(s) of 'both'; "
        "replace them or choose another name for the consensus\n",
    )
    assert (
        cli(f"reconcile {VIDEO} -c ana,ben --into both --rule intersection --replace").exit_code
        == 0
    )
    assert _consensus(ws)[0][:2] == (4000, 9000)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            "-c ana,ben --into ana --rule union",
            1,
            "the consensus coder 'ana' is one of the coders reconciled; "
            "choose a new name so that the originals stay",
        ),
        ("-c ana --into both --rule union", 1, "reconciling needs two or more different coders"),
        ("-c ana,ben --into both", 2, "give --rule or --interactive (one of them)"),
    ],
)
def test_bad_requests(cli, ws, args, code, message):
    result = cli(f"reconcile {VIDEO} {args}")
    assert (result.exit_code, result.stderr) == (code, f"Error: {message}\n")
