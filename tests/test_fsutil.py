"""Atomic writes and careful reads: whole files or none, links followed, failures in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aftershock_cli.core.errors import InvalidInputError, NotFoundError, WorkspaceError
from aftershock_cli.files.fsutil import atomic_write_text, read_user_text


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
    (workspace_dir / "tags").rmdir()
    (workspace_dir / "tags").write_text("not a folder")
    result = cli("tag", "abcdefghijk", "0:10-0:20", "cross-silo", "--no-transcript")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot write {workspace_dir}/tags/abcdefghijk.yaml: a file stands where a "
        "folder is needed; check the folder and its permissions"
    )


def test_a_users_file_that_cannot_be_read_gets_one_line_with_the_way_out(tmp_path: Path):
    hint = "use --note TEXT"
    cases = [
        (
            tmp_path / "gone.md",
            None,
            f"no note file {tmp_path / 'gone.md'}; check the path, or {hint}",
        ),
        (tmp_path, None, f"{tmp_path} is a folder, not a note file; name a file in it, or {hint}"),
        (
            tmp_path / "image.md",
            b"PNG\x00\x01",
            f"{tmp_path / 'image.md'} is a binary file, not a note file; "
            f"give a text file, or {hint}",
        ),
        (
            tmp_path / "latin.md",
            "caf\xe9".encode("latin-1"),
            f"{tmp_path / 'latin.md'} is not UTF-8 text (byte 3); save it as UTF-8, or {hint}",
        ),
    ]
    for path, data, message in cases:
        if data is not None:
            path.write_bytes(data)
        with pytest.raises((NotFoundError, InvalidInputError)) as caught:
            read_user_text(path, "note file", hint)
        assert str(caught.value) == message
    assert isinstance(caught.value, InvalidInputError)


def test_a_users_file_without_a_hint_ends_at_the_fix(tmp_path: Path):
    with pytest.raises(NotFoundError) as caught:
        read_user_text(tmp_path / "ids.txt", "file of video ids")
    assert str(caught.value) == f"no file of video ids {tmp_path / 'ids.txt'}; check the path"
    (tmp_path / "ok.txt").write_text("caf\u00e9\n", encoding="utf-8")
    assert read_user_text(tmp_path / "ok.txt", "file of video ids") == "caf\u00e9\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_users_file_without_permission_says_so(tmp_path: Path):
    locked = tmp_path / "locked.md"
    locked.write_text("words\n")
    locked.chmod(0)
    with pytest.raises(InvalidInputError) as caught:
        read_user_text(locked, "note file")
    assert str(caught.value) == (f"cannot read {locked} (Permission denied); check its permissions")
