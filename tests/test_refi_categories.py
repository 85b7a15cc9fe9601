"""REFI-QDA categories (codes with isCodable="false") stay grouping themes, and code
descriptions come back exactly as they were written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import yaml

from aftershock_cli.core.model import Codebook, Theme
from aftershock_cli.refi.codebook import codebook_to_qdc, merge_codebook_file
from aftershock_cli.tagging.suggest import default_themes
from aftershock_cli.workspace.folder import Workspace

C = "{urn:QDA-XML:codebook:1.0}"
P = "{urn:QDA-XML:project:1.0}"
VID = "t8dJdL0Wyw8"

CATEGORY_QDC = """<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="another tool">
  <Codes>
    <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a01" name="Governance" isCodable="false" color="#336699">
      <Description>Groups the codes below.</Description>
      <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02" name="Silo busting" isCodable="true"/>
      <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a03" name="Trust" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>
"""


def test_a_category_becomes_a_grouping_theme_kept_in_the_settings(cli, workspace_dir: Path):
    path = workspace_dir.parent / "book.qdc"
    path.write_text(CATEGORY_QDC)
    result = cli("themes", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "added governance (Governance, not codable)" in result.stderr.splitlines()
    assert "added silo-busting (Silo busting, under governance)" in result.stderr.splitlines()
    book = Workspace(workspace_dir).codebook()
    assert (book.get("governance").codable, book.get("trust").codable) == (False, True)
    stored = yaml.safe_load((workspace_dir / "aftershock.yaml").read_text())
    saved = {t["slug"]: t for t in stored["themes"]}
    assert saved["governance"]["codable"] is False
    assert "codable" not in saved["trust"]
    listed = json.loads(cli("themes", "--format", "json").stdout)
    assert [t["codable"] for t in listed if t["slug"] in ("governance", "trust")] == [
        False,
        True,
    ]


def test_tagging_with_a_grouping_theme_is_refused_in_one_line(cli, workspace_dir: Path):
    path = workspace_dir.parent / "book.qdc"
    path.write_text(CATEGORY_QDC)
    assert cli("themes", "import", str(path)).exit_code == 0
    before = sorted(p.name for p in workspace_dir.rglob("*"))
    result = cli("tag", VID, "0:10-0:20", "governance", "--no-transcript")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: theme 'governance' groups other themes and is not codable; tag with a theme "
        "under it (silo-busting, trust)\n"
    )
    assert sorted(p.name for p in workspace_dir.rglob("*")) == before
    # a name to create whose slug is the grouping theme's is refused the same way
    result = cli("tag", VID, "0:10-0:20", "Governance!", "--create", "--no-transcript")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: theme 'governance' groups other themes")
    assert sorted(p.name for p in workspace_dir.rglob("*")) == before
    result = cli("tag", VID, "0:10-0:20", "trust", "--no-transcript")
    assert result.exit_code == 0, result.stderr


def test_suggestions_leave_out_a_grouping_theme_even_without_themes_under_it():
    book = Codebook(
        (
            Theme("empty-group", "Empty group", keywords=("silo",), codable=False),
            Theme("silos", "Silos", keywords=("silo",)),
        )
    )
    assert [t.slug for t in default_themes(book)] == ["silos"]


def test_a_grouping_theme_is_exported_as_not_codable_and_comes_back(tmp_path: Path):
    book = Codebook(
        (
            Theme("governance", "Governance", codable=False),
            Theme("trust", "Trust", parent="governance"),
        )
    )
    data = codebook_to_qdc(book, "study")
    codes = {c.get("name"): c.get("isCodable") for c in ET.fromstring(data).iter(f"{C}Code")}
    assert codes == {"Governance": "false", "Trust": "true"}
    path = tmp_path / "book.qdc"
    path.write_bytes(data)
    merged, _ = merge_codebook_file(Codebook(), path)
    assert [(t.slug, t.codable, t.parent) for t in merged] == [
        ("governance", False, None),
        ("trust", True, "governance"),
    ]
    # a tool that makes the category a code again makes the theme codable
    path.write_bytes(data.replace(b'isCodable="false"', b'isCodable="true"'))
    again, report = merge_codebook_file(merged, path)
    assert again.get("governance").codable
    assert report[0] == "updated governance (codable)"


def test_a_grouping_theme_travels_in_a_qdpx(cli, workspace_dir: Path, tmp_path: Path):
    path = tmp_path / "book.qdc"
    path.write_text(CATEGORY_QDC)
    assert cli("themes", "import", str(path)).exit_code == 0
    assert cli("tag", VID, "0:10-0:20", "trust", "--no-transcript").exit_code == 0
    out = tmp_path / "study.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    root = ET.fromstring(zipfile.ZipFile(out).read("project.qde"))
    codes = {c.get("name"): c.get("isCodable") for c in root.iter(f"{P}Code")}
    assert (codes["Governance"], codes["Trust"]) == ("false", "true")
    fresh = tmp_path / "fresh"
    Workspace.init(fresh)
    assert cli("-w", str(fresh), "import-qdpx", str(out)).exit_code == 0

    def shape(book: Codebook) -> list[tuple[str, str | None, bool, str]]:
        return [(t.slug, t.parent, t.codable, t.description) for t in book]

    assert shape(Workspace(fresh).codebook()) == shape(Workspace(workspace_dir).codebook())
    assert not Workspace(fresh).codebook().get("governance").codable


DESCRIPTIONS = (
    "Ends with two spaces  ",
    "Ends with a newline\n",
    "Lines\r\nwith CR LF, a tab\tand a blank line\n\n",
    "  starts with spaces",
)


def test_descriptions_come_back_exactly_from_a_qdc(tmp_path: Path):
    book = Codebook(
        tuple(Theme(f"t{i}", f"T{i}", description=d) for i, d in enumerate(DESCRIPTIONS))
    )
    path = tmp_path / "book.qdc"
    path.write_bytes(codebook_to_qdc(book, "study"))
    merged, _ = merge_codebook_file(Codebook(), path)
    assert [t.description for t in merged] == list(DESCRIPTIONS)
    again, report = merge_codebook_file(merged, path)
    assert again == merged
    assert report == ["codebook: 0 added, 0 updated, 0 linked, 4 unchanged"]


def test_descriptions_come_back_exactly_from_a_qdpx(cli, workspace_dir: Path, tmp_path: Path):
    ws = Workspace(workspace_dir)
    with ws.editing_config() as config:
        for i, text in enumerate(DESCRIPTIONS):
            config.codebook = config.codebook.with_theme(Theme(f"t{i}", f"T{i}", description=text))
    assert cli("tag", VID, "0:10-0:20", "t0", "--no-transcript").exit_code == 0
    out = tmp_path / "study.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    fresh = tmp_path / "fresh"
    Workspace.init(fresh)
    assert cli("-w", str(fresh), "import-qdpx", str(out)).exit_code == 0
    got = Workspace(fresh).codebook()
    assert [got.get(f"t{i}").description for i in range(4)] == list(DESCRIPTIONS)


def test_a_description_of_white_space_only_is_none(tmp_path: Path):
    path = tmp_path / "book.qdc"
    path.write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a01" name="A" isCodable="true">'
        "<Description>\n      </Description></Code></Codes></CodeBook>"
    )
    merged, _ = merge_codebook_file(Codebook(), path)
    assert merged.get("a").description == ""
