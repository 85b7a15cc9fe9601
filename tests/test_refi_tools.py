"""aftershock's .qdpx as other QDA tools read it, and their projects as aftershock reads them.

The projects below are written in the shapes QualCoder, MAXQDA, ATLAS.ti and
NVivo write, after their documented examples and the REFI-QDA standard's: how
each names its folder of sources, writes guids, paths and dates, and nests
categories. They are written for these tests, not exported by the tools.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Tag, Theme, Transcript
from aftershock_cli.export import ExportOptions
from aftershock_cli.refi.codebook import codebook_to_qdc
from aftershock_cli.refi.qdpx import import_qdpx, write_qdpx
from aftershock_cli.workspace.folder import Workspace
from refi_readers import qualcoder_reads
from shared_files import REFI, shared

P = "{urn:QDA-XML:project:1.0}"
VID = "t8dJdL0Wyw8"
BARE = "AAAAAAAAAAA"


def _workspace(root: Path) -> Workspace:
    """A grouping theme, descriptions with trailing white space, a transcript, tags."""
    ws = Workspace.init(root)
    with ws.editing_config() as config:
        book = config.codebook.with_theme(
            Theme("governance", "Governance", description="Groups.  \n", codable=False)
        )
        config.codebook = book.with_theme(
            Theme(
                "trust", "Trust / distrust", description="Said\r\nof\tpeople ", parent="governance"
            )
        )
    ws.save_transcript(
        Transcript(
            VID,
            title="A talk / panel",
            channel="OPSI",
            language_code="en",
            segments=tuple(Segment(i * 2000, 2500, f"line {i}") for i in range(5)),
            source="captions",
        )
    )
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags += [
            Tag("tag00001", VID, 2000, 6000, ("trust", "cross-silo"), note="A note  ", coder="ana"),
            Tag("-t8d0002", VID, 8000, 9000, ("trust",)),  # as older ids may start
        ]
    with ws.editing_tags(BARE) as tagfile:
        tagfile.tags.append(Tag("tag00003", BARE, 0, 1000, ("anticipation",), coder="bo"))
    return ws


def _export(tmp_path: Path) -> tuple[Workspace, Path]:
    ws = _workspace(tmp_path / "study")
    out = tmp_path / "study.qdpx"
    write_qdpx(ws, ws.video_ids(), out, ExportOptions())
    return ws, out


def _without(path: Path, out: Path, member: str, old: bytes, new: bytes = b"") -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                assert old in data, old
                data = data.replace(old, new)
            target.writestr(info, data)
    return out


def test_qualcoder_reads_every_source_of_an_export(tmp_path: Path):
    _, out = _export(tmp_path)
    assert qualcoder_reads(out) == [BARE, "A talk / panel"]


def _edited(path: Path, out: Path, change: Callable[[ET.Element], None]) -> Path:
    """A copy of the package at ``path`` whose project went through ``change``."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "project.qde":
                root = ET.fromstring(data)
                change(root)
                data = ET.tostring(root)
            target.writestr(info, data)
    return out


def _drop(tag: str, *names: str) -> Callable[[ET.Element], None]:
    def change(root: ET.Element) -> None:
        for element in root.iter(f"{P}{tag}"):
            for name in names:
                element.attrib.pop(name, None)

    return change


def test_the_qualcoder_reader_fails_without_a_path_or_the_transcript_dates(tmp_path: Path):
    """The reader above is no test that cannot fail: it stops where QualCoder stops."""
    _, out = _export(tmp_path)
    no_path = _edited(out, tmp_path / "a.qdpx", _drop("VideoSource", "path"))
    with pytest.raises(KeyError, match="plainTextPath"):
        qualcoder_reads(no_path)
    undated = _edited(
        out, tmp_path / "b.qdpx", _drop("Transcript", "creationDateTime", "modifiedDateTime")
    )
    with pytest.raises(KeyError, match="modifiedDateTime"):
        qualcoder_reads(undated)
    assert qualcoder_reads(_edited(out, tmp_path / "c.qdpx", lambda root: None)) == [
        BARE,
        "A talk / panel",
    ]


def test_a_transcript_without_a_fetch_time_is_dated_by_the_export(tmp_path: Path):
    _, out = _export(tmp_path)
    text = zipfile.ZipFile(out).read("project.qde").decode()
    head = text[text.index("<Transcript ") :].split(">", 1)[0]
    assert 'name="A talk _ panel (transcript, en)"' in head
    created = head.split('creationDateTime="', 1)[1].split('"', 1)[0]
    assert created == head.split('modifiedDateTime="', 1)[1].split('"', 1)[0]
    assert len(created) == 20 and created.endswith("Z")


