"""The videos of a playlist or channel, from yt-dlp's flat extraction or its JSON file.

``list_series`` asks yt-dlp (used as a library, imported only when a series is
listed) for the flat listing of a URL: ids, titles, channel, durations and
upload dates, without downloading anything. The same shape is what
yt-dlp writes for a flat playlist listing, which ``read_listing_file`` reads.
Tests pass their own ``extract`` and never reach the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from ..core.errors import AftershockError, Hint, HintKind, InvalidInputError
from ..core.model import VIDEO_ID_RE, Transcript
from ..files.fsutil import JsonProblem, parse_json, read_user_text

Extract = Callable[[str], Mapping[str, Any]]
"""Turns a playlist or channel URL into yt-dlp's flat info dictionary."""

_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_SERIES_PATHS = ("/playlist", "/@", "/channel/", "/c/", "/user/")


@dataclass(frozen=True)
class ListedVideo:
    """One video of a series listing, with what the listing says about it."""

    video_id: str
    title: str = ""
    channel: str = ""
    channel_id: str = ""
    duration_ms: int | None = None
    upload_date: str = ""
    """``YYYY-MM-DD``, when the listing gives a date or a timestamp."""
    position: int | None = None
    """Place in the listing, from 1."""


@dataclass(frozen=True)
class Listing:
    """A playlist or channel and its videos in listing order."""

    url: str
    title: str
    videos: tuple[ListedVideo, ...]


def is_series_url(text: str) -> bool:
    """True for a YouTube playlist or channel URL (a watch URL with ``list=`` is a video)."""
    value = text.strip()
    parsed = urlparse(value if "://" in value else "https://" + value)
    if (parsed.hostname or "").lower() not in _HOSTS:
        return False
    query = parse_qs(parsed.query)
    if "v" in query:
        return False
    return parsed.path.startswith(_SERIES_PATHS) or "list" in query


def list_series(url: str, extract: Extract | None = None) -> Listing:
    """The videos of the playlist or channel at ``url`` (yt-dlp unless ``extract``)."""
    info = (extract or ytdlp_extract)(url)
    return listing_from_info(info, url)


def ytdlp_extract(url: str) -> Mapping[str, Any]:
    """yt-dlp's flat listing of ``url``: no video pages, no downloads."""
    try:
        import yt_dlp
    except ImportError:
        raise AftershockError(
            f"listing {url} needs yt-dlp, which is not installed",
            hint=Hint(HintKind.INSTALL_SERIES),
        ) from None
    options = {"extract_flat": "in_playlist", "skip_download": True, "quiet": True}
    options |= {"no_warnings": True, "noprogress": True}
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            info = ydl.extract_info(url, download=False)
    except yt_dlp.utils.DownloadError as exc:
        cause = str(exc).removeprefix("ERROR: ").strip()
        raise AftershockError(f"could not list {url}: {cause}") from None
    return ydl.sanitize_info(info) if isinstance(info, dict) else {}


def read_listing_file(path: Path) -> Listing:
    """A listing from the JSON file yt-dlp writes for a flat playlist listing."""
    return listing_from_text(read_user_text(path, "yt-dlp listing"), str(path))


def listing_from_text(text: str, source: str) -> Listing:
    """A listing from the text of a yt-dlp flat playlist JSON file named ``source``."""
    try:
        data = parse_json(text)
    except JsonProblem as exc:
        where = f"{source}:{exc.line}" if exc.line else source
        raise InvalidInputError(
            f"{where}: not valid JSON ({exc.reason}); a series listing is the "
            "JSON yt-dlp writes for a flat playlist"
        ) from None
    if not isinstance(data, Mapping):
        raise InvalidInputError(f"{source}: a series listing is a JSON object")
    return listing_from_info(data, str(data.get("webpage_url") or source))


def looks_like_listing(text: str) -> bool:
    """True for the start of a JSON object (a yt-dlp listing, not a list of ids)."""
    return text.lstrip().startswith("{")


def listing_from_info(info: Mapping[str, Any], url: str) -> Listing:
    """Read yt-dlp's flat info dictionary; channel tabs nested inside are walked too."""
    videos: dict[str, ListedVideo] = {}
    tabs = 0
    for entry in _entries(info):
        vid = str(entry.get("id") or "")
        if VIDEO_ID_RE.match(vid):
            videos.setdefault(vid, _video(entry, info, len(videos) + 1))
        else:
            tabs += 1
    if not videos and tabs:
        raise InvalidInputError(
            f"{url} lists channel tabs, not videos", hint=Hint(HintKind.CHANNEL_TAB)
        )
    title = str(info.get("title") or info.get("channel") or info.get("uploader") or "")
    return Listing(url, title, tuple(videos.values()))


def _entries(info: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    if "entries" not in info and VIDEO_ID_RE.match(str(info.get("id") or "")):
        yield info  # a single video's info
        return
    for entry in info.get("entries") or ():
        if not isinstance(entry, Mapping):
            continue
        if isinstance(entry.get("entries"), list):
            yield from _entries(entry)
        else:
            yield entry


def _video(entry: Mapping[str, Any], info: Mapping[str, Any], place: int) -> ListedVideo:
    duration = entry.get("duration")
    position = entry.get("playlist_index")
    return ListedVideo(
        video_id=str(entry["id"]),
        title=str(entry.get("title") or ""),
        channel=str(entry.get("channel") or entry.get("uploader") or info.get("channel") or ""),
        channel_id=str(entry.get("channel_id") or info.get("channel_id") or ""),
        duration_ms=round(float(duration) * 1000) if isinstance(duration, int | float) else None,
        upload_date=upload_date_of(entry),
        position=int(position) if isinstance(position, int) else place,
    )


def upload_date_of(entry: Mapping[str, Any]) -> str:
    """``YYYY-MM-DD`` from ``upload_date`` (``YYYYMMDD``) or a Unix timestamp."""
    raw = str(entry.get("upload_date") or entry.get("release_date") or "")
    if len(raw) == 8 and raw.isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    stamp = entry.get("timestamp") or entry.get("release_timestamp")
    if isinstance(stamp, int | float):
        return dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat()
    return ""


def with_listing(transcript: Transcript, listed: ListedVideo) -> Transcript:
    """``transcript`` with what the listing knows and the transcript lacks."""
    return replace(
        transcript,
        title=transcript.title or listed.title,
        channel=transcript.channel or listed.channel,
        channel_id=transcript.channel_id or listed.channel_id,
        duration_ms=transcript.duration_ms or listed.duration_ms,
        upload_date=listed.upload_date or transcript.upload_date,
        playlist_index=listed.position,
    )
