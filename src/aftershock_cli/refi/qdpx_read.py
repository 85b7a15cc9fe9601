"""Reading a REFI-QDA project (``.qdpx``) into typed records, every value checked, nothing written.

Video and audio sources are taken when a YouTube video id can be found for
them (a variable's value, a URL in the description, the path or the name);
their media selections (and transcript selections without one) become tag
drafts whose codes are still the file's guids. ``qdpx_import`` writes them.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import AftershockError, BrokenFileError, InvalidInputError
from ..core.limits import MAX_TAGS_PER_FILE
from ..core.model import Segment, Transcript
from ..core.schema import TRANSCRIPT_SCHEMA, TRANSCRIPT_VERSION, transcript_from_dict
from ..core.videoid import parse_video_id
from .checks import Checker, ThemeExtra, is_datetime
from .codebook import Code, read_codes
from .ids import normalize_guid
from .package import Package, open_package
from .sidecar import Sidecar, read_sidecar
from .xmlutil import kid, kid_text, kids, local

_URL = re.compile(r"(?:https?://)?(?:www\.|m\.)?(?:youtube\.com|youtu\.be)/[^\s<>\"']+")
_SAID_ID = re.compile(r"\bYouTube (?:video |id |video id )?([A-Za-z0-9_-]{11})\b")
MEDIA = ("VideoSource", "AudioSource")
OTHER = ("TextSource", "PDFSource", "PictureSource")


@dataclass(frozen=True)
class Selection:
    """A coded range of a video as the file states it; its codes are the file's guids."""

    start_ms: int
    end_ms: int
    codes: tuple[str, ...]
    note: str = ""
    coder: str = ""
    created: str = ""
    tag_id: str = ""
    section: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VideoIn:
    """One video of the file: its transcript (when it has one) and its coded selections."""

    video_id: str
    transcript: Transcript | None
    selections: tuple[Selection, ...]
    remarks: tuple[str, ...]
    """Selections skipped, in the report's words."""


@dataclass(frozen=True)
class ProjectIn:
    """What a ``.qdpx`` holds for a workspace, checked."""

    codes: tuple[Code, ...] | None
    """None when the file has no codebook."""
    themes: dict[str, ThemeExtra]
    items: tuple[VideoIn | str, ...]
    """The sources in file order; a text is the report line of a skipped source."""


@dataclass
class _Reader:
    package: Package
    check: Checker
    side: Sidecar
    codes: set[str]
    """Guids of the named codes of the codebook."""
    users: dict[str, str] = field(default_factory=dict)

    @property
    def ours(self) -> bool:
        """Written by aftershock: segments are start/end sync point pairs."""
        return (self.package.root.get("origin") or "").startswith("aftershock")


def read_project(path: Path) -> ProjectIn:
    """Everything of the ``.qdpx`` at ``path`` a workspace takes; raise on the first bad value."""
    check = Checker(path)
    with open_package(path) as package:
        root = package.root
        if local(root.tag) != "Project":
            raise InvalidInputError(f"{path} holds no REFI-QDA project (root <{local(root.tag)}>)")
        book = kid(root, "CodeBook")
        holder = kid(book, "Codes") if book is not None else None
        codes = tuple(read_codes(holder, check)) if holder is not None else None
        side = read_sidecar(package.extras, check)
        named = {c.guid for c in codes or () if c.guid and c.name}
        reader = _Reader(package, check, side, named, _users(root, check))
        items: list[VideoIn | str] = []
        for sources in kids(root, "Sources"):
            items += [_source(reader, source) for source in kids(sources, *MEDIA, *OTHER)]
    return ProjectIn(codes, side.themes, tuple(items))


def _users(root: ET.Element, check: Checker) -> dict[str, str]:
    """User guid -> name (the coder of the selections that user made)."""
    out: dict[str, str] = {}
    for users in kids(root, "Users"):
        for user in kids(users, "User"):
            guid = normalize_guid(user.get("guid"))
            name = check.line(user.get("name") or user.get("id"), f"the name of user {guid}")
            if guid:
                out[guid] = name.strip()
    return out


