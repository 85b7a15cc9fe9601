"""aftershock's sidecar of a ``.qdpx`` (``aftershock.json``), read into checked records.

The sidecar says what the standard cannot (theme slugs, tag ids, a video's
metadata, exact caption lengths). It comes with the file, so each of its values
is checked like any other value of the file; a local recording's path is
dropped, since it names a file on the machine that wrote the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.schema import TEXT_FIELDS
from .checks import Checker, ThemeExtra

_LINES = tuple(key for key in TEXT_FIELDS if key != "media")
"""The transcript's text fields a sidecar may give (not a local recording's path)."""


@dataclass(frozen=True)
class TagExtra:
    """What the sidecar says of a tag: its id, section and extra data."""

    tag_id: str = ""
    section: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    text_selection: str = ""
    """The guid of the transcript selection written for the same tag."""


@dataclass(frozen=True)
class Sidecar:
    present: bool = False
    themes: dict[str, ThemeExtra] = field(default_factory=dict)
    tags: dict[str, TagExtra] = field(default_factory=dict)
    videos: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Video id -> the transcript's record without segments (as ``schema`` writes it)."""
    durations: dict[str, list[int]] = field(default_factory=dict)


def read_sidecar(extras: Mapping[str, Any], check: Checker) -> Sidecar:
    """The sidecar's records; raise naming the first value that breaks its rule."""
    if not extras:
        return Sidecar()
    return Sidecar(
        present=True,
        themes=check.theme_extras(extras.get("themes")),
        tags={str(k): _tag(check, str(k), v) for k, v in _table(check, extras, "tags").items()},
        videos={
            check.video_id(k, "aftershock.json videos"): _video(check, str(k), v)
            for k, v in _table(check, extras, "videos").items()
        },
        durations={
            check.video_id(k, "aftershock.json durations"): _durations(check, str(k), v)
            for k, v in _table(check, extras, "durations").items()
        },
    )


def _table(check: Checker, extras: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table = extras.get(name)
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise check.refuse(f"aftershock.json {name}", "is not a table")
    return table


def _tag(check: Checker, guid: str, item: object) -> TagExtra:
    where = f"aftershock.json tags.{guid}"
    if not isinstance(item, Mapping):
        raise check.refuse(where, "is not a record of a tag")
    extra = item.get("extra") or {}
    if not isinstance(extra, Mapping) or not all(isinstance(k, str) for k in extra):
        raise check.refuse(f"{where}.extra", "is not a table")
    paired = item.get("text_selection")
    return TagExtra(
        tag_id=check.tag_id(item.get("id"), f"{where}.id"),
        section=check.line(item.get("section"), f"{where}.section"),
        extra=dict(extra),
        text_selection=paired if isinstance(paired, str) else "",
    )


def _video(check: Checker, video_id: str, item: object) -> dict[str, Any]:
    where = f"aftershock.json videos.{video_id}"
    if not isinstance(item, Mapping):
        raise check.refuse(where, "is not a record of a video")
    meta = {k: v for k, v in item.items() if k not in ("media", "segments")}
    if check.video_id(item.get("video_id"), f"{where}.video_id") != video_id:
        raise check.refuse(f"{where}.video_id", f"'{item.get('video_id')}' is another video")
    for key in _LINES:
        meta[key] = check.line(item.get(key), f"{where}.{key}")
    if item.get("duration_ms") is not None:
        meta["duration_ms"] = check.time_ms(item["duration_ms"], f"{where}.duration_ms")
    if not isinstance(item.get("is_generated", False), bool):
        raise check.refuse(f"{where}.is_generated", "is not true or false")
    if item.get("playlist_index") is not None:
        index = check.integer(item["playlist_index"], f"{where}.playlist_index")
        if index < 0:
            raise check.refuse(f"{where}.playlist_index", f"{index} is negative")
        meta["playlist_index"] = index
    chapters = item.get("chapters") or []
    if not isinstance(chapters, list):
        raise check.refuse(f"{where}.chapters", "is not a list")
    meta["chapters"] = [
        _chapter(check, f"{where}.chapters[{i}]", c) for i, c in enumerate(chapters)
    ]
    return meta


def _chapter(check: Checker, where: str, item: object) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise check.refuse(where, "is not a chapter")
    return {
        "start_ms": check.time_ms(item.get("start_ms"), f"{where}.start_ms"),
        "title": check.line(item.get("title"), f"{where}.title"),
    }


def _durations(check: Checker, video_id: str, items: object) -> list[int]:
    where = f"aftershock.json durations.{video_id}"
    if not isinstance(items, list):
        raise check.refuse(where, "is not a list of times")
    return [check.time_ms(v, f"{where}[{i}]") for i, v in enumerate(items)]
