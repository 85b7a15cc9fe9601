"""Bringing a REFI-QDA project (``.qdpx``) into a workspace: codebook, videos, tags.

The whole file is read and checked first (``qdpx_read``); only then is
anything written, so a bad value anywhere leaves the workspace as it was.
Nothing already in the workspace is replaced: a stored transcript is kept, a
tag already there is not added twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Tag, Transcript
from .codebook import merge_codes
from .qdpx_read import ProjectIn, Selection, VideoIn, read_project

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


def import_qdpx(ws: Workspace, path: Path) -> list[str]:
    """Merge a ``.qdpx`` project into ``ws``; return the report, one line per change."""
    project = read_project(path)
    return write_project(ws, project)


def write_project(ws: Workspace, project: ProjectIn) -> list[str]:
    """Merge a project read and checked by ``read_project`` into ``ws``; the report."""
    report: list[str] = []
    slugs: dict[str, str] = {}
    if project.codes is not None:
        with ws.editing_config() as config:
            merge = merge_codes(config.codebook, list(project.codes), project.themes)
            config.codebook = merge.codebook
        report += merge.report
        slugs = merge.slugs
    for item in project.items:
        report += [item] if isinstance(item, str) else _write_video(ws, item, slugs)
    return report


def _write_video(ws: Workspace, video: VideoIn, slugs: dict[str, str]) -> list[str]:
    video_id = video.video_id
    report: list[str] = []
    if video.transcript is not None:
        # a fetch may be saving it now
        with ws.editing_transcript(video_id, broken_ok=True) as stored:
            if stored.exists:
                report.append(f"{video_id}: kept the transcript already in the workspace")
            else:
                stored.transcript = video.transcript
                report.append(_saved(video.transcript))
    report += video.remarks
    tags = [_tag(video_id, s, slugs) for s in video.selections]
    if not tags:
        return [*report, f"{video_id}: no tags in the file"]
    added = already = 0
    with ws.editing_tags(video_id) as tagfile:
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
                tag = replace(tag, id=ws.new_tag_id(video_id, taken))
            tagfile.tags.append(tag)
            taken.add(tag.id)
            added += 1
    line = f"{video_id}: {added} tag{'s' if added != 1 else ''} added"
    report.append(line + (f", {already} already there" if already else ""))
    return report


def _saved(transcript: Transcript) -> str:
    count = len(transcript.segments)
    if count:
        return f"{transcript.video_id}: transcript saved ({count} segments)"
    return f"{transcript.video_id}: title saved ('{transcript.title}'; the file has no transcript)"


def _place(tag: Tag) -> tuple[int, int, tuple[str, ...], str]:
    """What makes two tags alike: their range, themes and note."""
    return (tag.start_ms, tag.end_ms, tag.themes, tag.note)


def _tag(video_id: str, s: Selection, slugs: dict[str, str]) -> Tag:
    return Tag(
        id=s.tag_id,
        video_id=video_id,
        start_ms=s.start_ms,
        end_ms=s.end_ms,
        themes=tuple(dict.fromkeys(slugs[c] for c in s.codes if c in slugs)),
        note=s.note,
        section=s.section,
        coder=s.coder,
        created=s.created,
        extra=dict(s.extra),
    )
