"""REFI-QDA projects: the .qdpx of videos and tags, and reading one back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.core.model import Segment, Tag, Theme, Transcript
from aftershock_cli.export import ExportOptions
from aftershock_cli.refi.qdpx import import_qdpx, write_qdpx
from aftershock_cli.workspace.folder import Workspace
from shared_files import REFI, shared

P = "{urn:QDA-XML:project:1.0}"
VID = "t8dJdL0Wyw8"
BARE = "AAAAAAAAAAA"


def make_workspace(root: Path) -> Workspace:
    """Two videos: one with a transcript of overlapping captions, one with tags only."""
    ws = Workspace.init(root)
    with ws.editing_config() as config:
        config.codebook = config.codebook.with_theme(
            Theme("funding", "Funding gaps", keywords=("money",), parent="cross-silo")
        )
    segments = tuple(Segment(i * 3000, 4000, f"words of line {i} & <more>") for i in range(10))
    ws.save_transcript(
        Transcript(
            VID,
            title="A talk",
            channel="OPSI",
            channel_handle="opsi",
            language_code="en",
            duration_ms=31000,
            segments=segments,
            source="youtube",
            fetched_at="2026-11-29T17:00:00Z",
        )
    )
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags += [
            Tag(
                "tag00001",
                VID,
                3500,
                9000,
                ("cross-silo", "funding"),
                note='Silos & "bridges"',
                section="Intro / Panel",
                coder="ana",
                created="2026-11-29T17:00:00Z",
            ),
            Tag(
                "tag00002",
                VID,
                21000,
                21000,
                ("relationships",),
                coder="bo",
                created="2026-11-29T17:05:00Z",
                extra={"kind": "quote"},
            ),
        ]
    with ws.editing_tags(BARE) as tagfile:
        tagfile.tags.append(
            Tag("tag00003", BARE, 1000, 2500, ("anticipation",), created="2026-11-30T09:00:00Z")
        )
    return ws


def read_project(path: Path) -> tuple[ET.Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    return ET.fromstring(archive.read("project.qde")), archive


def test_the_project_holds_codes_users_sources_and_tags_in_schema_order(tmp_path: Path):
    ws = make_workspace(tmp_path / "study")
    out = tmp_path / "study.qdpx"
    write_qdpx(ws, [BARE, VID], out, ExportOptions())
    root, archive = read_project(out)
    assert sorted(archive.namelist())[0] == "aftershock.json"
    assert [c.tag.removeprefix(P) for c in root] == ["Users", "CodeBook", "Variables", "Sources"]
    assert root.get("name") == "study"
    users = {u.get("name"): u.get("guid") for u in root.iter(f"{P}User")}
    assert sorted(users) == ["ana", "bo"]
    codes = {c.get("name"): c.get("guid") for c in root.iter(f"{P}Code")}
    assert len(codes) == 9
    sources = root.findall(f"{P}Sources/{P}VideoSource")
    assert [s.get("name") for s in sources] == [BARE, "A talk"]
    talk = sources[1]
    assert talk.get("path") == f"https://www.youtube.com/watch?v={VID}"
    assert talk.get("creationDateTime") == "2026-11-29T17:00:00Z"
    assert talk.findtext(f"{P}Description") == (
        f"YouTube video {VID}: https://www.youtube.com/watch?v={VID}\nChannel: OPSI"
    )
    assert [c.tag.removeprefix(P) for c in talk] == [
        "Description",
        "Transcript",
        "VideoSelection",
        "VideoSelection",
        "VariableValue",
        "VariableValue",
        "VariableValue",
    ]
    transcript = talk.find(f"{P}Transcript")
    assert transcript is not None
    assert transcript.get("name") == "A talk (transcript, en)"
    assert transcript.get("creationDateTime") == "2026-11-29T17:00:00Z"
    assert transcript.get("modifiedDateTime") == "2026-11-29T17:00:00Z"
    ref = transcript.get("plainTextPath") or ""
    assert ref.startswith("internal://") and ref.endswith(".txt")
    text = archive.read("sources/" + ref.removeprefix("internal://")).decode("utf-8")
    assert text.splitlines()[3] == "words of line 3 & <more>"
    points = {p.get("guid"): p for p in transcript.findall(f"{P}SyncPoint")}
    assert len(points) == 11
    stamps = [int(p.get("timeStamp") or 0) for p in points.values()]
    assert stamps == [*range(0, 30000, 3000), 31000]
    first = transcript.findall(f"{P}TranscriptSelection")[0]
    start = int(points[first.get("fromSyncPoint")].get("position") or 0)
    end = int(points[first.get("toSyncPoint")].get("position") or 0)
    # 00:03.5-00:09: line 1 (from 00:03) is playing at the start, line 2 starts inside;
    # line 0 only overlaps by its display time and line 3 starts at the very end
    assert text[start:end].splitlines() == [f"words of line {i} & <more>" for i in (1, 2)]
    selection = talk.find(f"{P}VideoSelection")
    assert selection is not None
    assert (selection.get("begin"), selection.get("end")) == ("3500", "9000")
    assert selection.get("name") == "00:00:03-00:00:09"
    assert selection.get("creatingUser") == users["ana"]
    assert selection.get("creationDateTime") == "2026-11-29T17:00:00Z"
    assert selection.findtext(f"{P}Description") == 'Silos & "bridges"'
    refs = [r.get("targetGUID") for r in selection.iter(f"{P}CodeRef")]
    assert refs == [codes["Cross-sectoral and cross-silo work"], codes["Funding gaps"]]
    assert not list(root.iter(f"{P}Sets"))
    write_qdpx(ws, [BARE, VID], tmp_path / "again.qdpx", ExportOptions())
    assert (tmp_path / "again.qdpx").read_bytes() == out.read_bytes()


def test_export_filters_apply_to_the_tags(tmp_path: Path):
    ws = make_workspace(tmp_path / "study")
    out = tmp_path / "f.qdpx"
    write_qdpx(ws, [VID], out, ExportOptions(coder="bo"))
    root, _ = read_project(out)
    assert [s.get("begin") for s in root.iter(f"{P}VideoSelection")] == ["21000"]
    assert [u.get("name") for u in root.iter(f"{P}User")] == ["bo"]


def test_a_fresh_workspace_gets_the_same_themes_videos_and_tags_back(tmp_path: Path):
    ws = make_workspace(tmp_path / "study")
    out = tmp_path / "study.qdpx"
    write_qdpx(ws, ws.video_ids(), out, ExportOptions())
    fresh = Workspace(tmp_path / "fresh")
    report = import_qdpx(fresh, out)
    assert "added funding (Funding gaps, under cross-silo)" in report
    assert sum(line.startswith("linked ") for line in report) == 8
    assert report[-4:] == [
        "codebook: 1 added, 0 updated, 8 linked, 0 unchanged",
        f"{BARE}: 1 tag added",
        f"{VID}: transcript saved (10 segments)",
        f"{VID}: 2 tags added",
    ]
    assert [replace(t, guid="") for t in fresh.codebook()] == list(ws.codebook())
    assert fresh.video_ids() == ws.video_ids()
    assert fresh.load_transcript(VID) == ws.load_transcript(VID)
    assert not fresh.has_transcript(BARE)
    for video_id in ws.video_ids():
        assert fresh.load_tags(video_id) == ws.load_tags(video_id)
    again = import_qdpx(fresh, out)
    assert again == [
        "codebook: 0 added, 0 updated, 0 linked, 9 unchanged",
        f"{BARE}: 0 tags added, 1 already there",
        f"{VID}: kept the transcript already in the workspace",
        f"{VID}: 0 tags added, 2 already there",
    ]
    assert fresh.load_tags(VID) == ws.load_tags(VID)


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From another tool" origin="SomeQDA 3">
  <Users><User guid="0a0a0a0a-0000-4000-8000-000000000001" name="kim"/></Users>
  <CodeBook><Codes>
    <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02" name="cross-silo" isCodable="true" color="#f80"/>
    <Code guid="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a05" name="Power" isCodable="true" color="red"/>
  </Codes></CodeBook>
  <Variables><Variable guid="c0c0c0c0-0000-4000-8000-000000000001" name="url" typeOfVariable="Text"/></Variables>
  <Sources>
    <TextSource guid="1b1b1b1b-0000-4000-8000-000000000001" name="memo" plainTextPath="internal://memo.txt"/>
    <VideoSource guid="5f5f5f5f-0000-4000-8000-000000000001" name="Panel" path="absolute:///C:/panel.mp4">
      <Transcript guid="6a6a6a6a-0000-4000-8000-000000000001" plainTextPath="internal://panel.txt">
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000001" position="0" timeStamp="0"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000002" position="17" timeStamp="65000"/>
        <SyncPoint guid="7b7b7b7b-0000-4000-8000-000000000003" position="57" timeStamp="71500"/>
        <TranscriptSelection guid="8c8c8c8c-0000-4000-8000-000000000001"
            fromSyncPoint="7b7b7b7b-0000-4000-8000-000000000002"
            toSyncPoint="7b7b7b7b-0000-4000-8000-000000000003" creatingUser="0a0a0a0a-0000-4000-8000-000000000001">
          <Description>On silos</Description>
          <Coding guid="9d9d9d9d-0000-4000-8000-000000000001"><CodeRef targetGUID="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02"/></Coding>
        </TranscriptSelection>
      </Transcript>
      <VideoSelection guid="aeaeaeae-0000-4000-8000-000000000001" begin="100000" end="90000">
        <Coding guid="bfbfbfbf-0000-4000-8000-000000000001"><CodeRef targetGUID="6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a05"/></Coding>
      </VideoSelection>
      <VariableValue><VariableRef targetGUID="c0c0c0c0-0000-4000-8000-000000000001"/><TextValue>https://youtu.be/dQw4w9WgXcQ?t=3</TextValue></VariableValue>
    </VideoSource>
    <AudioSource guid="5f5f5f5f-0000-4000-8000-000000000002" name="Interview" path="relative:///a.mp3"/>
  </Sources>
  <Sets/>
</Project>
"""


