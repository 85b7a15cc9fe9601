"""Whole projects in REFI-QDA: write a ``.qdpx`` of videos, their transcripts and tags.

Each video becomes a ``VideoSource`` whose ``path`` is the video's URL (the
package holds no media file; the URL is also in the ``Description`` and a text
variable). Its transcript is an internal plain-text file, one caption segment a
line, tied to the video's time by a ``SyncPoint`` at the start of every segment
and at the end of the last; it carries a creation and modification time, which
QDA tools read without checking that they are there.
Each tag becomes a ``TranscriptSelection`` over the characters of the
segments it covers and a ``VideoSelection`` over its exact milliseconds, both
carrying its codes and its note. ``import_qdpx`` (in ``qdpx_import``) reads
such a file back.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.clock import utc_now
from ..core.model import Codebook, Tag, Theme, Transcript
from ..core.schema import transcript_to_dict
from ..core.spoken import covered_segments
from ..core.timecode import format_hms
from ..export import load_video
from ..files import fsutil
from ..files.paths import safe_component
from ..tagging.themes import workspace_namespace
from . import PROJECT_NS
from .checks import is_datetime
from .codebook import ORIGIN, add_codes
from .ids import make_guid
from .package import EXTRAS_NAME, EXTRAS_SCHEMA
from .qdpx_import import import_qdpx
from .xmlutil import sub, to_bytes

if TYPE_CHECKING:
    from ..export import ExportOptions, VideoData
    from ..workspace.folder import Workspace

__all__ = ["build_qdpx", "import_qdpx", "write_qdpx"]

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
VARIABLES = (("url", "YouTube URL"), ("video_id", "YouTube video id"), ("channel", "Channel"))


def write_qdpx(ws: Workspace, video_ids: list[str], out_path: Path, options: ExportOptions) -> None:
    """Write the videos (tags filtered by ``options``) as a REFI-QDA project package."""
    videos = [load_video(ws, video_id, options) for video_id in video_ids]
    stored = {v for v in video_ids if ws.has_transcript(v)}
    name = ws.root.name or "aftershock"
    data = build_qdpx(videos, workspace_namespace(ws), name, stored, exported_at=utc_now())
    fsutil.write_output(out_path, data)


@dataclass
class _Builder:
    namespace: str
    guids: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    exported_at: str = "1970-01-01T00:00:00Z"

    def guid(self, kind: str, key: str) -> str:
        return make_guid(self.namespace, kind, key)


def build_qdpx(
    videos: list[VideoData],
    namespace: str,
    name: str,
    stored: set[str] | None = None,
    *,
    exported_at: str = "1970-01-01T00:00:00Z",
) -> bytes:
    """The bytes of a ``.qdpx`` holding ``videos``; ``stored`` are the ids with a real transcript.

    ``exported_at`` dates a transcript that does not say when it was fetched."""
    codebook = _codebook_for(videos)
    own = videos[0].codebook if videos else Codebook()
    b = _Builder(namespace, exported_at=exported_at)
    b.extras = {
        "schema": EXTRAS_SCHEMA,
        "version": 1,
        "themes": {},
        "tags": {},
        "videos": {},
        "durations": {},
    }
    root = ET.Element("Project", {"xmlns": PROJECT_NS, "name": name, "origin": ORIGIN})
    coders = sorted({t.coder for v in videos for t in v.tags if t.coder})
    if coders:
        users = sub(root, "Users")
        for coder in coders:
            b.users[coder] = b.guid("user", coder)
            sub(users, "User", guid=b.users[coder], name=coder)
    if len(codebook):
        b.guids = add_codes(sub(root, "CodeBook"), codebook, namespace)
        for theme in codebook:
            b.extras["themes"][b.guids[theme.slug]] = {
                "slug": theme.slug,
                "page": theme.page,
                "keywords": list(theme.keywords),
            }
            if theme.slug not in own:  # stands in for a theme no longer in the codebook
                b.extras["themes"][b.guids[theme.slug]]["placeholder"] = True
    if videos:
        variables = sub(root, "Variables")
        for key, label in VARIABLES:
            sub(
                variables,
                "Variable",
                guid=b.guid("variable", key),
                name=label,
                typeOfVariable="Text",
            )
        sources = sub(root, "Sources")
        for video in videos:
            _add_video(b, sources, video, video.transcript.video_id in (stored or set()))
    files = {"project.qde": to_bytes(root)}
    for file_name, text in b.files.items():
        files[f"sources/{file_name}"] = text.encode("utf-8")
    files[EXTRAS_NAME] = json.dumps(b.extras, ensure_ascii=False, indent=1, default=str).encode()
    return _zip(files)


def _codebook_for(videos: list[VideoData]) -> Codebook:
    """The codebook, plus a bare theme for any slug a tag uses that it lacks."""
    codebook = videos[0].codebook if videos else Codebook()
    for video in videos:
        for tag in video.tags:
            for slug in tag.themes:
                if slug not in codebook:
                    codebook = codebook.with_theme(Theme(slug, slug))
    return codebook


def _add_video(b: _Builder, sources: ET.Element, video: VideoData, stored: bool) -> None:
    t = video.transcript
    vid = t.video_id
    source = sub(
        sources,
        "VideoSource",
        guid=b.guid("video", vid),
        name=t.title or vid,
        path=t.url,
        **_dated(b, t, video.tags),
    )
    about = f"YouTube video {vid}: {t.url}"
    if t.channel:
        about += f"\nChannel: {t.channel}"
    sub(source, "Description", about)
    text_ranges = _add_transcript(b, source, video) if t.segments else {}
    for tag in video.tags:
        element = _selection(b, source, "VideoSelection", tag, "video")
        element.set("begin", str(tag.start_ms))
        element.set("end", str(tag.end_ms))
        _fill_selection(b, element, tag, "video")
        b.extras["tags"][element.get("guid")] = {
            "id": tag.id,
            "section": tag.section,
            "extra": dict(tag.extra),
            "text_selection": text_ranges.get(tag.id),
        }
    values = {"url": t.url, "video_id": vid, "channel": t.channel}
    for key, _label in VARIABLES:
        if values[key]:
            value = sub(source, "VariableValue")
            sub(value, "VariableRef", targetGUID=b.guid("variable", key))
            sub(value, "TextValue", values[key])
    if stored:
        meta = transcript_to_dict(t)
        meta.pop("segments")
        b.extras["videos"][vid] = meta


def _add_transcript(b: _Builder, source: ET.Element, video: VideoData) -> dict[str, str]:
    """The transcript with its sync points and one selection per tag; tag id -> selection guid.

    One sync point at the start of every segment and one at the end of the
    last keep the times rising with the text, as players expect; the exact
    segment lengths (captions overlap in time) go to the extras.
    """
    t = video.transcript
    vid = t.video_id
    guid = b.guid("transcript", vid)
    file_name = f"{guid}.txt"
    # QualCoder saves the transcript under its name: one file-name component
    label = safe_component(
        f"{t.title or vid} (transcript{', ' + t.language_code if t.language_code else ''})"
    )
    element = sub(
        source,
        "Transcript",
        guid=guid,
        name=label,
        plainTextPath=f"internal://{file_name}",
        **_dated(b, t, video.tags),
        modifiedDateTime=_dated(b, t, video.tags)["creationDateTime"],
    )
    points: list[str] = []
    offset = 0
    for index, segment in enumerate(t.segments):
        points.append(b.guid("sync", f"{vid}/{index}"))
        sub(
            element,
            "SyncPoint",
            guid=points[-1],
            position=str(offset),
            timeStamp=str(segment.start_ms),
        )
        offset += len(segment.text) + 1
    points.append(b.guid("sync", f"{vid}/end"))
    last_end = max(s.end_ms for s in t.segments)
    sub(element, "SyncPoint", guid=points[-1], position=str(offset - 1), timeStamp=str(last_end))
    b.files[file_name] = "\n".join(s.text for s in t.segments) + "\n"
    b.extras["durations"][vid] = [s.duration_ms for s in t.segments]
    out: dict[str, str] = {}
    number = {id(s): i for i, s in enumerate(t.segments)}
    for tag in video.tags:
        covered = [number[id(s)] for s in covered_segments(t.segments, tag.start_ms, tag.end_ms)]
        if not covered:
            continue
        selection = _selection(b, element, "TranscriptSelection", tag, "text")
        selection.set("fromSyncPoint", points[covered[0]])
        selection.set("toSyncPoint", points[covered[-1] + 1])
        _fill_selection(b, selection, tag, "text")
        out[tag.id] = selection.get("guid") or ""
    return out


def _dated(b: _Builder, t: Transcript, tags: Sequence[Tag] = ()) -> dict[str, str]:
    """When the transcript was fetched, else when it was first tagged, else when it was
    exported, as REFI dates it (the first two keep a repeated export byte for byte)."""
    if is_datetime(t.fetched_at):
        return {"creationDateTime": t.fetched_at}
    tagged = [tag.created for tag in tags if is_datetime(tag.created)]
    return {"creationDateTime": min(tagged, default=b.exported_at)}


def _selection(b: _Builder, parent: ET.Element, kind: str, tag: Tag, role: str) -> ET.Element:
    key = f"{tag.video_id}/{tag.id}"
    name = f"{format_hms(tag.start_ms)}-{format_hms(tag.end_ms)}"
    return sub(parent, kind, guid=b.guid(f"tag-{role}", key), name=name)


def _fill_selection(b: _Builder, element: ET.Element, tag: Tag, role: str) -> None:
    """Who and when (attributes), then the note and one ``Coding`` per theme."""
    who = {"creatingUser": b.users[tag.coder]} if tag.coder else {}
    when = {"creationDateTime": tag.created} if is_datetime(tag.created) else {}
    for key, value in {**who, **when}.items():
        element.set(key, value)
    if tag.note:
        sub(element, "Description", tag.note)
    for slug in dict.fromkeys(tag.themes):
        coding = sub(
            element, "Coding", guid=b.guid("coding", f"{tag.video_id}/{tag.id}/{slug}/{role}")
        )
        for key, value in {**who, **when}.items():
            coding.set(key, value)
        sub(coding, "CodeRef", targetGUID=b.guids[slug])


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
