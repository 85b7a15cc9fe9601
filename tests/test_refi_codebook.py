"""REFI-QDA codebooks: writing .qdc and merging codebooks that other tools wrote."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from aftershock_cli.core.codebook import default_codebook
from aftershock_cli.core.errors import InvalidInputError, NotFoundError
from aftershock_cli.core.model import Codebook, Theme
from aftershock_cli.refi.codebook import codebook_to_qdc, merge_codebook_file
from aftershock_cli.refi.ids import normalize_color, theme_color
from shared_files import REFI, shared

NS = "{urn:QDA-XML:codebook:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _book() -> Codebook:
    return Codebook(
        (
            Theme("gov", "Governance", description="How things are run."),
            Theme("silo", "Cross-silo work", parent="gov", color="#ff8800"),
            Theme("deep", "Deeper", parent="silo", guid="{6F1C1B1E-0C4A-4D59-9A3E-2B8A3D9F0A02}"),
            Theme("hcd", "Human-centred design"),
        )
    )


def test_qdc_nests_children_under_their_parents_with_stable_guids_and_colours():
    data = codebook_to_qdc(_book(), "study")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook xmlns=')
    root = ET.fromstring(data)
    assert root.tag == f"{NS}CodeBook"
    assert root.get("origin") == "aftershock 0.1.0"
    assert [c.tag for c in root] == [f"{NS}Codes"]
    top = list(root.find(f"{NS}Codes") or [])
    assert [c.get("name") for c in top] == ["Governance", "Human-centred design"]
    gov = top[0]
    assert gov.findtext(f"{NS}Description") == "How things are run."
    silo = gov.find(f"{NS}Code")
    assert silo is not None and silo.get("name") == "Cross-silo work"
    assert silo.get("color") == "#FF8800"
    deep = silo.find(f"{NS}Code")
    assert deep is not None and deep.get("guid") == "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02"
    for code in root.iter(f"{NS}Code"):
        assert code.get("isCodable") == "true"
        assert re.fullmatch(r"#[0-9A-F]{6}", code.get("color") or "")
        if code is not deep:
            assert GUID.match(code.get("guid") or "")
    assert codebook_to_qdc(_book(), "study") == data
    other = ET.fromstring(codebook_to_qdc(_book(), "another study"))
    assert other.find(f"{NS}Codes/{NS}Code").get("guid") != gov.get("guid")  # type: ignore[union-attr]


def test_an_empty_codebook_cannot_be_a_qdc():
    with pytest.raises(InvalidInputError) as info:
        codebook_to_qdc(Codebook(), "study")
    assert str(info.value) == (
        "the codebook has no themes, and a .qdc needs at least one; add a theme first"
    )


def test_colours_are_read_in_the_forms_tools_write():
    assert normalize_color("#ff8800") == "#FF8800"
    assert normalize_color("ff8800") == "#FF8800"
    assert normalize_color("#f80") == "#FF8800"
    assert normalize_color("#80FF8800") == "#FF8800"
    assert normalize_color("rgb(255, 136, 0)") == "#FF8800"
    assert normalize_color("blue") is None
    assert normalize_color("") is None
    assert theme_color(Theme("a", "A")) == theme_color(Theme("a", "Other label"))
    assert theme_color(Theme("a", "A")) != theme_color(Theme("b", "A"))


def test_a_qdc_merged_into_an_empty_codebook_gives_the_themes_back(tmp_path: Path):
    path = tmp_path / "book.qdc"
    path.write_bytes(codebook_to_qdc(default_codebook(), "study"))
    merged, report = merge_codebook_file(Codebook(), path)
    original = default_codebook()
    assert [t.label for t in merged] == [t.label for t in original]
    assert [t.description for t in merged] == [t.description for t in original]
    parents = {t.label: merged.get(t.parent).label if t.parent else None for t in merged}
    assert parents["Human-centred design"] == "Public sector innovation and collaboration"
    assert report[-1] == "codebook: 8 added, 0 updated, 0 linked, 0 unchanged"


TOLERANT_QDC = """<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="another tool">
  <Codes>
    <Code guid="{6F1C1B1E-0C4A-4D59-9A3E-2B8A3D9F0A01}" name="Governance" isCodable="false" color="ff8800">
      <Description>Renamed by a colleague.</Description>
      <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02" name="human-centred design" isCodable="true" color="blue"/>
    </Code>
    <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a03" name="Brand new" isCodable="true" color="#abc"/>
  </Codes>
  <Sets/>
