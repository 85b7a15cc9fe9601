"""Reading caption files people already have into a Transcript, offline.

Formats: WebVTT (YouTube's rolling auto-captions included, see
``captions_vtt``), SubRip, YouTube json3, yt-dlp's ``.info.json`` paired with
its sibling caption file, the JSON youtube-transcript-api writes, and
aftershock's own transcript JSON. Every problem raises InvalidInputError or
NotFoundError; a file is either read whole or not at all.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from ..core.errors import InvalidInputError
from ..core.model import Segment, Transcript, check_video_id
from ..files.fsutil import read_user_text

_TAG_RE = re.compile(r"<[^>]*>")
# the few formatting tags plain-text caption formats carry: SubRip's <i>, <b>, <u> and
# <font ...>, and those youtube-transcript-api keeps when asked to preserve formatting
_FORMAT_TAG_RE = re.compile(
    r"</?(?:b|i|u|em|strong|mark|small|del|ins|sub|sup)\s*>|<font(?:\s[^<>]*)?>|</font\s*>",
    re.IGNORECASE,
)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NAMED_RE = re.compile(
    r"\[(?P<id>[A-Za-z0-9_-]{11})\]"
    r"(?:\.(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*))?"
    r"\.(?P<ext>info\.json|vtt|srt|json3|json)$"
)
CAPTION_EXTENSIONS = (".vtt", ".srt", ".json3", ".json")


def clean_text(raw: str) -> str:
    """WebVTT cue text without markup (``<c>``, ``<i>``, voices, inline times), entities
    decoded, whitespace collapsed to single spaces. WebVTT writes a literal ``<`` as
    ``&lt;``, so everything between ``<`` and ``>`` is markup there; for formats whose
    text is plain, use ``plain_text``."""
    if "<" in raw:
        raw = _TAG_RE.sub("", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return " ".join(raw.split())


def strip_formatting(raw: str) -> str:
    """Text without the formatting tags plain-text captions carry (``<i>``, ``<b>``,
    ``<u>``, ``<font ...>``, ``<em>`` ...); any other ``<`` and ``>`` are words."""
    return _FORMAT_TAG_RE.sub("", raw) if "<" in raw else raw


def plain_text(raw: str, *, formatting: bool = False) -> str:
    """Caption text that is plain, not markup (SubRip, json3, youtube-transcript-api
    JSON): well-formed entities (``&amp;``, ``&#39;``) decoded, whitespace collapsed,
    ``<`` and ``>`` kept. ``formatting=True`` also drops the formatting tags
    (``strip_formatting``)."""
    if formatting:
        raw = strip_formatting(raw)
    if "&" in raw:
        raw = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), raw)
    return " ".join(raw.split())


# yt-dlp writes these look-alikes into file names for characters a file name cannot hold
_UNSAFE = str.maketrans("＂＊：＜＞？｜⧸⧹", '"*:<>?|/\\')


@dataclass(frozen=True)
class FileName:
    """What a yt-dlp style file name tells: ``Title [ID].en.vtt``."""

    video_id: str | None
    language_code: str
    title: str = ""


def name_info(path: Path) -> FileName:
    match = _NAMED_RE.search(path.name)
    if not match:
        return FileName(None, "")
    title = path.name[: match.start()].strip().translate(_UNSAFE)
    return FileName(match.group("id"), (match.group("lang") or "").replace("_", "-"), title)


def read_text_file(path: Path, what: str = "caption file") -> str:
    """The file's text (UTF-8, a BOM dropped), or a clear error."""
    text = read_user_text(path, what).removeprefix("\ufeff")
    if not text.strip():
        raise InvalidInputError(f"{path} is empty; download the captions again")
    return text


def check_order(path: Path, segments: list[Segment]) -> None:
    """Raise if a cue starts before the one before it (a file cut and pasted wrongly)."""
    for index in range(1, len(segments)):
        if segments[index].start_ms < segments[index - 1].start_ms:
            from ..core.timecode import format_hms

            raise InvalidInputError(
                f"{path}: cue {index + 1} starts at {format_hms(segments[index].start_ms)}, "
                f"before the cue before it ({format_hms(segments[index - 1].start_ms)}); "
                "the cues are out of order, so nothing was imported: fix the file or download it again"
            )


def read_caption_file(path: Path, video_id: str | None = None) -> Transcript:
    """Read a caption file (or a yt-dlp ``.info.json``) into a Transcript.

    ``video_id`` may be omitted when the file names its video (``Title [ID].en.vtt``,
    an ``.info.json``, aftershock's own JSON). Without an ``.info.json`` beside it, a
    file named the yt-dlp way gives the title too. Raises AftershockError when the file
    cannot be read, is empty, is not the format it claims, or has cues out of order.
    """
    from ..workspace.folder import utc_now

    path = Path(path)
    named = name_info(path)
    if path.name.endswith(".info.json"):
        from .json_captions import read_info_json

        transcript = read_info_json(path)
    else:
        transcript = _read_captions(path, named)
        if named.video_id:
            sibling = _info_sibling(path)
            if sibling is not None:
                from .json_captions import merge_info_metadata

                transcript = merge_info_metadata(transcript, sibling)
    found = transcript.video_id or named.video_id
    if video_id is not None:
        check_video_id(video_id)
        if found and found != video_id:
            raise InvalidInputError(
                f"{path.name} is for video {found}, not {video_id}; "
                "check the file or leave out the video id"
            )
        found = video_id
    if not found:
        raise InvalidInputError(
            f"cannot tell which video {path.name} is for; "
            f"give its id: aftershock fetch VIDEO --file {path}"
        )
    if not transcript.segments:
        raise InvalidInputError(f"{path} holds no caption text; download the captions again")
    check_order(path, list(transcript.segments))
    return replace(
        transcript,
        video_id=check_video_id(found),
        title=transcript.title or named.title,
        language_code=transcript.language_code or named.language_code,
        source=transcript.source or f"file:{path.name}",
        fetched_at=utc_now(),
    )


def _info_sibling(path: Path) -> Path | None:
    stem = path.name[: path.name.rfind("]") + 1]
    candidate = path.with_name(stem + ".info.json")
    return candidate if candidate.is_file() else None


def _read_captions(path: Path, named: FileName) -> Transcript:
    text = read_text_file(path)
    suffix = path.suffix.lower()
    head = text.lstrip()[:10]
    if suffix == ".vtt" or (
        suffix not in (".srt", ".json", ".json3") and head.startswith("WEBVTT")
    ):
        from .vtt import read_vtt

        return read_vtt(path, text)
    if suffix == ".srt":
        return _read_srt(path, text)
    if suffix in (".json", ".json3") or head.startswith(("{", "[")):
        from .json_captions import read_json_captions

        return read_json_captions(path, load_json_text(path, text))
    raise InvalidInputError(
        f"{path.name} is not a caption file aftershock reads; "
        "give a .vtt, .srt, .json3, yt-dlp .info.json or youtube-transcript-api .json file"
    )


def load_json_text(path: Path, text: str) -> Any:
    """JSON read from ``path``; a syntax error names the file and the line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); download the file again"
        ) from exc


def _read_srt(path: Path, text: str) -> Transcript:
    import srt

    if "-->" not in text:
        raise InvalidInputError(f"{path.name} is not a SubRip (.srt) file: it has no cue times")
    segments: list[Segment] = []
    try:
        for cue in srt.parse(text):
            words = plain_text(cue.content, formatting=True)
            if not words:
                continue
            start = _ms(cue.start)
            segments.append(Segment(start, max(0, _ms(cue.end) - start), words))
    except (srt.SRTParseError, ValueError) as exc:
        raise InvalidInputError(
            f"{path.name} is not a valid SubRip (.srt) file ({_first_line(exc)}); "
            "fix it or download it again"
        ) from exc
    return Transcript(video_id="", segments=tuple(segments))


def _ms(delta: timedelta) -> int:
    return round(delta.total_seconds() * 1000)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


__all__ = ["clean_text", "plain_text", "read_caption_file", "strip_formatting"]