def test_a_carriage_return_in_a_note_comes_back(tmp_path: Path):
    ws = make_workspace(tmp_path / "study")
    with ws.editing_tags(BARE) as tagfile:
        tagfile.tags[0] = replace(tagfile.tags[0], note="first line\r\nsecond\rthird")
    out = tmp_path / "study.qdpx"
    write_qdpx(ws, ws.video_ids(), out, ExportOptions())
    fresh = Workspace(tmp_path / "fresh")
    import_qdpx(fresh, out)
    assert [t.note for t in fresh.load_tags(BARE)] == ["first line\r\nsecond\rthird"]


def test_a_project_from_another_tool_is_read_tolerantly(tmp_path: Path):
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Other Project.qde", FOREIGN)
        archive.writestr(
            "Sources/panel.txt", "Welcome everyone.We had to break the silos between teams.\n"
        )
    ws = Workspace(tmp_path / "ws")
    report = import_qdpx(ws, path)
    assert report == [
        "updated cross-silo (colour none -> #FF8800)",
        "ignored colour 'red' of code 'Power' (not #RRGGBB)",
        "added power (Power)",
        "codebook: 1 added, 1 updated, 0 linked, 0 unchanged",
        "skipped TextSource 'memo': only video and audio sources become videos",
        "dQw4w9WgXcQ: transcript saved (2 segments)",
        "dQw4w9WgXcQ: skipped selection 'aeaeaeae-0000-4000-8000-000000000001': "
        "its times cannot be read",
        "dQw4w9WgXcQ: 1 tag added",
        "skipped AudioSource 'Interview': no YouTube video id or URL found in it",
    ]
    silo = ws.codebook().get("cross-silo")
    assert (silo.color, silo.guid) == ("#FF8800", "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02")
    transcript = ws.load_transcript("dQw4w9WgXcQ")
    assert transcript.title == "Panel"
    assert transcript.segments == (
        Segment(0, 65000, "Welcome everyone."),
        Segment(65000, 6500, "We had to break the silos between teams."),
    )
    (tag,) = ws.load_tags("dQw4w9WgXcQ")
    assert (tag.start_ms, tag.end_ms, tag.themes, tag.note, tag.coder) == (
        65000,
        71500,
        ("cross-silo",),
        "On silos",
        "kim",
    )
    assert len(tag.id) == 8


