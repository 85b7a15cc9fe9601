"""``.qdpx`` packages that are zip bombs or encrypted: one line, nothing imported."""

from __future__ import annotations

import zipfile

from aftershock_cli.refi import package
from hostile import assert_refused, snapshot

PROJECT = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'


def test_a_zip_bomb_project_is_refused_while_it_unpacks(cli, tmp_path, workspace_dir, monkeypatch):
    # the limit is lowered so the test makes megabytes, not the gigabytes of a real bomb
    monkeypatch.setattr(package, "MAX_ARCHIVE_MEMBER_BYTES", 1 << 20)
    path = tmp_path / "bomb.qdpx"
    chunk = b"<!-- " + b" " * (1 << 20) + b" -->"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", PROJECT[:-2] + b">" + chunk * 2)
    assert path.stat().st_size < 10 * 1024 * 1024
    before = snapshot(workspace_dir)
    line = assert_refused(cli("import-qdpx", str(path)), str(path), "project.qde")
    assert line == (
        f"Error: {path}: project.qde unpacks to more than 1,048,576 bytes, more than a real "
        "project holds; nothing was imported"
    )
    assert snapshot(workspace_dir) == before


def test_an_encrypted_member_is_one_line(cli, tmp_path, workspace_dir):
    path = tmp_path / "locked.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", PROJECT)
    data = bytearray(path.read_bytes())
    # set the "encrypted" flag in the local and the central header
    data[6] |= 1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    path.write_bytes(bytes(data))
    before = snapshot(workspace_dir)
    line = assert_refused(cli("import-qdpx", str(path)), str(path))
    assert line == (
        f"Error: {path} is encrypted (project.qde); export the project again without a password"
    )
    assert snapshot(workspace_dir) == before
