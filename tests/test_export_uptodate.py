"""export --all into a folder renders again only the videos whose inputs or files changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "export"
VIDEO = "t8dJdL0Wyw8"
NOTE = "government_aftershock_collaboration_lessons.md"


@pytest.fixture(autouse=True)
def fixed_workspace(workspace_dir: Path) -> Path:
    shutil.copytree(FIXTURES / "workspace", workspace_dir, dirs_exist_ok=True)
    return workspace_dir


def summary(notes: Path, written: int, unchanged: int, fresh: int) -> str:
    tail = f"; {fresh} video(s) were up to date" if fresh else ""
    return (
        f"Exported 2 video(s) to {notes}: {written} file(s) written, {unchanged} unchanged{tail}\n"
    )


def test_an_export_with_nothing_changed_renders_nothing(cli, workspace_dir: Path):
    notes = workspace_dir / "notes"
    assert cli("export", "--all").stderr == summary(notes, 2, 0, 0)
    assert cli("export", "--all").stderr == summary(notes, 0, 2, 2)


def test_a_changed_tag_exports_just_that_video_again(cli, workspace_dir: Path):
    notes = workspace_dir / "notes"
    assert cli("export", "--all").exit_code == 0
    before = {p.name: p.read_text() for p in notes.iterdir()}
    assert cli("tag", VIDEO, "0:01-0:03", "anticipation", "--note", "A new tag.").exit_code == 0
    again = cli("export", "--all")
    assert again.stderr == summary(notes, 1, 1, 1)
    after = {p.name: p.read_text() for p in notes.iterdir()}
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [NOTE]
    assert "A new tag <a" in after[NOTE]


def test_an_output_edited_by_hand_is_written_again_as_before(cli, workspace_dir: Path):
    notes = workspace_dir / "notes"
    assert cli("export", "--all").exit_code == 0
    note = notes / NOTE
    exported = note.read_text()
    note.write_text(exported + "\nMy own line.\n")
    assert cli("export", "--all").stderr == summary(notes, 1, 1, 1)
    assert note.read_text() == exported
    note.unlink()
    assert cli("export", "--all").stderr == summary(notes, 1, 1, 1)
    assert note.read_text() == exported


def test_other_options_or_another_codebook_render_everything_again(cli, workspace_dir: Path):
    notes = workspace_dir / "notes"
    assert cli("export", "--all").exit_code == 0
    # rendered again: the video without a transcript has nothing to quote, so its file
    # is found unchanged
    assert cli("export", "--all", "--quotes").stderr == summary(notes, 1, 1, 0)
    assert cli("export", "--all", "--quotes").stderr == summary(notes, 0, 2, 2)
    config = workspace_dir / "aftershock.yaml"
    config.write_text(config.read_text().replace("Human-centred design", "Design for people"))
    again = cli("export", "--all", "--quotes")
    assert again.exit_code == 0
    assert "video(s) were up to date" not in again.stderr


def test_each_folder_keeps_its_own_record(cli, workspace_dir: Path):
    notes = workspace_dir / "notes"
    assert cli("export", "--all").exit_code == 0
    result = cli("export", "--all", "--out-dir", "other")
    assert result.stderr == summary(Path("other"), 2, 0, 0)
    assert cli("export", "--all").stderr == summary(notes, 0, 2, 2)
