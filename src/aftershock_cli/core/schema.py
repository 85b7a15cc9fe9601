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

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BrokenFileError, InvalidInputError
from .model import Chapter, Rejection, Segment, Tag, Transcript

TRANSCRIPT_SCHEMA = "aftershock.transcript"
TRANSCRIPT_VERSION = 1
TAGS_VERSION = 1


def transcript_to_dict(t: Transcript) -> dict[str, Any]:
    data = _fields_to_dict(t)
    if t.upload_date:  # series metadata only when known, so other files keep their shape
        data["upload_date"] = t.upload_date
    if t.playlist_index is not None:
        data["playlist_index"] = t.playlist_index
    data["segments"] = [_segment_to_dict(s) for s in t.segments]
    return data


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
        segments = tuple(
            Segment(
                int(s["start_ms"]),
                int(s["duration_ms"]),
                str(s["text"]),
                str(s.get("speaker") or ""),
            )
            for s in data.get("segments") or ()
        )
        chapters = tuple(
            Chapter(int(c["start_ms"]), str(c["title"])) for c in data.get("chapters") or ()
        )
        duration = data.get("duration_ms")
        position = data.get("playlist_index")
        return Transcript(
            video_id=str(data["video_id"]),
            title=str(data.get("title") or ""),
            channel=str(data.get("channel") or ""),
            channel_handle=str(data.get("channel_handle") or ""),
            channel_id=str(data.get("channel_id") or ""),
            language_code=str(data.get("language_code") or ""),
            language=str(data.get("language") or ""),
            is_generated=bool(data.get("is_generated")),
            duration_ms=int(duration) if duration is not None else None,
            segments=segments,
            source=str(data.get("source") or ""),
            fetched_at=str(data.get("fetched_at") or ""),
            chapters=chapters,
            media=str(data.get("media") or ""),
            upload_date=str(data.get("upload_date") or ""),
            playlist_index=int(position) if position is not None else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BrokenFileError(path, f"malformed transcript: {_why(exc)}") from exc


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
    tags: list[Tag] = []
    for index, item in enumerate(items, 1):
        try:
            themes = item.get("themes") or []
            tags.append(
                Tag(
                    id=str(item["id"]),
                    video_id=video_id,
                    start_ms=int(item["start_ms"]),
                    end_ms=int(item["end_ms"]),
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
                        int(item["start_ms"]),
                        int(item["end_ms"]),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
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
    return str(exc)
