"""A vault export never overwrites what a person wrote, and cleans up what lost its source."""

from __future__ import annotations

from pathlib import Path

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace

VID = "vAultEdits1"


def _tagged(cli, workspace_dir: Path) -> Path:
    segments = tuple(Segment(i * 5000, 5000, f"Line {i} about silos.") for i in range(8))
    Workspace(workspace_dir).save_transcript(
        Transcript(VID, title="Vault talk", channel="Lab", segments=segments)
    )
    cli("tag", VID, "0:05-0:10", "cross-silo", "--note", "Silos fell.")
    vault = workspace_dir / "vault"
    assert cli("export", "--all", "--vault", str(vault)).exit_code == 0
    return vault


def test_a_page_edited_in_obsidian_is_left_alone_with_a_warning(cli, workspace_dir: Path):
    vault = _tagged(cli, workspace_dir)
    note = vault / "lab" / "vault_talk.md"
    edited = note.read_text() + "\nMy own thoughts.\n"
    note.write_text(edited)
    cli("tag", VID, "0:20-0:25", "relationships", "--note", "Ties grew.")
    result = cli("export", "--all", "--vault", str(vault))
    assert result.exit_code == 0
    assert (
        f"Warning: left {note} as it is: it was changed since aftershock wrote it; "
        "export with --force to overwrite it (a copy is kept)\n"
    ) in result.stderr
    assert note.read_text() == edited
    forced = cli("export", "--all", "--vault", str(vault), "--force")
    assert "Ties grew" in note.read_text()
    copies = list((workspace_dir / ".aftershock" / "vault-copies").rglob("vault_talk.md"))
    assert [c.read_text() for c in copies] == [edited]
    assert "Overwrote 1 page(s) changed by hand; their copies are in" in forced.stderr


def test_a_page_that_lost_its_source_is_removed_only_if_unchanged(cli, workspace_dir: Path):
    vault = _tagged(cli, workspace_dir)
    old = vault / "themes" / "Intergovernmental and crosssectoral collaboration.md"
    assert old.is_file()
    cli("themes", "edit", "cross-silo", "--page", "Breaking silos")
    result = cli("export", "--all", "--vault", str(vault))
    assert f"Removed {old}: it no longer has a source\n" in result.stderr
    assert not old.exists()
    assert (vault / "themes" / "Breaking silos.md").is_file()
    kept = vault / "themes" / "Breaking silos.md"
    kept.write_text(kept.read_text() + "\nA remark.\n")
    cli("themes", "edit", "cross-silo", "--page", "Silos")
    result = cli("export", "--all", "--vault", str(vault))
    assert kept.is_file()
    assert f"Warning: {kept} no longer has a source" in result.stderr


def test_a_vault_export_can_be_undone(cli, workspace_dir: Path):
    vault = _tagged(cli, workspace_dir)
    note = vault / "lab" / "vault_talk.md"
    before = note.read_text()
    cli("tag", VID, "0:20-0:25", "relationships", "--note", "Ties grew.")
    cli("export", "--all", "--vault", str(vault))
    assert note.read_text() != before
    result = cli("undo")
    assert result.stderr.startswith(f"Undid 'aftershock export --all --vault {vault}'")
    assert note.read_text() == before
