"""Reading a REFI-QDA project (``.qdpx``) into a workspace: codebook, videos, tags.

Video and audio sources are taken when a YouTube video id can be found for
them (a variable's value, a URL in the description, the path or the name);
their media selections (and transcript selections without one) become tags.
Nothing already in the workspace is replaced: a stored transcript is kept, a
tag already there is not added twice.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import AftershockError, BrokenFileError, InvalidInputError
from ..core.model import Segment, Tag, Transcript
from ..core.schema import transcript_from_dict
from ..core.videoid import parse_video_id
from .codebook import merge_codes, read_codes
from .ids import normalize_guid
from .package import Package, open_package
from .xmlutil import kid, kid_text, kids, local

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

_URL = re.compile(r"(?:https?://)?(?:www\.|m\.)?(?:youtube\.com|youtu\.be)/[^\s<>\"']+")
_SAID_ID = re.compile(r"\bYouTube (?:video |id |video id )?([A-Za-z0-9_-]{11})\b")
_MEDIA = ("VideoSource", "AudioSource")
_OTHER = ("TextSource", "PDFSource", "PictureSource")


@dataclass
class _Context:
    ws: Workspace
    package: Package
    slugs: dict[str, str]
    users: dict[str, str]
    ours: bool
    """The file was written by aftershock (segments are start/end sync point pairs)."""

    def extra(self, kind: str, key: str) -> dict[str, Any]:
        table = self.package.extras.get(kind)
        value = table.get(key) if isinstance(table, Mapping) else None
        return dict(value) if isinstance(value, Mapping) else {}


def import_qdpx(ws: Workspace, path: Path) -> list[str]:
    """Merge a ``.qdpx`` project into ``ws``; return the report, one line per change."""
    with open_package(path) as package:
        root = package.root
        if local(root.tag) != "Project":
            raise InvalidInputError(f"{path} holds no REFI-QDA project (root <{local(root.tag)}>)")
        report: list[str] = []
        slugs: dict[str, str] = {}
        book = kid(root, "CodeBook")
        codes = kid(book, "Codes") if book is not None else None
        if codes is not None:
            themes = package.extras.get("themes")
            with ws.editing_config() as config:
                merge = merge_codes(
                    config.codebook, read_codes(codes), themes if isinstance(themes, dict) else {}
                )
                config.codebook = merge.codebook
            report += merge.report
            slugs = merge.slugs
        users = {}
        for holder in kids(root, "Users"):
            for user in kids(holder, "User"):
                guid = normalize_guid(user.get("guid"))
                if guid:
                    users[guid] = user.get("name") or user.get("id") or ""
        ours = (root.get("origin") or "").startswith("aftershock")
        ctx = _Context(ws, package, slugs, users, ours)
        for holder in kids(root, "Sources"):
            for source in kids(holder, *_MEDIA, *_OTHER):
                report += _import_source(ctx, source)
    return report


def _import_source(ctx: _Context, source: ET.Element) -> list[str]:
    name = source.get("name") or source.get("guid") or "?"
    if local(source.tag) in _OTHER:
        return [f"skipped {local(source.tag)} '{name}': only video and audio sources become videos"]
    video_id = _video_id(source)
    if video_id is None:
        return [f"skipped {local(source.tag)} '{name}': no YouTube video id or URL found in it"]
    report: list[str] = []
    transcript_el = kid(source, "Transcript")
    points = _sync_points(transcript_el) if transcript_el is not None else {}
    transcript = _transcript(ctx, video_id, name, transcript_el, points)
    if transcript is not None:
        # a fetch may be saving it now
        with ctx.ws.editing_transcript(video_id, broken_ok=True) as stored:
            if stored.exists:
                report.append(f"{video_id}: kept the transcript already in the workspace")
            else:
                stored.transcript = transcript
                report.append(f"{video_id}: transcript saved ({len(transcript.segments)} segments)")
    tags, skipped = _tags(ctx, video_id, source, transcript_el, points)
    report += skipped
    added = already = 0
    if not tags:
        return [*report, f"{video_id}: no tags in the file"]
    with ctx.ws.editing_tags(video_id) as tagfile:
        taken = {t.id for t in tagfile.tags}
        # a note can state the same thing twice (two tags alike): each tag of the
        # file matches one tag already there, not every tag alike
        known = Counter(_place(t) for t in tagfile.tags)
        for tag in tags:
            if known[_place(tag)] > 0:
                known[_place(tag)] -= 1
                already += 1
                continue
            if not tag.id or tag.id in taken:
                tag = _with_id(tag, ctx.ws.new_tag_id(video_id, taken))
            tagfile.tags.append(tag)
            taken.add(tag.id)
            added += 1
    line = f"{video_id}: {added} tag{'s' if added != 1 else ''} added"
    report.append(line + (f", {already} already there" if already else ""))
    return report


def _place(tag: Tag) -> tuple[int, int, tuple[str, ...], str]:
    """What makes two tags alike: their range, themes and note."""
    return (tag.start_ms, tag.end_ms, tag.themes, tag.note)


def _with_id(tag: Tag, tag_id: str) -> Tag:
    return Tag(
        tag_id,
        tag.video_id,
        tag.start_ms,
        tag.end_ms,
        tag.themes,
        tag.note,
        tag.section,
        tag.coder,
        tag.created,
        tag.extra,
    )


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


def _sync_points(transcript: ET.Element) -> dict[str, tuple[int, int | None]]:
    """Sync point guid -> (position, time stamp), in document order."""
    out: dict[str, tuple[int, int | None]] = {}
    for point in kids(transcript, "SyncPoint"):
        guid = normalize_guid(point.get("guid"))
        position = _int(point.get("position"))
        if guid and position is not None:
            out[guid] = (position, _int(point.get("timeStamp")))
    return out


def _transcript(
    ctx: _Context,
    video_id: str,
    name: str,
    element: ET.Element | None,
    points: dict[str, tuple[int, int | None]],
) -> Transcript | None:
    segments = _segments(ctx, video_id, element, points) if element is not None else []
    meta = ctx.extra("videos", video_id)
    if meta:
        meta["segments"] = [
            {"start_ms": s.start_ms, "duration_ms": s.duration_ms, "text": s.text} for s in segments
        ]
        try:
            return transcript_from_dict(meta, ctx.package.path)
        except BrokenFileError:
            pass
    if not segments:
        return None
    return Transcript(
        video_id, title=name, segments=tuple(segments), source=f"qdpx:{ctx.package.path.name}"
    )


def _segments(
    ctx: _Context, video_id: str, element: ET.Element, points: dict[str, tuple[int, int | None]]
) -> list[Segment]:
    """One segment from each timed sync point to the next (to the end of the text for the last)."""
    text = kid_text(element, "PlainTextContent")
    ref = element.get("plainTextPath")
    if not text and ref:
        data = ctx.package.read_internal(ref)
        text = data.decode("utf-8-sig", errors="replace") if data is not None else ""
    timed = sorted((p, t) for p, t in points.values() if t is not None)
    if not text or not timed:
        return []
    bounds = [*timed, (len(text), timed[-1][1])]
    durations = ctx.package.extras.get("durations")
    exact = durations.get(video_id) if ctx.ours and isinstance(durations, Mapping) else None
    ours = isinstance(exact, list) and len(exact) == len(timed) - 1
    out: list[Segment] = []
    for (start, start_ms), (end, end_ms) in itertools.pairwise(bounds):
        chunk = text[start:end]
        if ours:
            if len(out) == len(timed) - 1:
                break
            words = chunk[:-1] if chunk.endswith("\n") else chunk
            length = int(exact[len(out)])  # type: ignore[index]
        else:
            words = chunk.strip()
            length = max(0, (end_ms or 0) - (start_ms or 0))
            if not words:
                continue
        out.append(Segment(start_ms or 0, length, words))
    return out


def _tags(
    ctx: _Context,
    video_id: str,
    source: ET.Element,
    transcript: ET.Element | None,
    points: dict[str, tuple[int, int | None]],
) -> tuple[list[Tag], list[str]]:
    tags: list[Tag] = []
    skipped: list[str] = []
    paired: set[str] = set()
    for selection in kids(source, "VideoSelection", "AudioSelection"):
        guid = normalize_guid(selection.get("guid")) or ""
        extra = ctx.extra("tags", guid)
        paired.add(str(extra.get("text_selection") or ""))
        start, end = _int(selection.get("begin")), _int(selection.get("end"))
        tag = _tag(ctx, video_id, selection, start, end, extra, skipped)
        if tag is not None:
            tags.append(tag)
    for selection in kids(transcript, "TranscriptSelection") if transcript is not None else ():
        guid = normalize_guid(selection.get("guid")) or ""
        if guid in paired:
            continue
        start = points.get(normalize_guid(selection.get("fromSyncPoint")) or "", (0, None))[1]
        end = points.get(normalize_guid(selection.get("toSyncPoint")) or "", (0, None))[1]
        tag = _tag(ctx, video_id, selection, start, end, {}, skipped)
        if tag is not None and not any(_same_place(tag, t) for t in tags):
            tags.append(tag)
    return tags, skipped


def _tag(
    ctx: _Context,
    video_id: str,
    selection: ET.Element,
    start: int | None,
    end: int | None,
    extra: dict[str, Any],
    skipped: list[str],
) -> Tag | None:
    label = selection.get("name") or selection.get("guid") or "?"
    themes: list[str] = []
    for coding in kids(selection, "Coding"):
        ref = kid(coding, "CodeRef")
        slug = (
            ctx.slugs.get(normalize_guid(ref.get("targetGUID")) or "") if ref is not None else None
        )
        if slug and slug not in themes:
            themes.append(slug)
    if start is None or end is None or end < start:
        skipped.append(f"{video_id}: skipped selection '{label}': its times cannot be read")
        return None
    if not themes:
        skipped.append(f"{video_id}: skipped selection '{label}': it has no code of the codebook")
        return None
    created = selection.get("creationDateTime") or ""
    return Tag(
        id=str(extra.get("id") or ""),
        video_id=video_id,
        start_ms=start,
        end_ms=end,
        themes=tuple(themes),
        note=kid_text(selection, "Description").strip(),
        section=str(extra.get("section") or ""),
        coder=ctx.users.get(normalize_guid(selection.get("creatingUser")) or "", ""),
        created=created,
        extra=dict(extra["extra"]) if isinstance(extra.get("extra"), Mapping) else {},
    )


def _same_place(a: Tag, b: Tag) -> bool:
    return a.start_ms < b.end_ms and b.start_ms < a.end_ms and set(a.themes) == set(b.themes)


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None
