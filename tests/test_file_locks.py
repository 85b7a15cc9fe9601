"""The workspace's file locks: made where missing, and saying who holds them."""

from __future__ import annotations

import os
import sys

from aftershock_cli.files.locks import file_lock, read_holder


def test_a_lock_makes_its_folder_and_names_its_holder(tmp_path):
    path = tmp_path / "state" / "locks" / "tags-abc.lock"
    with file_lock(path):
        holder = read_holder(path)
        assert holder is not None
        assert holder.pid == os.getpid()
        assert holder.command.startswith(os.path.basename(sys.argv[0]))
    assert path.read_bytes() == b""  # released: nobody holds it
    path.unlink()
    path.parent.rmdir()
    with file_lock(path):  # its folder removed meanwhile: made again
        assert read_holder(path) is not None
