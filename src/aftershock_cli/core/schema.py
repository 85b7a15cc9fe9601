"""The on-disk schemas of transcripts (JSON) and tag files (YAML).

``transcripts/<videoId>.json`` (schema ``aftershock.transcript``, version 1)::

    {"schema": "aftershock.transcript", "version": 1,
     "video_id": "t8dJdL0Wyw8", "title": "...", "channel": "...",
     "channel_handle": "...", "channel_id": "...", "language_code": "en",
     "language": "English", "is_generated": false, "duration_ms": 3840000,
     "source": "youtube", "fetched_at": "2026-11-29T17:00:00Z",
     "chapters": [{"start_ms": 0, "title": "Intro"}],
     "media": "media/talk.mp4",            # only when set: a local recording
     "upload_date": "2026-05-14", "playlist_index": 3,    # only when known
     "segments": [{"start_ms": 0, "duration_ms": 4200, "text": "..."}]}

``tags/<videoId>.yaml`` (version 1)::

    version: 1
    video_id: t8dJdL0Wyw8
    tags:
    - id: k3v9q2xa
      start_ms: 554000
      end_ms: 576000
      themes: [cross-silo]
      note: Silos broke down ...
      section: ''
      coder: ana
      created: '2026-11-29T17:00:00Z'
      extra: {}            # only when set
    layouts: []            # only when set: how imported notes were laid out
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BrokenFileError, InvalidInputError
from .limits import MAX_TAGS_PER_FILE, MAX_TIME_MS
from .model import Chapter, Rejection, Segment, Tag, Transcript
from .values import check_ms, kind_of, ms_from, text_from

TRANSCRIPT_SCHEMA = "aftershock.transcript"
TRANSCRIPT_VERSION = 1
TAGS_VERSION = 1


def transcript_to_dict(t: Transcript) -> dict[str, Any]:
    """The file's shape of ``t``; a time out of range (from any source) raises
    InvalidInputError, so that none is ever stored."""
    check_times(t)
    data = _fields_to_dict(t)
    if t.upload_date:  # series metadata only when known, so other files keep their shape
        data["upload_date"] = t.upload_date
    if t.playlist_index is not None:
        data["playlist_index"] = t.playlist_index
    data["segments"] = [_segment_to_dict(s) for s in t.segments]
    return data


def check_times(t: Transcript) -> None:
    """Raise InvalidInputError naming the first segment, chapter or duration of ``t``
    that lies outside 0 to seven days."""
    try:
        for index, segment in enumerate(t.segments, 1):
            check_ms(segment.start_ms, f"segment {index}: its start")
            check_ms(segment.end_ms, f"segment {index}: its end")
        for index, chapter in enumerate(t.chapters, 1):
            check_ms(chapter.start_ms, f"chapter {index}: its start")
        check_ms(t.duration_ms or 0, "the duration")
    except InvalidInputError as exc:
        raise InvalidInputError(
            f"{t.video_id}: {exc.message}; nothing was written", video_id=t.video_id
        ) from exc


def _fields_to_dict(t: Transcript) -> dict[str, Any]:
    return {
        "schema": TRANSCRIPT_SCHEMA,
        "version": TRANSCRIPT_VERSION,
        "video_id": t.video_id,
        "title": t.title,
        "channel": t.channel,
        "channel_handle": t.channel_handle,
        "channel_id": t.channel_id,
        "language_code": t.language_code,
        "language": t.language,
        "is_generated": t.is_generated,
        "duration_ms": t.duration_ms,
        "source": t.source,
        "fetched_at": t.fetched_at,
        "chapters": [{"start_ms": c.start_ms, "title": c.title} for c in t.chapters],
        **({"media": t.media} if t.media else {}),
    }


def _segment_to_dict(s: Segment) -> dict[str, Any]:
    """A segment as stored; ``speaker`` only when known, so files without voices keep
    their shape."""
    row: dict[str, Any] = {"start_ms": s.start_ms, "duration_ms": s.duration_ms, "text": s.text}
    if s.speaker:
        row["speaker"] = s.speaker
    return row


def transcript_from_dict(data: Any, path: Path | str) -> Transcript:
    if not isinstance(data, Mapping) or data.get("schema") != TRANSCRIPT_SCHEMA:
        raise BrokenFileError(
            path, f'not an aftershock transcript (no "schema": "{TRANSCRIPT_SCHEMA}")'
        )
    version = data.get("version")
    if version != TRANSCRIPT_VERSION:
        raise BrokenFileError(
            path,
            f"transcript schema version {version} is not supported (this aftershock reads {TRANSCRIPT_VERSION})",
        )
    try:
        return _transcript(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BrokenFileError(path, f"malformed transcript: {_why(exc)}") from exc
    except InvalidInputError as exc:
        raise BrokenFileError(path, f"malformed transcript: {exc.message}") from exc


def segment_texts(data: Any) -> list[str] | None:
    """The text of each segment of a transcript file's data, like ``segment_fields``
    but reading only the texts."""
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        return None
    try:
        texts = [s["text"] for s in segments]
    except (KeyError, TypeError):
        return None
    return texts if set(map(type, texts)) <= {str} else None


def segment_fields(data: Any) -> tuple[list[tuple[int, int]], list[str]] | None:
    """The (start, end) and the text of each segment of a transcript file's data, in
    order, read without making the segments; None unless every segment has the shape
    aftershock writes, so that a caller can fall back to ``transcript_from_dict`` and
    its precise errors."""
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        return None
    try:
        starts = [s["start_ms"] for s in segments]
        lengths = [s["duration_ms"] for s in segments]
        texts = [s["text"] for s in segments]
    except (KeyError, TypeError):
        return None
    kinds = (set(map(type, starts)), set(map(type, lengths)), set(map(type, texts)))
    if segments and kinds != ({int}, {int}, {str}):  # bool and float are other types
        return None
    ends = list(map(operator.add, starts, lengths))
    if segments and (min(starts) < 0 or min(lengths) < 0 or max(ends) > MAX_TIME_MS):
        return None
    return list(zip(starts, ends, strict=True)), texts


def _transcript(data: Mapping[str, Any]) -> Transcript:
    """The fields of a transcript file, each checked for its type and, for times, range."""
    segments = tuple(_segment(index, s) for index, s in enumerate(_items(data, "segments"), 1))
    chapters = tuple(
        Chapter(
            ms_from(c["start_ms"], f"chapter {index}: start_ms"),
            text_from(c["title"], f"chapter {index}: title"),
        )
        for index, c in enumerate(_items(data, "chapters"), 1)
    )
    duration = data.get("duration_ms")
    position = data.get("playlist_index")
    if position is not None and (type(position) is not int or not 0 < position < 10**9):
        raise InvalidInputError(f"playlist_index is {kind_of(position)}, not a place in a list")
    video_id = data["video_id"]
    if not isinstance(video_id, str):
        raise InvalidInputError(f"video_id is {kind_of(video_id)}, not a video id")
    text = {key: text_from(data.get(key), key) for key in TEXT_FIELDS}
    return Transcript(
        video_id=video_id,
        is_generated=bool(data.get("is_generated")),
        duration_ms=ms_from(duration, "duration_ms") if duration is not None else None,
        segments=segments,
        chapters=chapters,
        playlist_index=position,
        **text,
    )


TEXT_FIELDS = (
    "title",
    "channel",
    "channel_handle",
    "channel_id",
    "language_code",
    "language",
    "source",
    "fetched_at",
    "media",
    "upload_date",
)
"""The text fields of a stored transcript, besides its id and segments."""


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """A list of records (absent reads as empty); anything else is refused."""
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(x, Mapping) for x in items):
        raise InvalidInputError(f"{key} must be a list of records")
    return items


def _segment(index: int, s: Mapping[str, Any]) -> Segment:
    start, duration, text = s["start_ms"], s["duration_ms"], s["text"]
    if (  # the shape aftershock writes, checked quickly; anything else in detail
        type(start) is int
        and type(duration) is int
        and type(text) is str
        and start >= 0
        and duration >= 0
        and start + duration <= MAX_TIME_MS
    ):
        speaker = s.get("speaker")
        if speaker is None or type(speaker) is str:
            return Segment(start, duration, text, speaker or "")
    where = f"segment {index}"
    start = ms_from(start, f"{where}: start_ms")
    duration = ms_from(duration, f"{where}: duration_ms")
    check_ms(start + duration, f"{where}: its end")
    return Segment(
        start,
        duration,
        text_from(text, f"{where}: text"),
        text_from(s.get("speaker"), f"{where}: speaker"),
    )


@dataclass
class TagFile:
    """The contents of ``tags/<videoId>.yaml``."""

    video_id: str
    tags: list[Tag] = field(default_factory=list)
    layouts: list[dict[str, Any]] = field(default_factory=list)
    """Opaque records kept by ``import-note`` so that export can lay a note out again."""


def tag_to_dict(tag: Tag) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": tag.id,
        "start_ms": tag.start_ms,
        "end_ms": tag.end_ms,
        "themes": list(tag.themes),
        "note": tag.note,
        "section": tag.section,
        "coder": tag.coder,
        "created": tag.created,
    }
    if tag.extra:
        data["extra"] = dict(tag.extra)
    return data


def tagfile_to_dict(tf: TagFile) -> dict[str, Any]:
    if len(tf.tags) > MAX_TAGS_PER_FILE:
        raise InvalidInputError(
            f"{tf.video_id} would have {len(tf.tags):,} tags, more than the "
            f"{MAX_TAGS_PER_FILE:,} one video may have; nothing was written"
        )
    data: dict[str, Any] = {
        "version": TAGS_VERSION,
        "video_id": tf.video_id,
        "tags": [tag_to_dict(t) for t in tf.tags],
    }
    if tf.layouts:
        data["layouts"] = tf.layouts
    return data


def tagfile_from_dict(data: Any, path: Path | str, video_id: str) -> TagFile:
    if data is None:
        return TagFile(video_id)
    if not isinstance(data, Mapping):
        raise BrokenFileError(path, "a tag file must be a mapping with 'version' and 'tags'")
    if data.get("version", TAGS_VERSION) != TAGS_VERSION:
        raise BrokenFileError(path, f"tag file version {data.get('version')} is not supported")
    items = data.get("tags") or []
    if not isinstance(items, list):
        raise BrokenFileError(path, "'tags' must be a list")
    if len(items) > MAX_TAGS_PER_FILE:
        raise BrokenFileError(path, _too_many(len(items)))
    tags: list[Tag] = []
    for index, item in enumerate(items, 1):
        try:
            themes = item.get("themes") or []
            tags.append(
                Tag(
                    id=str(item["id"]),
                    video_id=video_id,
                    start_ms=ms_from(item["start_ms"], "start_ms"),
                    end_ms=ms_from(item["end_ms"], "end_ms"),
                    themes=tuple(str(t) for t in ([themes] if isinstance(themes, str) else themes)),
                    note=str(item.get("note") or ""),
                    section=str(item.get("section") or ""),
                    coder=str(item.get("coder") or ""),
                    created=str(item.get("created") or ""),
                    extra=dict(item.get("extra") or {}),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError, InvalidInputError) as exc:
            ident = item.get("id") if isinstance(item, Mapping) else None
            which = f"tag #{index}" + (f" ({ident})" if ident else "")
            raise BrokenFileError(path, f"{which} is malformed: {_why(exc)}") from exc
    layouts = data.get("layouts") or []
    return TagFile(video_id, tags, list(layouts) if isinstance(layouts, list) else [])


_TAG_ITEM = re.compile(r"^[ \t]*-[ \t]+id:", re.MULTILINE)


def check_tag_count(text: str, path: Path | str) -> None:
    """Refuse the text of a tag file with more tags than one video may have, counted
    before it is parsed (parsing takes about 9.5 KiB a tag)."""
    count = len(_TAG_ITEM.findall(text))
    if count > MAX_TAGS_PER_FILE:
        raise BrokenFileError(path, _too_many(count))


def _too_many(count: int) -> str:
    return f"holds {count:,} tags, more than the {MAX_TAGS_PER_FILE:,} one video may have"


def rejections_to_dict(items: list[Rejection]) -> dict[str, Any]:
    """``rejected.yaml``: per theme, the ranges the user rejected (by video, in time order)."""
    by_theme: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(items, key=lambda r: (r.theme, r.video_id, r.start_ms, r.end_ms)):
        by_theme.setdefault(r.theme, []).append(
            {"video_id": r.video_id, "start_ms": r.start_ms, "end_ms": r.end_ms}
        )
    return {"version": 1, "rejected": by_theme}


def rejections_from_dict(data: Any, path: Path | str) -> list[Rejection]:
    if data is None:
        return []
    themes = data.get("rejected") if isinstance(data, Mapping) else None
    if not isinstance(themes, Mapping):
        raise BrokenFileError(path, "the file must be a mapping with 'version' and 'rejected'")
    out: list[Rejection] = []
    for theme, items in themes.items():
        for index, item in enumerate(items or [], 1):
            try:
                out.append(
                    Rejection(
                        str(theme),
                        str(item["video_id"]),
                        ms_from(item["start_ms"], "start_ms"),
                        ms_from(item["end_ms"], "end_ms"),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError, InvalidInputError) as exc:
                raise BrokenFileError(
                    path, f"rejection #{index} of {theme} is malformed: {_why(exc)}"
                ) from exc
    return out


def _why(exc: Exception) -> str:
    """A short reason for a malformed record, in words rather than an exception's repr."""
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    if isinstance(exc, AttributeError):
        return "an entry is not a mapping of fields"
    if isinstance(exc, ValueError) and "invalid literal for int()" in str(exc):
        return "a time is not a whole number of milliseconds"
    if isinstance(exc, InvalidInputError):
        return exc.message
    return str(exc)
