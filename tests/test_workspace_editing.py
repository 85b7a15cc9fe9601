"""Workspace edits: lock, read, change, and write on a clean exit only."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftershock_cli.core.errors import BrokenFileError
from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

VID = "t8dJdL0Wyw8"


def test_an_edit_that_raises_writes_nothing(workspace_dir: Path):
    ws = Workspace(workspace_dir)
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags.append(Tag("tag00001", VID, 0, 5000, ("cross-silo",)))
    before = ws.tags_path(VID).read_bytes()
    with pytest.raises(RuntimeError), ws.editing_tags(VID) as tagfile:
        tagfile.tags.clear()
        raise RuntimeError("stop")
    assert ws.tags_path(VID).read_bytes() == before
    assert [t.id for t in ws.load_tags(VID)] == ["tag00001"]


def test_a_transcript_left_as_it_was_is_not_rewritten(workspace_dir: Path):
    ws = Workspace(workspace_dir)
    ws.save_transcript(Transcript(VID, "Talk", segments=(Segment(0, 1000, "Hi."),)))
    path = ws.transcript_path(VID)
    path.write_text(path.read_text().replace("\n", "\n\n"))  # readable, laid out by hand
    hand_made = path.read_text()
    with ws.editing_transcript(VID) as stored:
        assert stored.exists and stored.transcript is not None
        assert stored.transcript.title == "Talk"
    assert path.read_text() == hand_made


def test_a_broken_config_is_refused_unless_it_is_being_replaced(workspace_dir: Path):
    ws = Workspace(workspace_dir)
    ws.config_path.write_text("themes: [\n")
    with pytest.raises(BrokenFileError), ws.editing_config():
        pass
    assert ws.config_path.read_text() == "themes: [\n"
    with ws.editing_config(broken_ok=True) as config:
        assert config.settings == {}
        config.settings["coder"] = "kim"
    assert Workspace(workspace_dir).setting("coder") == "kim"
