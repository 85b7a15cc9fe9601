"""Inputs that are not regular files, or are too big: one line, nothing read whole."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from aftershock_cli.core import limits
from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.files.fsutil import read_user_text
from hostile import assert_refused, snapshot
from tagging_data import store

VIDEO = "AbCdEfGhIj0"


def _hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"hostile-{kind}.vtt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(tmp_path / "other.vtt")
        (tmp_path / "other.vtt").symlink_to(path)
    elif kind == "dangling":
        path.symlink_to(tmp_path / "gone.vtt")
    elif kind == "folder":
        path.mkdir()
    return path


WHAT = {
    "fifo": "is a named pipe (FIFO)",
    "device": "is a character device",
    "loop": "is a loop of symbolic links",
    "dangling": "is a link to a file that does not exist",
    "folder": "is a folder",
}


@pytest.mark.parametrize("kind", sorted(WHAT))
def test_a_caption_file_that_is_no_regular_file_is_refused(cli, tmp_path, workspace_dir, kind):
    path = _hostile(tmp_path, kind)
    before = snapshot(workspace_dir)
    line = assert_refused(cli("fetch", "--file", str(path)), str(path), WHAT[kind])
    assert line.startswith(f"Error: {path} {WHAT[kind]}, not a caption file; ")
    assert snapshot(workspace_dir) == before


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "dangling"])
def test_a_note_file_that_is_no_regular_file_is_refused(cli, tmp_path, workspace_dir, kind):
    store()
    path = _hostile(tmp_path, kind)
    before = snapshot(workspace_dir)
    r = cli("tag", VIDEO, "0:01-0:02", "cross-silo", "--note-file", str(path))
    assert r.stderr == (
        f"Error: {path} {WHAT[kind]}, not a note file; give a regular file, or use --note TEXT\n"
    )
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_note_to_import_that_is_no_regular_file_is_refused(cli, tmp_path, workspace_dir, kind):
    path = _hostile(tmp_path, kind)
    before = snapshot(workspace_dir)
    assert_refused(cli("import-note", str(path)), str(path), WHAT[kind])
    assert snapshot(workspace_dir) == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.md"
    with open(path, "wb") as handle:
        handle.truncate(2049)  # sparse: the size is there, the bytes never are
    with pytest.raises(InvalidInputError) as caught:
        read_user_text(path, "Markdown note", limit=2048)
    assert str(caught.value) == (
        f"{path} is 2,049 bytes, more than the 2,048 allowed, not a Markdown note; "
        "give a regular file"
    )


def test_a_note_file_of_a_gigabyte_is_refused_by_its_size(cli, tmp_path):
    store()
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(limits.MAX_NOTE_BYTES + 1)
    r = cli("tag", VIDEO, "0:01-0:02", "cross-silo", "--note-file", str(path))
    assert_refused(r, str(path), f"more than the {limits.MAX_NOTE_BYTES:,} allowed")


def test_a_dash_reads_the_note_from_standard_input(cli, workspace_dir):
    store()
    r = cli(
        "tag", "AbCdEfGhIj0", "0:01-0:02", "cross-silo", "--note-file", "-", input="From stdin."
    )
    assert r.exit_code == 0, r.stderr
    assert "note: From stdin." in (workspace_dir / "tags" / "AbCdEfGhIj0.yaml").read_text()


_LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from aftershock_cli.cli.app import main
sys.argv = ["aftershock", *sys.argv[1:]]
main()
"""


def run_limited(args: list[str], cwd: Path, mib: int = 400) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process whose address space is capped at ``mib`` MiB."""
    code = _LIMITED.format(limit=mib * 1024 * 1024)
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs RLIMIT_AS")
def test_dev_zero_as_a_caption_file_is_refused_within_bounded_memory(tmp_path, workspace_dir):
    before = snapshot(workspace_dir)
    r = run_limited(["fetch", "--file", "/dev/zero"], workspace_dir)
    assert r.returncode == 1, r.stderr
    assert r.stderr == (
        "Error: /dev/zero is a character device, not a caption file; give a regular file\n"
    )
    assert snapshot(workspace_dir) == before
