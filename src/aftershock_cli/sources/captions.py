"""Reading caption files people already have into a Transcript, offline.

Formats: WebVTT (YouTube's rolling auto-captions included, see
``sources.vtt``), SubRip, SBV (``sources.sbv``), SubStation Alpha, TTML/DFXP and
SAMI (``sources.subtitles``), YouTube json3, yt-dlp's ``.info.json`` paired with
its sibling caption file, the JSON youtube-transcript-api writes, and
aftershock's own transcript JSON. Every problem raises InvalidInputError or
NotFoundError; a file is either read whole or not at all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Literal

from ..core.clock import utc_now
from ..core.errors import Hint, HintKind, InvalidInputError
from ..core.model import Transcript, check_video_id
from ..core.values import TOO_LATE
from .caption_text import (
    FileName,
    check_order,
    check_times,
    clean_text,
    load_json_text,
    name_info,
    plain_text,
    read_text_file,
    strip_formatting,
)
from .cue_segments import cue_segments
from .json_captions import info_caption, merge_info_metadata, read_json_captions
from .sbv import SBV_HEAD, read_sbv
from .subtitles import read_subtitles
from .vtt import Cue, read_vtt


def read_caption_file(path: Path, video_id: str | None = None) -> Transcript:
    """Read a caption file (or a yt-dlp ``.info.json``) into a Transcript.

    ``video_id`` may be omitted when the file names its video (``Title [ID].en.vtt``,
    an ``.info.json``, aftershock's own JSON). Without an ``.info.json`` beside it, a
    file named the yt-dlp way gives the title too. Raises AftershockError when the file
    cannot be read, is empty, is not the format it claims, or has cues out of order.
    """

    path = Path(path)
    named = name_info(path)
    if path.name.endswith(".info.json"):
        caption, info_id = info_caption(path)
        transcript = merge_info_metadata(read_caption_file(caption, info_id), path)
    else:
        transcript = _read_captions(path, named)
        if named.video_id:
            sibling = _info_sibling(path)
            if sibling is not None:
                transcript = merge_info_metadata(transcript, sibling)
    found = transcript.video_id or named.video_id
    if video_id is not None:
        if found and found != video_id:
            raise InvalidInputError(
                f"{path.name} is for video {found}, not {video_id}; "
                "check the file or leave out the video id"
            )
        found = video_id
    if not found:
        raise InvalidInputError(
            f"cannot tell which video {path.name} is for",
            hint=Hint(HintKind.GIVE_VIDEO_ID, path=path),
            path=path,
        )
    if not transcript.segments:
        raise InvalidInputError(f"{path} holds no caption text; download the captions again")
    check_times(path, transcript)
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


CaptionFormat = Literal["vtt", "srt", "sbv", "json", "ass", "ttml", "sami"]
"""The caption formats ``read_caption_file`` tells apart."""
_BY_SUFFIX: dict[str, CaptionFormat] = {
    ".vtt": "vtt",
    ".srt": "srt",
    ".sbv": "sbv",
    ".json": "json",
    ".json3": "json",
    ".ass": "ass",
    ".ssa": "ass",
    ".ttml": "ttml",
    ".dfxp": "ttml",
    ".smi": "sami",
    ".sami": "sami",
}
_SRT_HEAD = re.compile(r"\s*\d+[ \t]*\r?\n[ \t]*\d+:\d{2}:\d{2}[,.]\d{3}[ \t]*-->")
_TTML_HEAD = re.compile(r"\s*<(?:\?xml|(?:\w+:)?tt\b)")
_SNIFF_CHARS = 4096


def caption_format(path: Path, text: str) -> CaptionFormat | None:
    """The file's format by its extension, else by how its text starts; None if neither tells."""
    known = _BY_SUFFIX.get(path.suffix.lower())
    if known is not None:
        return known
    head = text[:_SNIFF_CHARS]
    start = head.lstrip()[:16]
    if start.startswith("WEBVTT"):
        return "vtt"
    if start.lower().startswith("[script info]"):
        return "ass"
    if start.startswith(("{", "[")):
        return "json"
    if start.lower().startswith("<sami"):
        return "sami"
    if _TTML_HEAD.match(head) and ("/ns/ttml" in head or "/ttaf1" in head):
        return "ttml"
    if SBV_HEAD.match(head):
        return "sbv"
    if _SRT_HEAD.match(head):
        return "srt"
    return None


def _read_captions(path: Path, named: FileName) -> Transcript:
    text = read_text_file(path)
    kind = caption_format(path, text)
    if kind == "vtt":
        return read_vtt(path, text)
    if kind == "srt":
        return _read_srt(path, text)
    if kind == "sbv":
        return read_sbv(path, text)
    if kind == "json":
        return read_json_captions(path, load_json_text(path, text))
    if kind is not None:
        return read_subtitles(path, text, kind)
    raise InvalidInputError(
        f"{path.name} is not a caption file aftershock reads; give a .vtt, .srt, .sbv, "
        ".ass/.ssa, .ttml/.dfxp, .smi, .json3, yt-dlp .info.json or youtube-transcript-api "
        ".json file"
    )


def _read_srt(path: Path, text: str) -> Transcript:
    import srt

    if "-->" not in text:
        raise InvalidInputError(f"{path.name} is not a SubRip (.srt) file: it has no cue times")
    try:
        cues = [
            Cue(_ms(cue.start), _ms(cue.end), cue.content.splitlines()) for cue in srt.parse(text)
        ]
    except OverflowError as exc:  # hours beyond what a timedelta holds
        raise InvalidInputError(
            f"{path}: a cue time is {TOO_LATE}; nothing was imported: "
            "fix the file or download it again",
            path=path,
        ) from exc
    except (srt.SRTParseError, ValueError) as exc:
        raise InvalidInputError(
            f"{path.name} is not a valid SubRip (.srt) file ({_first_line(exc)}); "
            "fix it or download it again"
        ) from exc
    segments, rolling = cue_segments(path, cues)
    return Transcript(video_id="", is_generated=rolling, segments=tuple(segments))


def _ms(delta: timedelta) -> int:
    return round(delta.total_seconds() * 1000)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


__all__ = ["clean_text", "plain_text", "read_caption_file", "strip_formatting"]
