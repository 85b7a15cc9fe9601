"""Odd entries in a workspace's folders: a transcript or tag file that is a link out of the
workspace, to a device or to nothing, a loop of links or a folder, and files in ``tags/``
whose names are no video ids. One line says what the entry is; nothing is read through
it or written through it, and listings go on without it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hostile import assert_refused, snapshot
from tagging_data import VIDEO, store

OTHER = "ZyXwVuTsRq9"
TAIL = "; remove it or put a regular file in its place (it was left as it is)"


def _odd(path: Path, kind: str, outside: Path) -> str:
    """Make ``path`` an odd entry of ``kind``; what the message says it is."""
    if kind == "passwd":
        target = outside / "passwd"
        target.write_text("root:x:0:0:root:/root:/bin/bash\n")
        path.symlink_to(target)
        return f"a link to {os.path.realpath(target)}, outside the workspace"
    if kind == "device":
        path.symlink_to("/dev/zero")
        return "a link to /dev/zero, outside the workspace"
    if kind == "dangling":
        path.symlink_to(path.parent / "gone.json")
        return "a link to a file that does not exist"
    if kind == "loop":
        partner = path.with_name("ZyXwVuTsRq8" + path.suffix)
        path.symlink_to(partner)
        partner.symlink_to(path)
        return "a loop of symbolic links"
    path.mkdir()
    return "a folder"


KINDS = ["passwd", "device", "dangling", "loop", "folder"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_transcript_that_is_no_regular_file_is_refused(cli, tmp_path, workspace_dir, kind):
    path = workspace_dir / "transcripts" / f"{OTHER}.json"
    what = _odd(path, kind, tmp_path)
    before, outside = snapshot(workspace_dir), snapshot(tmp_path / "ws")
    for args in (("show", OTHER), ("export", OTHER, "--format", "srt")):
        r = cli(*args)
        assert r.stderr == f"Error: {path} is {what}, not a transcript file{TAIL}\n"
        assert r.exit_code == 1
    assert snapshot(workspace_dir) == before
    assert snapshot(tmp_path / "ws") == outside


@pytest.mark.parametrize("kind", KINDS)
def test_fetching_over_an_odd_transcript_writes_nothing(cli, tmp_path, workspace_dir, kind):
    path = workspace_dir / "transcripts" / f"{OTHER}.json"
    what = _odd(path, kind, tmp_path)
    captions = tmp_path / "talk.vtt"
    captions.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n")
    before = {p.name: p.lstat().st_mode for p in tmp_path.iterdir()}
    r = cli("fetch", "--file", str(captions), OTHER)
    assert r.stderr == f"Error: {path} is {what}, not a transcript file{TAIL}\n"
    assert r.exit_code == 1
    assert {p.name: p.lstat().st_mode for p in tmp_path.iterdir()} == before
    assert not (tmp_path / "passwd").exists() or (tmp_path / "passwd").read_text().startswith(
        "root:x:0"
    )


@pytest.mark.parametrize("kind", ["passwd", "device", "folder"])
def test_listings_leave_an_odd_transcript_out_with_a_warning(cli, tmp_path, workspace_dir, kind):
    store()
    path = workspace_dir / "transcripts" / f"{OTHER}.json"
    what = _odd(path, kind, tmp_path)
    r = cli("videos", "--format", "json")
    assert r.exit_code == 1  # as for any transcript it cannot read: the list is partial
    assert r.stderr == (
        f"Warning: {path} is {what}, not a transcript file{TAIL} (the video is left out of "
        "this list)\n"
    )
    assert [v["video_id"] for v in json.loads(r.stdout)] == [VIDEO]
    r = cli("search", "silos")
    assert r.exit_code == 0, r.stderr
    assert f"Warning: left out of the search index: {path} is {what}, not a transcript" in r.stderr


@pytest.mark.parametrize("kind", ["device", "dangling", "folder"])
def test_a_tag_file_that_is_no_regular_file_is_refused(cli, tmp_path, workspace_dir, kind):
    store()
    path = workspace_dir / "tags" / f"{VIDEO}.yaml"
    what = _odd(path, kind, tmp_path)
    before = snapshot(workspace_dir)
    for args in (("tags", VIDEO), ("tag", VIDEO, "0:04-0:09", "cross-silo")):
        line = assert_refused(cli(*args), str(path))
        assert line == f"Error: {path} is {what}, not a tag file{TAIL}"
    assert snapshot(workspace_dir) == before


STRAY = "left out {path}: its name is not a video id (11 characters of A-Z, a-z, 0-9, - and _) "


@pytest.mark.parametrize("name", ["abcdefghij!.yaml", "abc defghij.yaml", "notes.yaml", "READ.md"])
def test_a_stray_file_in_tags_is_named_and_the_listing_goes_on(cli, workspace_dir, name):
    store()
    assert cli("tag", VIDEO, "0:04-0:09", "cross-silo").exit_code == 0
    stray = workspace_dir / "tags" / name
    stray.write_text("version: 1\ntags: []\n")
    (workspace_dir / "tags" / ".gitkeep").write_text("")
    before = snapshot(workspace_dir)
    warning = "Warning: " + STRAY.format(path=stray) + "followed by .yaml\n"
    for args in (("tags", "--format", "json"), ("videos", "--format", "json")):
        r = cli(*args)
        assert r.exit_code == 0, r.stderr
        assert r.stderr == warning
        assert [row["video_id"] for row in json.loads(r.stdout)] == [VIDEO]
    r = cli("report", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert sum(row["tags"] for row in json.loads(r.stdout)["rows"]) == 1
    assert r.stderr.endswith(warning) and r.stderr.count("Warning:") == 1
    r = cli("search", "silos", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.endswith(warning) and r.stderr.count("Warning:") == 1
    assert snapshot(workspace_dir) == before


def test_a_stray_file_in_transcripts_is_named_once(cli, workspace_dir):
    store()
    stray = workspace_dir / "transcripts" / "talk.json"
    stray.write_text("{}")
    r = cli("videos")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "Warning: " + STRAY.format(path=stray) + "followed by .json\n"


def test_a_video_id_with_a_trailing_newline_is_no_video_id(cli):
    from aftershock_cli.core.model import check_video_id

    with pytest.raises(Exception, match="is not a YouTube video id"):
        check_video_id(VIDEO + "\n")


def test_settings_that_link_out_of_the_workspace_are_not_written_through(cli, tmp_path):
    root = tmp_path / "ws"
    outside = tmp_path / "outside.yaml"
    (root / "aftershock.yaml").rename(outside)
    (root / "aftershock.yaml").symlink_to(outside)
    kept = outside.read_bytes()
    r = cli("themes", "add", "newone")
    assert r.stderr == (
        f"Error: {root / 'aftershock.yaml'} is a link to {os.path.realpath(outside)}, outside "
        f"the workspace, not a workspace file{TAIL}\n"
    )
    assert r.exit_code == 1
    assert outside.read_bytes() == kept
