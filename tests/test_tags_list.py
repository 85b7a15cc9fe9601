"""``aftershock tags``, ``untag`` and ``retag``, and the library calls behind them."""

from __future__ import annotations

import json

import pytest

from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.tagging.tags import add_tag, list_tags
from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store

OTHER = "OtherVid_01"


@pytest.fixture
def ws() -> Workspace:
    ws = store()
    store(ws, OTHER)
    return ws


@pytest.fixture
def three(ws):
    a = add_tag(ws, VIDEO, 4000, 9000, ["cross-silo"], note="Silos fell.", coder="ana")
    b = add_tag(ws, VIDEO, 15000, 21000, ["relationships", "local"], coder="bo")
    c = add_tag(ws, OTHER, 30000, 40000, ["Anticipation and futures"], coder="ana")
    return a, b, c


def test_add_tag_resolves_names_and_stores(ws, three):
    a, b, c = three
    assert b.themes == ("relationships", "local-engagement")
    assert c.themes == ("anticipation",)
    assert Workspace(ws.root).load_tags(VIDEO) == [a, b]


def test_add_tag_refuses_bad_times(ws):
    with pytest.raises(InvalidInputError, match="a tag needs 0 <= start <= end"):
        add_tag(ws, VIDEO, 5000, 4000, ["cross-silo"])


def test_tags_table(cli, three):
    a, b, c = three
    r = cli("tags")
    assert r.exit_code == 0
    assert r.stdout == (
        "ID        Video        Range            Themes                           Coder  Note       \n"
        f"{a.id}  {VIDEO}  0:04-0:09 (5s)   cross-silo                       ana    Silos fell.\n"
        f"{b.id}  {VIDEO}  0:15-0:21 (6s)   relationships, local-engagement  bo                \n"
        f"{c.id}  {OTHER}  0:30-0:40 (10s)  anticipation                     ana               \n"
    )


def test_tags_table_keeps_ids_whole_when_narrow(cli, ws):
    long = add_tag(
        ws, VIDEO, 3_723_000, 3_800_000,
        ["public-sector-innovation", "relationships", "international"],
        note="A note long enough to need wrapping in a narrow terminal window, " * 2,
        coder="a-coder-with-a-long-name",
    )  # fmt: skip
    r = cli("tags")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("ID        Video        Range                    Themes")
    assert lines[1].startswith(f"{long.id}  {VIDEO}  1:02:03-1:03:20 (1m17s)  ")
    assert lines[2].strip() == "novation,         ong-name          enough to need"
    assert max(len(line) for line in lines) <= 100  # the test terminal's width


def test_tags_json_and_filters(cli, three):
    a, b, c = three
    r = cli("tags", VIDEO, "--format", "json")
    data = json.loads(r.stdout)
    assert [d["id"] for d in data] == [a.id, b.id]
    assert data[0] == {
        "id": a.id,
        "video_id": VIDEO,
        "start_ms": 4000,
        "end_ms": 9000,
        "themes": ["cross-silo"],
        "note": "Silos fell.",
        "section": "",
        "coder": "ana",
        "created": a.created,
    }
    ids = lambda *args: [d["id"] for d in json.loads(cli("tags", *args, "-f", "json").stdout)]  # noqa: E731
    assert ids("--coder", "ana") == [a.id, c.id]
    assert ids("--theme", "local") == [b.id]
    # a parent theme takes in the tags of its sub-themes
    assert ids("--theme", "public-sector-innovation") == [a.id, b.id, c.id]


def test_tags_csv(cli, three):
    a, _, _ = three
    lines = cli("tags", VIDEO, "--format", "csv").stdout.splitlines()
    assert lines[0] == "id,video_id,start,end,start_ms,end_ms,themes,note,section,coder,created"
    assert (
        lines[1]
        == f"{a.id},{VIDEO},00:00:04,00:00:09,4000,9000,cross-silo,Silos fell.,,ana,{a.created}"
    )
    assert lines[2].split(",")[6] == "relationships;local-engagement"


def test_no_tags(cli, ws):
    r = cli("tags")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "No tags yet\n")
    assert cli("tags", "--format", "json").stdout == "[]\n"


def test_untag(cli, ws, three):
    a, b, c = three
    r = cli("untag", a.id, c.id)
    assert r.exit_code == 0
    assert r.stderr == (
        f"Removed {a.id} ({VIDEO} 0:04-0:09 (5s) cross-silo)\n"
        f"Removed {c.id} ({OTHER} 0:30-0:40 (10s) anticipation)\n"
    )
    assert list_tags(Workspace(ws.root)) == [b]


def test_untag_unknown_changes_nothing(cli, ws, three):
    a, _, _ = three
    r = cli("untag", a.id, "zzzzzzzz")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: no tag 'zzzzzzzz' in {ws.root}; nothing was changed "
        "(list tags with 'aftershock tags')\n"
    )
    assert len(list_tags(Workspace(ws.root))) == 3


def test_retag(cli, ws, three):
    a, _, _ = three
    r = cli("retag", a.id, "--range", "0:10-0:20", "--theme", "cross", "-t", "trust", "--note", "x")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no theme 'trust' in the codebook;")
    r = cli("retag", a.id, "--range", "0:10-0:20", "--theme", "cross", "-t", "relat", "--note", "x")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        f"{a.id}  0:09-0:21 (12s)  cross-silo, relationships\n"
        "    Joined up thinking became normal for many teams. "
        "Trust between local councils and citizens grew.\n"
        "    Note: x\n"
    )
    new = Workspace(ws.root).find_tag(a.id)
    assert (new.start_ms, new.end_ms, new.themes, new.note, new.coder, new.created) == (
        9000,
        21000,
        ("cross-silo", "relationships"),
        "x",
        "ana",
        a.created,
    )


def test_retag_errors(cli, ws, three):
    a, _, _ = three
    r = cli("retag", a.id)
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: nothing to change; give --range, --theme, --note, --section or --coder\n"
    )
    r = cli("retag", a.id, "--range", "0:20-0:10")
    assert r.stderr == (
        "Error: the range 0:20-0:10 ends before it starts; give START-END with END after START\n"
    )
    r = cli("retag", "nothere1", "--note", "x")
    assert r.stderr == (
        f"Error: no tag 'nothere1' in {ws.root}; list tags with 'aftershock tags'\n"
    )


def test_tags_table_of_one_video_leaves_out_the_video_column(cli, three):
    a, b, _ = three
    r = cli("tags", VIDEO)
    assert r.exit_code == 0
    assert r.stdout == (
        "ID        Range           Themes                           Coder  Note       \n"
        f"{a.id}  0:04-0:09 (5s)  cross-silo                       ana    Silos fell.\n"
        f"{b.id}  0:15-0:21 (6s)  relationships, local-engagement  bo                \n"
    )
