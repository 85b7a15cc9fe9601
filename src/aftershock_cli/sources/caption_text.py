"""What every caption reader shares: cleaning cue text, reading the file's text, and
what a yt-dlp style file name tells."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InvalidInputError
from ..core.model import Segment, Transcript
from ..core.timecode import format_hms
from ..core.values import check_ms
from ..files.fsutil import JsonProblem, parse_json, read_user_text

_TAG_RE = re.compile(r"<[^>]*>")
# the few formatting tags plain-text caption formats carry: SubRip's <i>, <b>, <u> and
# <font ...>, and those youtube-transcript-api keeps when asked to preserve formatting
_FORMAT_TAG_RE = re.compile(
    r"</?(?:b|i|u|em|strong|mark|small|del|ins|sub|sup)\s*>|<font(?:\s[^<>]*)?>|</font\s*>",
    re.IGNORECASE,
)
# SSA/ASS override blocks that fan-made SubRip files carry: {\an8}, {\b1}, {\i0\c&HFF&}
_OVERRIDE_RE = re.compile(r"\{\\[^{}]*\}")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NAMED_RE = re.compile(
    r"\[(?P<id>[A-Za-z0-9_-]{11})\]"
    r"(?:\.(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*))?"
    r"\.(?P<ext>info\.json|vtt|srt|sbv|ass|ssa|ttml|dfxp|smi|sami|json3|json)$"
)
CAPTION_EXTENSIONS = (
    ".vtt",
    ".srt",
    ".sbv",
    ".ass",
    ".ssa",
    ".ttml",
    ".dfxp",
    ".smi",
    ".sami",
    ".json3",
    ".json",
)


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
    ``<u>``, ``<font ...>``, ``<em>`` ...) and SSA override blocks (``{\\an7}``); any
    other ``<``, ``>`` and braces are words."""
    if "{\\" in raw:
        raw = _OVERRIDE_RE.sub("", raw)
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
            raise InvalidInputError(
                f"{path}: cue {index + 1} starts at {format_hms(segments[index].start_ms)}, "
                f"before the cue before it ({format_hms(segments[index - 1].start_ms)}); "
                "the cues are out of order, so nothing was imported: fix the file or download it again"
            )


def check_times(path: Path, transcript: Transcript) -> None:
    """Raise if a cue, a chapter or the duration lies outside 0 to seven days, so that
    nothing out of range is stored (a hostile file's 10^20 ms breaks writers later)."""
    for index, segment in enumerate(transcript.segments, 1):
        time_in_range(path, segment.start_ms, f"cue {index}: its start")
        time_in_range(path, segment.end_ms, f"cue {index}: its end")
    for index, chapter in enumerate(transcript.chapters, 1):
        time_in_range(path, chapter.start_ms, f"chapter {index}: its start")
    time_in_range(path, transcript.duration_ms or 0, "the duration")


def time_in_range(path: Path, ms: int, what: str) -> None:
    """Refuse the file at ``path`` when ``ms`` (its field ``what``) is negative or past
    seven days, in the words every caption reader uses."""
    try:
        check_ms(ms, what)
    except InvalidInputError as exc:
        raise InvalidInputError(
            f"{path}: {exc.message}; nothing was imported: fix the file or download it again",
            path=path,
        ) from exc


def load_json_text(path: Path, text: str) -> Any:
    """JSON read from ``path``; a syntax error names the file and the line."""
    try:
        return parse_json(text)
    except JsonProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        if exc.surrogate:
            raise InvalidInputError(
                f"{where}: {exc.reason}; fix the file or download it again", path=path
            ) from exc
        raise InvalidInputError(
            f"{where}: not valid JSON ({exc.reason}); download the file again"
        ) from exc