def test_without_the_sidecar_a_source_name_becomes_the_title(tmp_path: Path):
    ws, out = _export(tmp_path)
    bare = tmp_path / "bare.qdpx"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(bare, "w") as target:
        for info in source.infolist():
            if info.filename != "aftershock.json":
                target.writestr(info, source.read(info))
    fresh = Workspace(tmp_path / "fresh")
    report = import_qdpx(fresh, bare)
    assert f"{VID}: transcript saved (5 segments)" in report
    got = fresh.load_transcript(VID)
    assert got.title == "A talk / panel"
    assert [s.text for s in got.segments] == [s.text for s in ws.load_transcript(VID).segments]
    assert not fresh.has_transcript(BARE)  # its source is named by its id only


def test_a_fresh_workspace_gets_the_tags_back_with_their_ids(tmp_path: Path):
    ws, out = _export(tmp_path)
    fresh = Workspace(tmp_path / "fresh")
    import_qdpx(fresh, out)
    assert [t.id for t in fresh.load_tags(VID)] == ["tag00001", "-t8d0002"]
    assert fresh.load_tags(VID) == ws.load_tags(VID)


def test_a_local_recording_named_in_the_sidecar_is_not_taken(tmp_path: Path):
    ws, out = _export(tmp_path)
    with ws.editing_transcript(VID) as stored:
        assert stored.transcript is not None
    changed = tmp_path / "media.qdpx"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "aftershock.json":
                extras = json.loads(data)
                extras["videos"][VID]["media"] = "/etc/passwd"
                data = json.dumps(extras).encode()
            target.writestr(info, data)
    fresh = Workspace(tmp_path / "fresh")
    import_qdpx(fresh, changed)
    assert fresh.load_transcript(VID).media == ""


