"""How QDA tools read a ``.qdpx``, reduced to what they take for granted, for the tests.

``qualcoder_reads`` walks a project the way QualCoder's project import does
(``refi.py`` in its repository): it reads some attributes without checking that
they are there, and stops on the first that is missing. Here each such read is
``attrib[...]``, so a missing attribute raises ``KeyError`` naming it. It was
written from reading that importer; no code of it is used.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

NS = "{urn:QDA-XML:project:1.0}"


def qualcoder_reads(path: Path) -> list[str]:
    """Walk the project at ``path`` as QualCoder's import does; the names of its sources."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        qde = next(n for n in names if n.endswith(".qde"))
        root = ET.fromstring(archive.read(qde))
        # the project's origin is read to tell ATLAS.ti's line endings apart
        root.attrib["origin"].upper()
        folder = "sources/" if any(n.startswith("sources/") for n in names) else "Sources/"
        for child in root:
            if child.tag == f"{NS}Users":
                for user in child:
                    user.attrib["name"], user.attrib["guid"]
            if child.tag == f"{NS}CodeBook":
                codes = next(iter(child))  # Codes is taken to be the only child
                assert codes.tag == f"{NS}Codes", codes.tag
                for code in codes.iter(f"{NS}Code"):
                    code.attrib["name"]
            if child.tag == f"{NS}Variables":
                for variable in child:
                    variable.attrib["name"], variable.attrib["typeOfVariable"]
        sources = root.find(f"{NS}Sources")
        return [
            _media(source, folder, names) for source in (sources if sources is not None else ())
        ]


def _media(source: ET.Element, folder: str, names: list[str]) -> str:
    name = source.attrib["name"]
    if "path" not in source.attrib:
        # without a path, the plain-text path is split on its scheme, whatever the source
        source.attrib["plainTextPath"].split("internal:/")[1]
    for transcript in source.findall(f"{NS}Transcript"):
        _transcript(transcript, folder, names)
    for selection in source.findall(f"{NS}VideoSelection") + source.findall(f"{NS}AudioSelection"):
        int(selection.attrib["begin"]), int(selection.attrib["end"])
        _codings(selection)
    return name


def _transcript(transcript: ET.Element, folder: str, names: list[str]) -> None:
    # one of the two dates, then the name, which becomes a file's name
    when = transcript.get("creationDateTime") or transcript.attrib["modifiedDateTime"]
    when.replace("T", " ")
    name = transcript.attrib["name"]
    assert "/" not in name and "\\" not in name, name
    ref = transcript.attrib["plainTextPath"]
    assert ref.startswith("internal://"), ref
    assert folder + ref[len("internal://") :] in names, ref
    points = {}
    for point in transcript.findall(f"{NS}SyncPoint"):
        points[point.attrib["guid"]] = int(point.attrib["position"])
    for selection in transcript.findall(f"{NS}TranscriptSelection"):
        # stricter than QualCoder, which takes position 0 for a sync point it cannot find
        points[selection.attrib["fromSyncPoint"]], points[selection.attrib["toSyncPoint"]]
        _codings(selection)


def _codings(selection: ET.Element) -> None:
    for coding in selection.findall(f"{NS}Coding"):
        ref = next(iter(coding))  # the code reference is taken to be the first child
        assert ref.tag == f"{NS}CodeRef", ref.tag
        ref.attrib["targetGUID"]
