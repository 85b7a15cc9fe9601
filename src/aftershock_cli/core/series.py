"""The series a workspace follows (playlists, channels) and their file, ``series.yaml``.

``series.yaml`` (version 1)::

    version: 1
    series:
    - name: aftershock
      url: https://www.youtube.com/playlist?list=PL...
      title: Government Aftershock
      synced_at: '2026-12-03T10:00:00Z'
      videos: [t8dJdL0Wyw8, ...]     # the ids of the last listing, in its order
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import BrokenFileError, InvalidInputError

SERIES_VERSION = 1
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Series:
    """A playlist or channel the workspace follows."""

    name: str
    """Short name used on the command line."""
    url: str
    """The playlist or channel URL the series is listed from."""
    title: str = ""
    """The playlist's or channel's title, from its last listing."""
    synced_at: str = ""
    """ISO 8601 UTC time of the last listing; empty before the first."""
    videos: tuple[str, ...] = ()
    """Video ids of the last listing, in its order."""


def check_series_name(name: str) -> str:
    """Return ``name`` if it is a usable series name (lowercase letters, digits, - and _)."""
    if not _NAME_RE.match(name):
        raise InvalidInputError(
            f"'{name}' is not a series name; use lowercase letters, digits, '-' and '_' "
            "(as in gov-aftershock)"
        )
    return name


def series_to_dict(series: list[Series]) -> dict[str, Any]:
    return {
        "version": SERIES_VERSION,
        "series": [
            {
                "name": s.name,
                "url": s.url,
                "title": s.title,
                "synced_at": s.synced_at,
                "videos": list(s.videos),
            }
            for s in series
        ],
    }


def series_from_dict(data: Any, path: Path | str) -> list[Series]:
    if data is None:
        return []
    if not isinstance(data, Mapping) or data.get("version", SERIES_VERSION) != SERIES_VERSION:
        raise BrokenFileError(path, "must be a mapping with 'version: 1' and a 'series' list")
    items = data.get("series") or []
    if not isinstance(items, list):
        raise BrokenFileError(path, "'series' must be a list")
    out: list[Series] = []
    for index, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or not item.get("name") or not item.get("url"):
            raise BrokenFileError(path, f"series #{index} needs a 'name' and a 'url'")
        videos = item.get("videos") or []
        if not isinstance(videos, list):
            raise BrokenFileError(path, f"series #{index}: 'videos' must be a list of ids")
        out.append(
            Series(
                name=str(item["name"]),
                url=str(item["url"]),
                title=str(item.get("title") or ""),
                synced_at=str(item.get("synced_at") or ""),
                videos=tuple(str(v) for v in videos),
            )
        )
    return out


DateSource = Literal["upload", "fetched", ""]
"""Where a talk's date comes from: the series listing's upload date, else the day the
transcript was fetched or imported; empty when neither is known."""


def talk_date(upload_date: str, fetched_at: str) -> tuple[str, DateSource]:
    """A talk's date (``YYYY-MM-DD``) and where it comes from: the upload date when
    known, else the day of the fetch; ``("", "")`` when neither is."""
    if upload_date:
        return upload_date[:10], "upload"
    if fetched_at:
        return fetched_at[:10], "fetched"
    return "", ""


def date_order(date: str, title: str, video_id: str) -> tuple[bool, str, str, str]:
    """The sort key that puts talks in date order; talks without a date go last."""
    return (not date, date, title.casefold(), video_id)