def test_files_that_are_no_project_are_refused(tmp_path: Path):
    ws = Workspace(tmp_path / "target")
    text = tmp_path / "notes.qdpx"
    text.write_text("hello")
    with pytest.raises(InvalidInputError) as not_zip:
        import_qdpx(ws, text)
    assert str(not_zip.value) == (
        f"{text} is not a .qdpx package (not a zip archive); export the project again"
    )
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("sources/a.txt", "x")
    with pytest.raises(InvalidInputError) as no_project:
        import_qdpx(ws, empty)
    assert str(no_project.value) == (
        f"{empty} holds no project file (.qde); is it a REFI-QDA project?"
    )
    assert not (tmp_path / "target").exists()


def test_the_extras_only_add_what_the_standard_cannot_say(tmp_path: Path):
    ws = make_workspace(tmp_path / "study")
    out = tmp_path / "study.qdpx"
    write_qdpx(ws, [VID], out, ExportOptions())
    extras = json.loads(zipfile.ZipFile(out).read("aftershock.json"))
    assert extras["schema"] == "aftershock.qdpx-extras"
    assert sorted(extras) == ["durations", "schema", "tags", "themes", "version", "videos"]
    assert extras["durations"][VID] == [4000] * 10
    assert "segments" not in extras["videos"][VID]


def test_the_project_is_valid_against_the_refi_schema(tmp_path: Path):
    import xmlschema

    xsd = shared(f"{REFI}/Project-mrt2019.xsd")
    ws = make_workspace(tmp_path / "study")
    out = tmp_path / "study.qdpx"
    write_qdpx(ws, ws.video_ids(), out, ExportOptions())
    schema = xmlschema.XMLSchema(str(xsd))
    schema.validate(zipfile.ZipFile(out).read("project.qde").decode("utf-8"))
