"""The JSON caption shapes: YouTube json3, youtube-transcript-api's list of snippets,
aftershock's own transcript file, and yt-dlp's ``.info.json`` with its sibling captions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.errors import Hint, HintKind, InvalidInputError, NotFoundError
from ..core.model import Chapter, Segment, Transcript
from ..core.schema import transcript_from_dict
from ..core.values import kind_of, ms_from, text_from
from .caption_text import CAPTION_EXTENSIONS, load_json_text, name_info, plain_text, read_text_file
from .listing import upload_date_of

_NOT_CAPTIONS = (
    "{name} is JSON but not captions aftershock reads; give YouTube json3 "
    '("events"), youtube-transcript-api JSON ([{{"text", "start", "duration"}}]) '
    "or a yt-dlp .info.json"
)


def read_json_captions(path: Path, data: Any) -> Transcript:
    """Dispatch on the JSON's shape."""
    if isinstance(data, Mapping) and isinstance(data.get("events"), list):
        return _json3(path, data["events"])
    if isinstance(data, Mapping) and data.get("schema") == "aftershock.transcript":
        return replace(transcript_from_dict(data, path), fetched_at="")
    if isinstance(data, Mapping) and "subtitles" in data and "id" in data:
        raise InvalidInputError(
            f"{path.name} looks like a yt-dlp .info.json; keep its name ending in "
            ".info.json so that its caption file is found beside it"
        )
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], list):
        data = data[0]  # youtube-transcript-api's CLI writes one list per video
    if isinstance(data, list) and data and all(isinstance(x, Mapping) for x in data):
        return _snippets(path, data)
    raise InvalidInputError(_NOT_CAPTIONS.format(name=path.name))


def _json3(path: Path, events: list[Any]) -> Transcript:
    segments = []
    for index, event in enumerate(events, 1):
        try:
            segs = event.get("segs")
            if not segs:
                continue
            words = plain_text("".join(text_from(s.get("utf8"), "utf8") for s in segs))
            if not words:
                continue
            start = ms_from(event["tStartMs"], "tStartMs")
            segments.append(
                Segment(start, ms_from(event.get("dDurationMs", 0), "dDurationMs"), words)
            )
        except (AttributeError, KeyError, TypeError) as exc:
            raise InvalidInputError(
                f"{path.name} is not valid YouTube json3 (event {index} lacks {exc}); "
                "download it again"
            ) from exc
        except InvalidInputError as exc:
            raise _bad_field(path, f"event {index}", exc) from exc
    return Transcript(video_id="", segments=tuple(segments))


def _snippets(path: Path, items: list[Mapping[str, Any]]) -> Transcript:
    segments = []
    for index, item in enumerate(items, 1):
        try:
            words = plain_text(text_from(item["text"], "text"), formatting=True)
            if words:
                start = ms_from(item["start"], "start", scale=1000)
                duration = ms_from(item.get("duration", 0), "duration", scale=1000)
                segments.append(Segment(start, duration, words))
        except KeyError as exc:
            raise InvalidInputError(_NOT_CAPTIONS.format(name=path.name)) from exc
        except InvalidInputError as exc:
            raise _bad_field(path, f"snippet {index}", exc) from exc
    return Transcript(video_id="", segments=tuple(segments))


def _bad_field(path: Path, where: str, exc: InvalidInputError) -> InvalidInputError:
    """One line naming the file, the record and the field that is wrong."""
    return InvalidInputError(
        f"{path}: {where}: {exc.message}; nothing was imported: fix the file or download it again",
        path=path,
    )


def _load(path: Path) -> Mapping[str, Any]:
    data = load_json_text(path, read_text_file(path, "yt-dlp .info.json file"))
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
        raise InvalidInputError(f"{path.name} is not a yt-dlp .info.json (it has no video id)")
    return data


def info_metadata(info: Mapping[str, Any]) -> dict[str, Any]:
    """The Transcript fields an ``.info.json`` holds; a field of the wrong type or a time
    out of range raises InvalidInputError naming the field."""
    handle = text_from(info.get("uploader_id"), "uploader_id")
    if not handle.startswith("@"):
        url = text_from(info.get("uploader_url") or info.get("channel_url"), "uploader_url")
        handle = url[url.find("/@") + 1 :] if "/@" in url else ""
    chapters = tuple(
        Chapter(
            ms_from(c.get("start_time") or 0, f"chapter {index}: start_time", scale=1000),
            text_from(c.get("title"), f"chapter {index}: title"),
        )
        for index, c in enumerate(_list(info, "chapters"), 1)
        if isinstance(c, Mapping)
    )
    duration = info.get("duration")
    position = info.get("playlist_index")
    return {
        "video_id": text_from(info["id"], "id"),
        "title": text_from(info.get("title"), "title"),
        "channel": text_from(info.get("channel") or info.get("uploader"), "channel"),
        "channel_handle": handle.lstrip("@").lower(),
        "channel_id": text_from(info.get("channel_id"), "channel_id"),
        "duration_ms": ms_from(duration, "duration", scale=1000) if duration else None,
        "chapters": chapters,
        "upload_date": upload_date_of(info),
        "playlist_index": position if isinstance(position, int) else None,
    }


def _list(info: Mapping[str, Any], key: str) -> list[Any]:
    value = info.get(key) or []
    if not isinstance(value, list):
        raise InvalidInputError(f"{key} is {kind_of(value)}, not a list")
    return value


def merge_info_metadata(transcript: Transcript, info_path: Path) -> Transcript:
    """The transcript with the metadata of the ``.info.json`` beside its caption file."""
    info = _load(info_path)
    try:
        fields = info_metadata(info)
    except InvalidInputError as exc:
        raise _bad_field(info_path, "yt-dlp metadata", exc) from exc
    lang = transcript.language_code
    auto = _mapping(info.get("automatic_captions"))
    manual = _mapping(info.get("subtitles"))
    generated = transcript.is_generated or (lang in auto and lang not in manual)
    return replace(transcript, is_generated=generated, **fields)


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def info_caption(path: Path) -> tuple[Path, str]:
    """The caption file yt-dlp downloaded beside ``Title [ID].info.json``, and the video id
    the ``.info.json`` names. Reading that caption file merges this metadata back in."""
    info = _load(path)
    return _sibling_caption(path, info), str(info["id"])


def _sibling_caption(path: Path, info: Mapping[str, Any]) -> Path:
    requested = info.get("requested_subtitles") or {}
    if isinstance(requested, Mapping):
        for entry in requested.values():
            filepath = entry.get("filepath") if isinstance(entry, Mapping) else None
            if not isinstance(filepath, str) or "\0" in filepath:
                continue
            if filepath and Path(filepath).is_file():
                return Path(filepath)
            if filepath and (path.parent / Path(filepath).name).is_file():
                return path.parent / Path(filepath).name
    prefix = path.name[: -len(".info.json")]
    found = sorted(
        p
        for p in path.parent.glob("*")
        if p.name.startswith(prefix + ".")
        and p.suffix in CAPTION_EXTENSIONS
        and not p.name.endswith(".info.json")
    )
    if not found:
        raise NotFoundError(
            f"no caption file beside {path.name}",
            hint=Hint(HintKind.DOWNLOAD_CAPTION_FILE, path=path),
            path=path,
        )
    return min(found, key=lambda p: _language_rank(name_info(p).language_code))


def _language_rank(code: str) -> tuple[int, str]:
    if code == "en":
        return (0, code)
    if code.startswith("en"):
        return (1, code)
    return (2, code)
