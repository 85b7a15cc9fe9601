"""Atomic writes: whole files or none, links followed, failures in one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftershock_cli.errors import WorkspaceError
from aftershock_cli.fsutil import atomic_write_text


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path):
    real = tmp_path / "shared.yaml"
    real.write_text("old\n")
    link = tmp_path / "aftershock.yaml"
    link.symlink_to(real)
    atomic_write_text(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix) == [
        "aftershock.yaml",
        "shared.yaml",
    ]


def test_a_folder_in_the_way_is_named(tmp_path: Path):
    with pytest.raises(WorkspaceError) as caught:
        atomic_write_text(tmp_path, "x")
    assert str(caught.value) == f"cannot write {tmp_path}: it is a folder; give a file name"


def test_a_file_where_a_folder_is_needed_is_named(tmp_path: Path):
    (tmp_path / "tags").write_text("not a folder")
    target = tmp_path / "tags" / "abcdefghijk.yaml"
    with pytest.raises(WorkspaceError) as caught:
        atomic_write_text(target, "x")
    assert str(caught.value) == (
        f"cannot write {target}: a file stands where a folder is needed; "
        "check the folder and its permissions"
    )
    assert (tmp_path / "tags").read_text() == "not a folder"


def test_tagging_into_a_broken_workspace_is_one_line(cli, workspace_dir: Path):
    (workspace_dir / "tags").write_text("not a folder")
    result = cli("tag", "abcdefghijk", "0:10-0:20", "cross-silo")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot write {workspace_dir}/tags/abcdefghijk.yaml: a file stands where a "
        "folder is needed; check the folder and its permissions"
    )
