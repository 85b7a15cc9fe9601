""".qdpx and .qdc files made to do harm: every value is checked before anything is written.

Each file is an aftershock export with one value changed (or a codebook nested
thousands of levels deep); the import is refused with one line naming the file
and the field, and the workspace is left exactly as it was.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace
from hostile import assert_refused, snapshot

VID = "t8dJdL0Wyw8"
GOOD_GUID = "6f1c1b1e-0c4a-4d59-9a3e-2b8a3d9f0a02"


def _export(cli: Callable[..., Any], tmp_path: Path) -> Path:
    """A .qdpx of a video with a transcript and a tag, from a workspace beside the test's."""
    ws = Workspace.init(tmp_path / "source")
    ws.save_transcript(
        Transcript(
            VID,
            title="A talk",
            channel="OPSI",
            duration_ms=9000,
            segments=(Segment(0, 3000, "Hello."), Segment(3000, 3000, "Silos.")),
            source="youtube",
            fetched_at="2026-11-29T17:00:00Z",
        )
    )
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags.append(Tag("tag00001", VID, 3000, 6000, ("cross-silo",), coder="ana"))
    out = tmp_path / "study.qdpx"
    result = cli("-w", str(ws.root), "export", VID, "--format", "qdpx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def _rewrite(path: Path, out: Path, member: str, change: Callable[[str], str]) -> Path:
    """A copy of the package at ``path`` whose ``member`` went through ``change``."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    return out


def _sidecar(change: Callable[[dict[str, Any]], None]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data)

    return edit


def _tag_extra(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["tags"].values()))  # type: ignore[no-any-return]


def _set(path: list[str], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


SIDECAR_CASES = {
    "a video id that climbs out of the folder": (
        _set(["videos", VID, "video_id"], "../../../etc/xx"),
        f"aftershock.json videos.{VID}.video_id '../../../etc/xx' is not a YouTube video id",
    ),
    "a key that is no video id": (
        lambda d: d["videos"].update({"../../../etc/xx": d["videos"].pop(VID)}),
        "aftershock.json videos '../../../etc/xx' is not a YouTube video id",
    ),
    "a duration that is no number": (
        _set(["videos", VID, "duration_ms"], "x"),
        f"aftershock.json videos.{VID}.duration_ms 'x' is not a whole number",
    ),
    "a duration that is NaN": (
        _set(["videos", VID, "duration_ms"], float("nan")),
        f"aftershock.json videos.{VID}.duration_ms nan is not a whole number",
    ),
    "a negative duration": (
        _set(["videos", VID, "duration_ms"], -5),
        f"aftershock.json videos.{VID}.duration_ms -5 is a negative time",
    ),
    "a caption past seven days": (
        _set(["durations", VID, 0], 604800001),
        f"aftershock.json durations.{VID}[0] 604800001 ms is later than seven days "
        "(604800000 ms), the limit",
    ),
    "a title with a line break": (
        _set(["videos", VID, "title"], "A talk\n---\nmalicious: yes"),
        f"aftershock.json videos.{VID}.title 'A talk\\n---\\nmalicious: yes' holds a line break "
        "or control character",
    ),
    "a channel that is no text": (
        _set(["videos", VID, "channel"], ["OPSI"]),
        f"aftershock.json videos.{VID}.channel ['OPSI'] is not a text",
    ),
    "a theme slug that is a path": (
        lambda d: next(iter(d["themes"].values())).update(slug="../../x"),
        "slug '../../x' is not a theme slug",
    ),
    "a tag id that is a path": (
        lambda d: _tag_extra(d).update(id="../../x"),
        ".id '../../x' is not a tag id (letters, digits, - and _)",
    ),
}


@pytest.mark.parametrize("case", list(SIDECAR_CASES))
def test_a_bad_value_in_the_sidecar_refuses_the_whole_import(
    cli, tmp_path: Path, workspace_dir: Path, case: str
):
    change, words = SIDECAR_CASES[case]
    good = _export(cli, tmp_path)
    bad = _rewrite(good, tmp_path / "bad.qdpx", "aftershock.json", _sidecar(change))
    before = snapshot(workspace_dir)
    line = assert_refused(cli("import-qdpx", str(bad)), str(bad))
    assert words in line
    assert line.endswith("; nothing was imported")
    assert snapshot(workspace_dir) == before


XML_CASES = {
    "a coder name with a line break": (
        ('name="ana"', 'name="ana&#10;bo"'),
        "the name of user",
    ),
    "a negative begin": (
        ('begin="3000"', 'begin="-1"'),
        "-1 is a negative time",
    ),
    "an end past seven days": (
        ('end="6000"', 'end="999999999999"'),
        "999999999999 ms is later than seven days",
    ),
    "a begin of five thousand digits": (
        ('begin="3000"', 'begin="' + "9" * 5000 + '"'),
        "is far too large a number",
    ),
    "a time stamp that is no number": (
        ('timeStamp="3000"', 'timeStamp="3e3"'),
        "'3e3' is not a whole number",
    ),
    "a video title with a control character": (
        ('name="A talk"', 'name="A&#9;talk&#10;"'),
        "the name of VideoSource",
    ),
}


@pytest.mark.parametrize("case", list(XML_CASES))
def test_a_bad_value_in_the_project_refuses_the_whole_import(
    cli, tmp_path: Path, workspace_dir: Path, case: str
):
    (old, new), words = XML_CASES[case]
    good = _export(cli, tmp_path)
    bad = _rewrite(good, tmp_path / "bad.qdpx", "project.qde", lambda t: t.replace(old, new, 1))
    before = snapshot(workspace_dir)
    line = assert_refused(cli("import-qdpx", str(bad)), str(bad))
    assert words in line
    assert snapshot(workspace_dir) == before


def test_a_bad_value_late_in_the_file_leaves_the_codebook_unchanged(
    cli, tmp_path: Path, workspace_dir: Path
):
    """The codebook comes first in the file; a bad tag id after it still changes nothing."""
    good = _export(cli, tmp_path)
    bad = _rewrite(
        good,
        tmp_path / "bad.qdpx",
        "aftershock.json",
        _sidecar(lambda d: _tag_extra(d).update(id="x" * 65)),
    )
    with Workspace(workspace_dir).editing_config() as config:
        config.codebook = config.codebook.without("anticipation")
    before = snapshot(workspace_dir)
    line = assert_refused(cli("import-qdpx", str(bad)), str(bad))
    assert "is not a tag id" in line
    assert snapshot(workspace_dir) == before


def _nested_codes(depth: int, namespace: str) -> str:
    opening = "".join(
        f'<Code guid="00000000-0000-4000-8000-{i:012d}" name="c{i}" isCodable="true">'
        for i in range(depth)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><CodeBook xmlns="{namespace}"><Codes>'
        + opening
        + "</Code>" * depth
        + "</Codes></CodeBook>"
    )


def test_a_qdc_nested_five_thousand_levels_is_refused(cli, tmp_path: Path, workspace_dir: Path):
    path = tmp_path / "deep.qdc"
    path.write_text(_nested_codes(5000, "urn:QDA-XML:codebook:1.0"))
    before = snapshot(workspace_dir)
    line = assert_refused(cli("themes", "import", str(path)), str(path))
    assert line == (
        f"Error: {path}: elements nested more than 200 levels deep, deeper than any real "
        "file; nothing was imported"
    )
    assert snapshot(workspace_dir) == before


def test_codes_nested_deeper_than_a_hundred_levels_are_refused(
    cli, tmp_path: Path, workspace_dir: Path
):
    path = tmp_path / "deep.qdc"
    path.write_text(_nested_codes(101, "urn:QDA-XML:codebook:1.0"))
    before = snapshot(workspace_dir)
    line = assert_refused(cli("themes", "import", str(path)), str(path))
    assert line == (
        f"Error: {path}: the codes are nested more than 100 levels deep, deeper than any "
        "real codebook; nothing was imported"
    )
    assert snapshot(workspace_dir) == before
    path.write_text(_nested_codes(100, "urn:QDA-XML:codebook:1.0"))
    assert cli("themes", "import", str(path)).exit_code == 0


def test_a_project_nested_five_thousand_levels_is_refused(cli, tmp_path: Path, workspace_dir: Path):
    project = _nested_codes(5000, "urn:QDA-XML:project:1.0").replace("CodeBook", "Project", 1)
    project = project.replace("<Codes>", "<CodeBook><Codes>", 1)
    project = project.replace("</Codes></CodeBook>", "</Codes></CodeBook></Project>")
    path = tmp_path / "deep.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
    before = snapshot(workspace_dir)
    line = assert_refused(cli("import-qdpx", str(path)), str(path), "project.qde")
    assert "nested more than 200 levels deep" in line
    assert snapshot(workspace_dir) == before
