"""A video's metadata: from the player response's ``videoDetails``, else YouTube's oEmbed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from ..core.errors import InvalidInputError
from ..core.limits import MAX_TIME_MS
from ..core.model import Chapter, video_url
from ..core.timecode import parse_time

OEMBED_URL = "https://www.youtube.com/oembed"
_CHAPTER_RE = re.compile(r"^\s*[(\[]?((?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?\s*[-–—:|]?\s+(\S.*?)\s*$")


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    channel: str = ""
    channel_handle: str = ""
    channel_id: str = ""
    duration_ms: int | None = None
    chapters: tuple[Chapter, ...] = ()


def handle_from_url(url: str) -> str:
    """``http://www.youtube.com/@CityLab`` -> ``citylab``; empty when the URL has no handle."""
    at = url.find("/@")
    if at < 0:
        return ""
    return url[at + 2 :].split("/")[0].split("?")[0].lower()


def from_details(details: Mapping[str, Any]) -> Metadata:
    length = str(details.get("lengthSeconds") or "")
    return Metadata(
        title=str(details.get("title") or ""),
        channel=str(details.get("author") or details.get("ownerChannelName") or ""),
        channel_handle=handle_from_url(str(details.get("ownerProfileUrl") or "")),
        channel_id=str(details.get("channelId") or details.get("externalChannelId") or ""),
        duration_ms=_duration_ms(length),
        chapters=chapters_from_description(str(details.get("shortDescription") or "")),
    )


def chapters_from_description(text: str) -> tuple[Chapter, ...]:
    """Chapters written in a description as YouTube reads them: at least three
    ``M:SS Title`` lines, the first at 0:00, in increasing order."""
    found: list[Chapter] = []
    for line in text.splitlines():
        match = _CHAPTER_RE.match(line)
        if match:
            try:
                found.append(Chapter(parse_time(match.group(1)), match.group(2)))
            except InvalidInputError:  # a time past any talk: not a chapter line
                continue
    starts = [c.start_ms for c in found]
    if len(found) < 3 or starts[0] != 0 or starts != sorted(set(starts)):
        return ()
    return tuple(found)


def with_oembed(meta: Metadata, video_id: str, session: requests.Session) -> Metadata:
    """Fill a missing title, channel or handle from oEmbed; on any failure keep ``meta``."""
    if meta.title and meta.channel and meta.channel_handle:
        return meta
    try:
        response = session.get(
            OEMBED_URL, params={"url": video_url(video_id), "format": "json"}, timeout=(5, 10)
        )
        data = response.json() if response.status_code == 200 else {}
    except (requests.RequestException, ValueError):
        return meta
    if not isinstance(data, Mapping):
        return meta
    return Metadata(
        title=meta.title or str(data.get("title") or ""),
        channel=meta.channel or str(data.get("author_name") or ""),
        channel_handle=meta.channel_handle or handle_from_url(str(data.get("author_url") or "")),
        channel_id=meta.channel_id,
        duration_ms=meta.duration_ms,
        chapters=meta.chapters,
    )


def _duration_ms(seconds: str) -> int | None:
    """The player's ``lengthSeconds`` in milliseconds; None when absent or out of range."""
    if not seconds.isascii() or not seconds.isdigit() or len(seconds) > 12:
        return None
    ms = int(seconds) * 1000
    return ms if 0 < ms <= MAX_TIME_MS else None