</CodeBook>
"""


def test_merge_matches_by_guid_then_name_and_reports_every_change(tmp_path: Path):
    path = tmp_path / "taguette.qdc"
    path.write_text(TOLERANT_QDC)
    book = Codebook(
        (
            Theme("gov", "Government", guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a01"),
            Theme("hcd", "Human-centred design", description="Services for people."),
        )
    )
    merged, report = merge_codebook_file(book, path)
    assert report == [
        "updated gov (label 'Government' -> 'Governance', description, colour none -> #FF8800, "
        "not codable)",
        "ignored colour 'blue' of code 'human-centred design' (not #RRGGBB)",
        "updated hcd (parent none -> gov)",
        "added brand-new (Brand new)",
        "codebook: 1 added, 2 updated, 0 linked, 0 unchanged",
    ]
    assert [t.slug for t in merged] == ["gov", "hcd", "brand-new"]
    hcd = merged.get("hcd")
    assert (hcd.label, hcd.description, hcd.guid) == (
        "Human-centred design",
        "Services for people.",
        "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02",
    )
    assert merged.get("brand-new").color == "#AABBCC"
    again, report = merge_codebook_file(merged, path)
    assert again == merged
    assert report[-2:] == [
        "ignored colour 'blue' of code 'human-centred design' (not #RRGGBB)",
        "codebook: 0 added, 0 updated, 0 linked, 3 unchanged",
    ]


def test_a_qdpx_codebook_is_read_from_any_project_file_name(tmp_path: Path):
    path = tmp_path / "other.qdpx"
    project = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
        '<Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a09" name="Trust" isCodable="true"/>'
        "</Codes></CodeBook><Sets/></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("My Study.qde", project)
        archive.writestr("Sources/readme.txt", "x")
    merged, report = merge_codebook_file(Codebook((Theme("trust", "Trust"),)), path)
    assert report == [
        "linked trust to the code guid 6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a09",
        "codebook: 0 added, 0 updated, 1 linked, 0 unchanged",
    ]
    assert merged.get("trust").guid == "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a09"


def test_unreadable_codebooks_say_what_is_wrong(tmp_path: Path):
    with pytest.raises(NotFoundError) as missing:
        merge_codebook_file(Codebook(), tmp_path / "nope.qdc")
    assert str(missing.value) == f"{tmp_path}/nope.qdc does not exist; check the path"
    broken = tmp_path / "broken.qdc"
    broken.write_text("<CodeBook><Codes>")
    with pytest.raises(InvalidInputError) as bad:
        merge_codebook_file(Codebook(), broken)
    assert str(bad.value).startswith(f"{broken} is not well-formed XML (")
    assert str(bad.value).endswith("); export it again from the QDA tool")
    other = tmp_path / "other.qdc"
    other.write_text("<Something/>")
    with pytest.raises(InvalidInputError) as wrong:
        merge_codebook_file(Codebook(), other)
    assert str(wrong.value) == (
        f"{other} holds no codes (no CodeBook/Codes element); is it a REFI-QDA codebook?"
    )


def test_qdc_is_valid_against_the_refi_schema():
    import xmlschema

    schema = xmlschema.XMLSchema(str(shared(f"{REFI}/Codebook.xsd")))
    schema.validate(codebook_to_qdc(default_codebook(), "study").decode("utf-8"))
    schema.validate(codebook_to_qdc(_book(), "study").decode("utf-8"))


def test_imported_codes_get_the_slugs_tag_create_makes(cli, tmp_path: Path):
    path = tmp_path / "intl.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a11" name="Behörde" isCodable="true"/>'
        '<Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a12" name="Straße" isCodable="true"/>'
        '<Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a13" name="信頼と協力" isCodable="true"/>'
        "</Codes></CodeBook>\n",
        encoding="utf-8",
    )
    r = cli("themes", "import", str(path))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (
        "added behorde (Behörde)\n"
        "added strasse (Straße)\n"
        "added theme (信頼と協力)\n"
        f"Imported {path}: 3 change(s)\n"
    )