def _package(path: Path, project: str, folder: str, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        for name, text in files.items():
            archive.writestr(f"{folder}/{name}", text)
    return path


CODES = """
  <CodeBook><Codes>
    <Code guid="{G}0a01" name="Governance" isCodable="false" color="#336699">
      <Code guid="{G}0a02" name="Silo busting" isCodable="true" color="#FF8800">
        <Description>Working across departments. </Description>
      </Code>
    </Code>
    <Code guid="{G}0a03" name="Trust" isCodable="true" color="#00AA00"/>
  </Codes></CodeBook>"""

QUALCODER = (
    """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="panel study" origin="QualCoder 3.6"
    creationDateTime="2025-03-01T10:00:00Z">
  <Users><User guid="0a0a0a0a-0000-4000-8000-000000000001" name="kim"/></Users>
"""
    + CODES.replace("{G}", "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f")
    + """
  <Variables><Variable guid="c0c0c0c0-0000-4000-8000-000000000001" name="url" typeOfVariable="Text"/></Variables>
  <Sources>
    <VideoSource guid="5f5f5f5f-0000-4000-8000-000000000001" name="panel.mp4"
        path="absolute:///home/kim/panel.mp4" creatingUser="0a0a0a0a-0000-4000-8000-000000000001"
        creationDateTime="2025-03-01T10:00:00Z">
      <Transcript plainTextPath="internal://7a7a7a7a-0000-4000-8000-000000000001.txt"
          creatingUser="0a0a0a0a-0000-4000-8000-000000000001" creationDateTime="2025-03-01T10:00:00Z"
          guid="6a6a6a6a-0000-4000-8000-000000000001" name="panel.mp4.transcribed">
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000001" position="0" timeStamp="0"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000002" position="17" timeStamp="65000"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000003" position="58" timeStamp="71500"/>
        <TranscriptSelection guid="8c8c8c8c-0000-4000-8000-000000000001" name="panel.mp4.transcribed"
            fromSyncPoint="7b7b7b7b-0000-4000-8000-000000000002" toSyncPoint="7b7b7b7b-0000-4000-8000-000000000003"
            creatingUser="0a0a0a0a-0000-4000-8000-000000000001" creationDateTime="2025-03-01T10:05:00Z">
          <Description>On silos</Description>
          <Coding guid="9d9d9d9d-0000-4000-8000-000000000001" creatingUser="0a0a0a0a-0000-4000-8000-000000000001">
            <CodeRef targetGUID="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02"/></Coding>
        </TranscriptSelection>
      </Transcript>
      <VariableValue><VariableRef targetGUID="c0c0c0c0-0000-4000-8000-000000000001"/>
        <TextValue>https://www.youtube.com/watch?v=dQw4w9WgXcQ</TextValue></VariableValue>
    </VideoSource>
  </Sources>
</Project>
"""
)

MAXQDA = (
    """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Panel" origin="MAXQDA 2022 (Release 22.8.0)"
    basePath="C:/Users/kim/Documents/MAXQDA">
  <Users><User guid="{0A0A0A0A-0000-4000-8000-000000000002}" name="KIM" id="K"/></Users>
"""
    + CODES.replace("{G}", "{6F1C1B1E-0C4A-4D59-9A3E-2B8A3D9F")
    .replace('0a01"', '0A01}"')
    .replace('0a02"', '0A02}"')
    .replace('0a03"', '0A03}"')
    + """
  <Sources>
    <VideoSource guid="{5F5F5F5F-0000-4000-8000-000000000002}" name="Panel on reform"
        path="relative://panel.mp4" creatingUser="{0A0A0A0A-0000-4000-8000-000000000002}"
        creationDateTime="2025-03-01T10:00:00Z">
      <Description>Recorded from https://youtu.be/dQw4w9WgXcQ</Description>
      <VideoSelection guid="{AEAEAEAE-0000-4000-8000-000000000002}" name="(65000,0),(71500,0)"
          begin="65000" end="71500" creatingUser="{0A0A0A0A-0000-4000-8000-000000000002}"
          creationDateTime="2025-03-01T10:05:00Z" modifiedDateTime="2025-03-01T10:05:00Z">
        <Coding guid="{BFBFBFBF-0000-4000-8000-000000000002}">
          <CodeRef targetGUID="{6F1C1B1E-0C4A-4D59-9A3E-2B8A3D9F0A03}"/></Coding>
      </VideoSelection>
    </VideoSource>
  </Sources>
</Project>
"""
)

ATLAS = (
    """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Panel" origin="ATLAS.ti 23 Windows">
  <Users><User guid="0a0a0a0a-0000-4000-8000-000000000003" name="Kim"/></Users>
"""
    + CODES.replace("{G}", "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f")
    + """
  <Sources>
    <VideoSource guid="5f5f5f5f-0000-4000-8000-000000000003" name="" path="relative:///panel.mp4">
      <Description>YouTube id dQw4w9WgXcQ</Description>
      <Transcript guid="6a6a6a6a-0000-4000-8000-000000000003" name="Panel on reform"
          plainTextPath="internal://6a6a6a6a-0000-4000-8000-000000000003.txt">
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000031" position="0" timeStamp="0"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000032" position="18" timeStamp="65000"/>
      </Transcript>
      <VideoSelection guid="aeaeaeae-0000-4000-8000-000000000003" begin="65000" end="71500"
          creatingUser="0a0a0a0a-0000-4000-8000-000000000003">
        <Coding guid="bfbfbfbf-0000-4000-8000-000000000003">
          <CodeRef targetGUID="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02"/></Coding>
      </VideoSelection>
    </VideoSource>
  </Sources>
</Project>
"""
)

NVIVO = (
    """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Panel" origin="NVivo 14">
  <Users><User guid="0a0a0a0a-0000-4000-8000-000000000004" name="Kim Lee"/></Users>
"""
    + CODES.replace("{G}", "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f").replace(
        'isCodable="false"', 'isCodable="true"'
    )
    + """
  <Variables><Variable guid="c0c0c0c0-0000-4000-8000-000000000004" name="Source URL" typeOfVariable="Text"/></Variables>
  <Sources>
    <VideoSource guid="5f5f5f5f-0000-4000-8000-000000000004" name="Panel on reform"
        path="internal://5f5f5f5f-0000-4000-8000-000000000004.mp4">
      <Transcript guid="6a6a6a6a-0000-4000-8000-000000000004" name="Panel on reform"
          creationDateTime="2025-03-01T10:00:00Z" modifiedDateTime="2025-03-02T09:00:00Z">
        <PlainTextContent>Welcome everyone. We had to break the silos between teams.</PlainTextContent>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000041" position="0" timeStamp="0"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000042" position="18" timeStamp="65000"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000043" position="58" timeStamp="71500"/>
        <TranscriptSelection guid="8c8c8c8c-0000-4000-8000-000000000004"
            fromSyncPoint="7b7b7b7b-0000-4000-8000-000000000042" toSyncPoint="7b7b7b7b-0000-4000-8000-000000000043"
            creatingUser="0a0a0a0a-0000-4000-8000-000000000004" creationDateTime="2025-03-02T09:00:00Z">
          <Coding guid="9d9d9d9d-0000-4000-8000-000000000004">
            <CodeRef targetGUID="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a01"/></Coding>
        </TranscriptSelection>
      </Transcript>
      <VariableValue><VariableRef targetGUID="c0c0c0c0-0000-4000-8000-000000000004"/>
        <TextValue>https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5</TextValue></VariableValue>
    </VideoSource>
  </Sources>
</Project>
"""
)

PANEL_TEXT = "Welcome everyone.\nWe had to break the silos between teams.\n"
TOOLS = {
    "QualCoder": (QUALCODER, "sources", {"7a7a7a7a-0000-4000-8000-000000000001.txt": PANEL_TEXT}),
    "MAXQDA": (MAXQDA, "sources", {}),
    "ATLAS.ti": (ATLAS, "sources", {"6a6a6a6a-0000-4000-8000-000000000003.txt": PANEL_TEXT}),
    "NVivo": (NVIVO, "Sources", {}),
}
EXPECTED = {
    # tool: (title, segments, (start, end, themes, coder) of the tag)
    "QualCoder": ("panel.mp4", 2, (65000, 71500, ("silo-busting",), "kim")),
    "MAXQDA": ("Panel on reform", 0, (65000, 71500, ("trust",), "KIM")),
    "ATLAS.ti": ("Panel on reform", 2, (65000, 71500, ("silo-busting",), "Kim")),
    "NVivo": ("Panel on reform", 2, (65000, 71500, ("governance",), "Kim Lee")),
}


@pytest.mark.parametrize("tool", list(TOOLS))
def test_a_project_in_the_shape_a_tool_writes_is_imported(tmp_path: Path, tool: str):
    project, folder, files = TOOLS[tool]
    path = _package(tmp_path / f"{tool}.qdpx", project, folder, files)
    ws = Workspace.init(tmp_path / "target")
    report = import_qdpx(ws, path)
    book = ws.codebook()
    grouping = tool != "NVivo"
    assert book.get("governance").codable is not grouping
    assert f"added governance (Governance{', not codable' if grouping else ''})" in report
    assert book.get("silo-busting").description == "Working across departments. "
    assert book.get("silo-busting").parent == "governance"
    title, segments, (start, end, themes, coder) = EXPECTED[tool]
    transcript = ws.load_transcript("dQw4w9WgXcQ")
    assert (transcript.title, len(transcript.segments)) == (title, segments)
    saved = (
        f"transcript saved ({segments} segments)"
        if segments
        else (f"title saved ('{title}'; the file has no transcript)")
    )
    assert f"dQw4w9WgXcQ: {saved}" in report
    (tag,) = ws.load_tags("dQw4w9WgXcQ")
    assert (tag.start_ms, tag.end_ms, tag.themes, tag.coder) == (start, end, themes, coder)
    # and what aftershock writes of it again is still read by QualCoder's importer
    out = tmp_path / "again.qdpx"
    write_qdpx(ws, ws.video_ids(), out, ExportOptions())
    assert qualcoder_reads(out) == [title]


def _exports(tmp_path: Path) -> dict[str, bytes]:
    """Every kind of REFI file aftershock writes, from workspaces of every shape here."""
    ws, out = _export(tmp_path)
    found = {
        "project": zipfile.ZipFile(out).read("project.qde"),
        "codebook": codebook_to_qdc(ws.codebook(), "study"),
    }
    for tool, (project, folder, files) in TOOLS.items():
        source = _package(tmp_path / f"{tool}.qdpx", project, folder, files)
        other = Workspace.init(tmp_path / tool)
        import_qdpx(other, source)
        again = tmp_path / f"{tool}-again.qdpx"
        write_qdpx(other, other.video_ids(), again, ExportOptions())
        found[f"project after {tool}"] = zipfile.ZipFile(again).read("project.qde")
        found[f"codebook after {tool}"] = codebook_to_qdc(other.codebook(), "study")
    return found


def test_every_export_is_valid_against_the_refi_schemas(tmp_path: Path):
    import xmlschema

    schemas = {
        "project": xmlschema.XMLSchema(str(shared(f"{REFI}/Project-mrt2019.xsd"))),
        "codebook": xmlschema.XMLSchema(str(shared(f"{REFI}/Codebook.xsd"))),
    }
    exports = _exports(tmp_path)
    assert len(exports) == 10
    for name, data in exports.items():
        errors = list(schemas[name.split()[0]].iter_errors(data.decode("utf-8")))
        assert not errors, (name, errors[:3])
