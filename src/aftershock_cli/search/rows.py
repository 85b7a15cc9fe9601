"""Reading transcript and tag files into the rows of the search index.

A text longer than ``MAX_ROW_CHARS`` (a caption cue of a whole talk, a pasted
document as a note) is cut at spaces into rows of at most that size, all with
the same times: the work of a query's snippet grows with the square of the
matches inside one row, so a bounded row keeps every query linear in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import BrokenFileError, InvalidInputError, UnusableFileError
from ..core.limits import MAX_TIME_MS
from ..core.values import TOO_LATE, ms_from
from ..files import fsutil
from .hits import NOTE as NOTE
from .hits import TRANSCRIPT as TRANSCRIPT

MAX_ROW_CHARS = 2000
"""The longest text one row of the index holds; longer texts are cut into several rows."""

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
    speakers: list[tuple[str, str]] = field(default_factory=list)
    """(video id, speaker name) of every speaker the transcript names, once each."""
    times: list[tuple[int, int]] = field(default_factory=list)
    """(start ms, end ms) of each segment of a transcript, in its order."""
    problem: str | None = None
    """Why the file could not be read (it then adds nothing)."""


def pieces(text: str) -> list[str]:
    """``text`` cut at spaces into pieces of at most ``MAX_ROW_CHARS`` characters
    (a piece without a space in its second half is cut mid-word); linear in the text."""
    if len(text) <= MAX_ROW_CHARS:
        return [text]
    out: list[str] = []
    start, size = 0, len(text)
    while start < size:
        end = min(start + MAX_ROW_CHARS, size)
        if end < size:
            cut = text.rfind(" ", start + MAX_ROW_CHARS // 2, end)
            end = cut if cut > start else end
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    return out


def read_transcript(path: Path, video_id: str) -> FileRows:
    """The segments of a transcript file, and the video's title and length."""
    try:
        data = fsutil.parse_json(fsutil.read_text(path, "transcript file"))
    except fsutil.JsonProblem as exc:
        raise BrokenFileError(path, f"cannot be read as JSON ({exc})") from exc
    try:
        hits: list[HitRow] = []
        speakers: dict[str, None] = {}
        times: list[tuple[int, int]] = []
        for number, s in enumerate(data.get("segments") or (), 1):
            # times read as the transcript reader reads them (``schema``), decimals rounded;
            # a whole number in range (as aftershock writes them) is taken as it is
            start, length = s["start_ms"], s["duration_ms"]
            if type(start) is not int or not 0 <= start <= MAX_TIME_MS:
                start = ms_from(start, f"segment {number}: start_ms")
            if type(length) is not int or not 0 <= length <= MAX_TIME_MS:
                length = ms_from(length, f"segment {number}: duration_ms")
            end = start + length
            if not 0 <= start <= end <= MAX_TIME_MS:  # SQLite holds 64 bits, no more
                raise ValueError(f"a segment's time is out of range ({TOO_LATE} or negative)")
            times.append((start, end))
            speaker = str(s.get("speaker") or "")
            if speaker:
                speakers[speaker] = None
            for text in pieces(str(s["text"])):
                hits.append((text, video_id, TRANSCRIPT, start, end, "", speaker))
        last = max((end for _, end in times), default=0)
        length = max(int(data.get("duration_ms") or 0), last)
        video = (video_id, str(data.get("title") or ""), str(data.get("channel") or ""), length)
        dates = (video_id, str(data.get("upload_date") or ""), str(data.get("fetched_at") or ""))
    except (AttributeError, KeyError, TypeError, ValueError, OverflowError) as exc:
        raise BrokenFileError(path, f"malformed transcript field ({exc})") from exc
    except InvalidInputError as exc:
        raise BrokenFileError(path, f"malformed transcript field ({exc.message})") from exc
    return FileRows(
        hits=hits,
        video=video,
        dates=dates,
        speakers=[(video_id, name) for name in speakers],
        times=times,
    )


def read_tags(tags: Iterable[Any], video_id: str) -> FileRows:
    """The tags of a video (``model.Tag`` objects) and their notes as searchable text."""
    out = FileRows()
    for tag in tags:
        out.tags.append(
            (tag.id, video_id, tag.start_ms, tag.end_ms, " ".join(tag.themes), tag.coder)
        )
        out.tag_themes += [(video_id, t, tag.id, tag.start_ms, tag.end_ms) for t in tag.themes]
        body = "\n".join(part for part in (tag.note, tag.section) if part)
        out.hits += [
            (text, video_id, NOTE, tag.start_ms, tag.end_ms, tag.id, "")
            for text in (pieces(body) if body else ())
        ]
    return out


def read_file(
    root: Path, name: str, kind: str, video_id: str, load_tags: Callable[[str], Iterable[Any]]
) -> FileRows:
    """The rows of one workspace file; a broken file gives no rows and a ``problem``."""
    try:
        if kind == TRANSCRIPT:  # tag files are checked as the workspace loads them
            problem = fsutil.entry_problem(root / name, root)
            if problem is not None:
                raise UnusableFileError(root / name, problem, "transcript file")
            return read_transcript(root / name, video_id)
        return read_tags(load_tags(video_id), video_id)
    except BrokenFileError as exc:
        return FileRows(problem=str(exc))
