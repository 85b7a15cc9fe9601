"""The QDA exchange through the command line: themes export/import, export --format qdpx, import-qdpx."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from aftershock_cli.core.model import Codebook, Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

VID = "t8dJdL0Wyw8"


def _tagged(root: Path) -> Workspace:
    ws = Workspace(root) if (root / "aftershock.yaml").is_file() else Workspace.init(root)
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags.append(
            Tag("tag00001", VID, 554000, 576000, ("cross-silo",), note="Silos broke down.")
        )
    return ws


def test_import_qdpx_round_trips_an_export(cli, workspace_dir: Path, tmp_path: Path):
    source = _tagged(workspace_dir)
    out = tmp_path / "study.qdpx"
    result = cli("export", VID, "--format", "qdpx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert zipfile.is_zipfile(out)
    fresh = tmp_path / "fresh"
    Workspace.init(fresh)
    result = cli("-w", str(fresh), "import-qdpx", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2:] == [
        "codebook: 0 added, 0 updated, 8 linked, 0 unchanged",
        f"{VID}: 1 tag added",
    ]
    assert Workspace(fresh).load_tags(VID) == source.load_tags(VID)
    result = cli("-w", str(fresh), "import-qdpx", str(out), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "file": str(out),
        "changes": [
            "codebook: 0 added, 0 updated, 0 linked, 8 unchanged",
            f"{VID}: 0 tags added, 1 already there",
        ],
    }


def test_import_qdpx_errors_are_one_line(cli, tmp_path: Path):
    missing = tmp_path / "nope.qdpx"
    result = cli("import-qdpx", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing} does not exist; check the path\n"
    text = tmp_path / "notes.qdpx"
    text.write_text("not a zip")
    result = cli("import-qdpx", str(text))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {text} is not a .qdpx package (not a zip archive); export the project again\n"
    )
    assert result.stdout == ""


def test_themes_travel_as_qdc_between_workspaces(cli, workspace_dir: Path, tmp_path: Path):
    Workspace(workspace_dir)
    result = cli("themes", "add", "funding", "--label", "Funding gaps")
    assert result.exit_code == 0, result.stderr
    qdc = tmp_path / "book.qdc"
    assert cli("themes", "export", "--format", "qdc", "-o", str(qdc)).exit_code == 0
    first = qdc.read_bytes()
    assert cli("themes", "export", "--format", "qdc", "-o", str(qdc)).exit_code == 0
    assert qdc.read_bytes() == first
    other = tmp_path / "other"
    Workspace.init(other)
    result = cli("-w", str(other), "themes", "import", str(qdc))
    assert result.exit_code == 0, result.stderr
    # a .qdc has no room for slugs: a new theme's slug is made from its name
    assert "added funding-gaps (Funding gaps)" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == f"Imported {qdc}: 9 change(s)"
    assert Workspace(other).codebook().get("funding-gaps").label == "Funding gaps"
    result = cli("-w", str(other), "themes", "import", str(qdc))
    assert result.stderr.splitlines()[-1] == f"Imported {qdc}: the codebook already had it all"


def test_import_qdpx_keeps_a_statement_a_note_makes_twice(cli, workspace_dir: Path, tmp_path: Path):
    ws = Workspace(workspace_dir)
    ws.save_transcript(Transcript(VID, "Talk", segments=(Segment(0, 9000, "words"),)))
    twice = [
        Tag(tag_id, VID, 1000, 4000, ("cross-silo",), note="Said twice.", section=section)
        for tag_id, section in (("tag00001", "Intro"), ("tag00002", "Summary"))
    ]
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags += twice
    out = tmp_path / "twice.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    fresh = tmp_path / "fresh"
    Workspace.init(fresh)
    result = cli("-w", str(fresh), "import-qdpx", str(out))
    assert result.stdout.splitlines()[-1] == f"{VID}: 2 tags added"
    assert Workspace(fresh).load_tags(VID) == ws.load_tags(VID)
    result = cli("-w", str(fresh), "import-qdpx", str(out))
    assert result.stdout.splitlines()[-1] == f"{VID}: 0 tags added, 2 already there"


def _damage(package: Path, member: str) -> None:
    """Overwrite the start of ``member``'s compressed data, as a broken download would."""
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo(member)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    data = bytearray(package.read_bytes())
    at = info.header_offset
    start = at + 30 + int.from_bytes(data[at + 26 : at + 28], "little")
    start += int.from_bytes(data[at + 28 : at + 30], "little")
    data[start] = 0xFF  # a deflate block of the reserved type
    package.write_bytes(bytes(data))


def test_a_damaged_qdpx_member_is_one_line(cli, workspace_dir: Path, tmp_path: Path):
    _tagged(workspace_dir)
    out = tmp_path / "study.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    _damage(out, "project.qde")
    config = (workspace_dir / "aftershock.yaml").read_text()
    expected = (
        f"Error: {out} is not a .qdpx package (cannot unpack project.qde: Error -3 while "
        "decompressing data: invalid block type); export the project again\n"
    )
    fresh = tmp_path / "fresh"
    Workspace.init(fresh)
    result = cli("-w", str(fresh), "import-qdpx", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", expected)
    result = cli("themes", "import", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", expected)
    assert (workspace_dir / "aftershock.yaml").read_text() == config


def test_a_damaged_source_inside_a_qdpx_is_one_line(cli, workspace_dir: Path, tmp_path: Path):
    ws = _tagged(workspace_dir)
    ws.save_transcript(Transcript(VID, title="Panel", segments=(Segment(0, 5000, "Welcome."),)))
    out = tmp_path / "study.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        (source,) = [n for n in archive.namelist() if n.startswith("sources/")]
    _damage(out, source)
    Workspace.init(tmp_path / "fresh")
    result = cli("-w", str(tmp_path / "fresh"), "import-qdpx", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {out} is not a .qdpx package (cannot unpack {source}: Error -3 while "
        "decompressing data: invalid block type); export the project again\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read any file")
def test_an_unreadable_qdc_is_one_line(cli, tmp_path: Path):
    book = tmp_path / "book.qdc"
    book.write_bytes(cli("themes", "export", "--format", "qdc").stdout.encode())
    book.chmod(0)
    result = cli("themes", "import", str(book))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {book}: Permission denied; fix the file by hand (it was left unchanged) "
        "and try again\n",
    )


def test_a_removed_theme_never_renames_a_theme_on_import(cli, workspace_dir: Path, tmp_path: Path):
    ws = Workspace(workspace_dir)
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags.append(Tag("tag00001", VID, 10000, 21000, ("anticipation",)))
    with ws.editing_config() as config:
        config.codebook = Codebook(tuple(t for t in config.codebook if t.slug != "anticipation"))
    out = tmp_path / "study.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    fresh = tmp_path / "fresh"
    Workspace.init(fresh)
    result = cli("-w", str(fresh), "import-qdpx", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        "codebook: 0 added, 0 updated, 7 linked, 1 unchanged",
        f"{VID}: 1 tag added",
    ]
    theme = Workspace(fresh).codebook().get("anticipation")
    assert theme.label == "Anticipation and futures"
    assert [t.themes for t in Workspace(fresh).load_tags(VID)] == [("anticipation",)]
    empty = tmp_path / "empty"
    Workspace.init(empty)
    with Workspace(empty).editing_config() as config:
        config.codebook = Codebook(())
    result = cli("-w", str(empty), "import-qdpx", str(out))
    assert "added anticipation (anticipation)" in result.stdout.splitlines()
