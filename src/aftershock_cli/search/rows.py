"""Reading transcript and tag files into the rows of the search index."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import BrokenFileError

TRANSCRIPT = "transcript"
NOTE = "note"

HitRow = tuple[str, str, str, int, int, str, str]
"""(text, video id, kind, start ms, end ms, tag id, speaker) of one searchable piece of text."""


@dataclass
class FileRows:
    """What one file adds to the index."""

    hits: list[HitRow] = field(default_factory=list)
    video: tuple[str, str, str, int] | None = None
    """(video id, title, channel, length ms) from a transcript."""
    dates: tuple[str, str, str] | None = None
    """(video id, upload date, fetch time) from a transcript, as stored (either may be
    empty), for ordering talks by date without reading every transcript."""
    tags: list[tuple[str, str, int, int, str, str]] = field(default_factory=list)
    """(tag id, video id, start ms, end ms, space-separated themes, coder)."""
    tag_themes: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    """(video id, theme, tag id, start ms, end ms), one per theme of each tag."""
    problem: str | None = None
    """Why the file could not be read (it then adds nothing)."""


def read_transcript(path: Path, video_id: str) -> FileRows:
    """The segments of a transcript file, and the video's title and length."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise BrokenFileError(path, f"cannot be read as JSON ({exc})") from exc
    try:
        hits: list[HitRow] = []
        for s in data.get("segments") or ():
            start = int(s["start_ms"])
            end = start + int(s["duration_ms"])
            speaker = str(s.get("speaker") or "")
            hits.append((str(s["text"]), video_id, TRANSCRIPT, start, end, "", speaker))
        length = max(int(data.get("duration_ms") or 0), max((h[4] for h in hits), default=0))
        video = (video_id, str(data.get("title") or ""), str(data.get("channel") or ""), length)
        dates = (video_id, str(data.get("upload_date") or ""), str(data.get("fetched_at") or ""))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise BrokenFileError(path, f"malformed transcript field ({exc})") from exc
    return FileRows(hits=hits, video=video, dates=dates)


def read_tags(tags: Iterable[Any], video_id: str) -> FileRows:
    """The tags of a video (``model.Tag`` objects) and their notes as searchable text."""
    out = FileRows()
    for tag in tags:
        out.tags.append(
            (tag.id, video_id, tag.start_ms, tag.end_ms, " ".join(tag.themes), tag.coder)
        )
        out.tag_themes += [(video_id, t, tag.id, tag.start_ms, tag.end_ms) for t in tag.themes]
        body = "\n".join(part for part in (tag.note, tag.section) if part)
        if body:
            out.hits.append((body, video_id, NOTE, tag.start_ms, tag.end_ms, tag.id, ""))
    return out


def read_file(
    root: Path, name: str, kind: str, video_id: str, load_tags: Callable[[str], Iterable[Any]]
) -> FileRows:
    """The rows of one workspace file; a broken file gives no rows and a ``problem``."""
    try:
        if kind == TRANSCRIPT:
            return read_transcript(root / name, video_id)
        return read_tags(load_tags(video_id), video_id)
    except BrokenFileError as exc:
        return FileRows(problem=str(exc))