def _source(r: _Reader, source: ET.Element) -> VideoIn | str:
    kind = local(source.tag)
    transcript_el = kid(source, "Transcript")
    # ATLAS.ti leaves a media source's name empty and names its transcript
    named = source.get("name") or (transcript_el.get("name") if transcript_el is not None else "")
    name = r.check.line(named, f"the name of {kind} {source.get('guid') or '?'}").strip()
    shown = name or source.get("guid") or "?"
    if kind in OTHER:
        return f"skipped {kind} '{shown}': only video and audio sources become videos"
    video_id = _video_id(source)
    if video_id is None:
        return f"skipped {kind} '{shown}': no YouTube video id or URL found in it"
    points = _sync_points(r, transcript_el) if transcript_el is not None else {}
    transcript = _transcript(r, video_id, name, transcript_el, points)
    remarks: list[str] = []
    selections = _selections(r, video_id, source, transcript_el, points, remarks)
    if len(selections) > MAX_TAGS_PER_FILE:
        raise r.check.refuse(
            f"{kind} '{shown}'",
            f"has {len(selections):,} coded selections, more than the {MAX_TAGS_PER_FILE:,} "
            "tags a video may have",
        )
    return VideoIn(video_id, transcript, tuple(selections), tuple(remarks))


def _video_id(source: ET.Element) -> str | None:
    candidates = [kid_text(v, "TextValue") for v in kids(source, "VariableValue")]
    description = kid_text(source, "Description")
    candidates += _URL.findall(description) + _SAID_ID.findall(description)
    candidates += [source.get("path") or "", source.get("currentPath") or ""]
    candidates += _URL.findall(source.get("name") or "")
    for value in candidates:
        if value.strip():
            try:
                return parse_video_id(value)
            except AftershockError:
                continue
    return None


def _sync_points(r: _Reader, transcript: ET.Element) -> dict[str, tuple[int, int | None]]:
    """Sync point guid -> (position, time stamp), in document order."""
    out: dict[str, tuple[int, int | None]] = {}
    for point in kids(transcript, "SyncPoint"):
        guid = normalize_guid(point.get("guid"))
        where = f"SyncPoint {point.get('guid') or '?'}"
        raw = point.get("position")
        position = r.check.integer(raw, f"the position of {where}") if raw is not None else None
        if position is not None and position < 0:
            raise r.check.refuse(f"the position of {where}", f"{position} is negative")
        stamp = point.get("timeStamp")
        time = r.check.time_ms(stamp, f"the timeStamp of {where}") if stamp is not None else None
        if guid and position is not None:
            out[guid] = (position, time)
    return out


def _transcript(
    r: _Reader,
    video_id: str,
    name: str,
    element: ET.Element | None,
    points: dict[str, tuple[int, int | None]],
) -> Transcript | None:
    segments = _segments(r, video_id, element, points) if element is not None else []
    meta = r.side.videos.get(video_id)
    if meta is not None:
        rows = [
            {"start_ms": s.start_ms, "duration_ms": s.duration_ms, "text": s.text} for s in segments
        ]
        data = {**meta, "segments": rows}
        if data.get("schema") == TRANSCRIPT_SCHEMA and data.get("version") == TRANSCRIPT_VERSION:
            try:
                return transcript_from_dict(data, r.package.path)
            except BrokenFileError as exc:
                raise r.check.refuse(f"aftershock.json videos.{video_id}", exc.problem) from None
    if r.side.present and not segments:
        return None  # aftershock wrote no transcript of this video
    title = name if name and name != video_id and not _URL.search(name) else ""
    if not segments and not title:
        return None
    source = f"qdpx:{r.package.path.name}"
    return Transcript(video_id, title=title, segments=tuple(segments), source=source)


