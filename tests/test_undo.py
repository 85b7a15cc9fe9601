"""``aftershock undo``: the last change a command made is taken back, and only it."""

from __future__ import annotations

import json
from pathlib import Path

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace import history
from aftershock_cli.workspace.folder import Workspace

VID = "uNdoTalk001"


def _talk(workspace_dir: Path) -> None:
    segments = tuple(Segment(i * 5000, 5000, f"Line {i} about silos.") for i in range(12))
    Workspace(workspace_dir).save_transcript(Transcript(VID, title="Talk", segments=segments))


def test_undo_takes_back_a_tag_and_says_what_it_restored(cli, workspace_dir: Path):
    _talk(workspace_dir)
    tags = workspace_dir / "tags" / f"{VID}.yaml"
    assert cli("tag", VID, "0:05-0:15", "cross-silo").exit_code == 0
    before = tags.read_bytes()
    assert cli("tag", VID, "0:20-0:30", "relationships").exit_code == 0
    result = cli("undo")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Undid 'aftershock tag {VID} 0:20-0:30 relationships' (1 file):\n"
        f"  restored tags/{VID}.yaml\n"
    )
    assert tags.read_bytes() == before
    result = cli("undo")
    assert result.stderr.endswith(f"  removed tags/{VID}.yaml\n")
    assert not tags.exists()


def test_a_change_to_many_files_is_undone_as_one(cli, workspace_dir: Path):
    _talk(workspace_dir)
    cli("tag", VID, "0:05-0:15", "cross-silo")
    config = workspace_dir / "aftershock.yaml"
    tags = workspace_dir / "tags" / f"{VID}.yaml"
    before = (config.read_bytes(), tags.read_bytes())
    assert cli("themes", "rename", "cross-silo", "silos").exit_code == 0
    assert (config.read_bytes(), tags.read_bytes()) != before
    result = cli("undo")
    assert result.stderr.startswith("Undid 'aftershock themes rename cross-silo silos' (2 files):")
    assert (config.read_bytes(), tags.read_bytes()) == before


def test_undo_never_overwrites_a_later_edit(cli, workspace_dir: Path):
    _talk(workspace_dir)
    cli("tag", VID, "0:05-0:15", "cross-silo")
    tags = workspace_dir / "tags" / f"{VID}.yaml"
    edited = tags.read_text() + "# a remark added by hand\n"
    tags.write_text(edited)
    result = cli("undo")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: tags/{VID}.yaml was changed after 'aftershock tag {VID} 0:05-0:15 "
        "cross-silo' (by hand or by another command), so that change cannot be taken back "
        "without losing the later one; nothing was undone\n",
    )
    assert tags.read_text() == edited


def test_undo_list_shows_the_recent_changes_newest_first(cli, workspace_dir: Path):
    _talk(workspace_dir)
    cli("tag", VID, "0:05-0:15", "cross-silo")
    cli("themes", "add", "trust", "--label", "Trust in government")
    listed = json.loads(cli("undo", "--list", "-f", "json").stdout)
    assert [c["label"] for c in listed[:2]] == [
        "aftershock themes add trust --label 'Trust in government'",
        f"aftershock tag {VID} 0:05-0:15 cross-silo",
    ]
    assert [f["path"] for f in listed[0]["files"]] == ["aftershock.yaml"]


def test_nothing_to_undo_is_an_error(cli):
    result = cli("undo")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: there is no change to undo in this workspace's history\n",
    )


def test_the_history_keeps_the_newest_changes_only(workspace_dir: Path):
    ws = Workspace(workspace_dir)
    for n in range(history.MAX_CHANGES + 5):
        with history.change(f"change {n}"), ws.editing_config() as config:
            config.settings["note"] = n
    labels = [c.label for c in ws.history().changes()]
    assert len(labels) == history.MAX_CHANGES
    assert labels[-1] == f"change {history.MAX_CHANGES + 4}"
