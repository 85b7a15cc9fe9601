"""Values a user or a file can hold that other tools choke on: control characters."""

from __future__ import annotations

from tagging_data import VIDEO, store


def test_control_characters_in_a_note_and_a_label_do_not_break_the_qdpx(cli, tmp_path):
    store()
    assert cli("themes", "add", "odd", "--label", "Odd\x01label\x0b").exit_code == 0
    note = "Bell\x07 and escape\x1b in a note"
    assert cli("tag", VIDEO, "0:00-0:04", "odd", "--note", note).exit_code == 0
    path = tmp_path / "out.qdpx"
    r = cli("export", VIDEO, "--format", "qdpx", "-o", str(path))
    assert r.exit_code == 0, r.stderr
    import zipfile

    with zipfile.ZipFile(path) as archive:
        project = archive.read("project.qde").decode()
    assert "\x07" not in project
    assert "Bell and escape in a note" in project
    assert 'name="Oddlabel"' in project
    other = tmp_path / "other"
    other.mkdir()
    assert cli("init", str(other)).exit_code == 0
    r = cli("--workspace", str(other), "import-qdpx", str(path))
    assert r.exit_code == 0, r.stderr


def test_json_nested_deeper_than_the_parser_follows_is_one_line(cli, tmp_path, workspace_dir):
    from hostile import snapshot

    captions = tmp_path / "deep.json"
    captions.write_text("[" * 100_000 + "]" * 100_000)
    listing = tmp_path / "listing.json"
    listing.write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    before = snapshot(workspace_dir)
    r = cli("fetch", "--file", str(captions), VIDEO)
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {captions}: not valid JSON (nested too deeply); download the file again\n",
    )
    r = cli("fetch", "--from-file", str(listing))
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {listing}: not valid JSON (nested too deeply); a series listing is the JSON "
        "yt-dlp writes for a flat playlist\n",
    )
    assert snapshot(workspace_dir) == before