def _segments(
    r: _Reader, video_id: str, element: ET.Element, points: dict[str, tuple[int, int | None]]
) -> list[Segment]:
    """One segment from each timed sync point to the next (to the end of the text for the last)."""
    text = kid_text(element, "PlainTextContent")
    ref = element.get("plainTextPath")
    if not text and ref:
        data = r.package.read_internal(ref)
        text = data.decode("utf-8-sig", errors="replace") if data is not None else ""
    text = r.check.text(text, f"the transcript of {video_id}")
    timed = sorted((p, t) for p, t in points.values() if t is not None)
    if not text or not timed:
        return []
    bounds = [*timed, (len(text), timed[-1][1])]
    exact = r.side.durations.get(video_id) if r.ours else None
    ours = exact is not None and len(exact) == len(timed) - 1
    out: list[Segment] = []
    for (start, start_ms), (end, end_ms) in itertools.pairwise(bounds):
        chunk = text[start:end]
        if ours and exact is not None:
            if len(out) == len(timed) - 1:
                break
            words = chunk[:-1] if chunk.endswith("\n") else chunk
            length = exact[len(out)]
        else:
            words = chunk.strip()
            length = max(0, (end_ms or 0) - (start_ms or 0))
            if not words:
                continue
        out.append(Segment(start_ms or 0, length, words))
    return out


def _selections(
    r: _Reader,
    video_id: str,
    source: ET.Element,
    transcript: ET.Element | None,
    points: dict[str, tuple[int, int | None]],
    remarks: list[str],
) -> list[Selection]:
    out: list[Selection] = []
    paired: set[str] = set()
    for element in kids(source, "VideoSelection", "AudioSelection"):
        guid = normalize_guid(element.get("guid")) or ""
        extra = r.side.tags.get(guid)
        paired.add(extra.text_selection if extra else "")
        start, end = (_time(r, element, key) for key in ("begin", "end"))
        found = _selection(r, video_id, element, start, end, guid, remarks)
        if found is not None:
            out.append(found)
    for element in kids(transcript, "TranscriptSelection") if transcript is not None else ():
        if (normalize_guid(element.get("guid")) or "") in paired:
            continue
        start = points.get(normalize_guid(element.get("fromSyncPoint")) or "", (0, None))[1]
        end = points.get(normalize_guid(element.get("toSyncPoint")) or "", (0, None))[1]
        found = _selection(r, video_id, element, start, end, "", remarks)
        if found is not None and not any(_same_place(found, s) for s in out):
            out.append(found)
    return out


def _time(r: _Reader, element: ET.Element, key: str) -> int | None:
    value = element.get(key)
    where = f"{key} of {local(element.tag)} {element.get('guid') or '?'}"
    return r.check.time_ms(value, where) if value is not None else None


def _selection(
    r: _Reader,
    video_id: str,
    element: ET.Element,
    start: int | None,
    end: int | None,
    guid: str,
    remarks: list[str],
) -> Selection | None:
    label = element.get("name") or element.get("guid") or "?"
    where = f"{local(element.tag)} {element.get('guid') or '?'}"
    codes: list[str] = []
    for coding in kids(element, "Coding"):
        ref = kid(coding, "CodeRef")
        target = normalize_guid(ref.get("targetGUID")) if ref is not None else None
        if target in r.codes and target not in codes:
            codes.append(target)
    note = r.check.text(kid_text(element, "Description"), f"the description of {where}")
    if start is None or end is None or end < start:
        remarks.append(f"{video_id}: skipped selection '{label}': its times cannot be read")
        return None
    if not codes:
        remarks.append(f"{video_id}: skipped selection '{label}': it has no code of the codebook")
        return None
    created = element.get("creationDateTime") or ""
    extra = r.side.tags.get(guid)
    return Selection(
        start_ms=start,
        end_ms=end,
        codes=tuple(codes),
        note=note if note.strip() else "",
        coder=r.users.get(normalize_guid(element.get("creatingUser")) or "", ""),
        created=created if is_datetime(created) else "",
        tag_id=extra.tag_id if extra else "",
        section=extra.section if extra else "",
        extra=extra.extra if extra else {},
    )


def _same_place(a: Selection, b: Selection) -> bool:
    return a.start_ms < b.end_ms and b.start_ms < a.end_ms and set(a.codes) == set(b.codes)
