"""The ``srt`` and ``vtt`` exports: the coding as a caption track.

Each tag becomes a cue showing its themes (first line) and its note as plain
text (second line), so a player shows the coding while the video runs. Where
tags overlap in time the track is cut at every start and end, so no two cues
overlap (which every player handles): each piece shows the tag that started
last in full, and below it, after ``+``, the themes of the other tags still
running. A tag of a single moment is shown for ``POINT_MS``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from ..core.model import Tag
from ..notes.text import plain_text
from . import ExportOptions, OutputFile, VideoData, theme_label

POINT_MS = 3000
"""How long a tag whose start and end are the same moment stays on screen."""


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]


def _themes(tag: Tag, video: VideoData) -> str:
    return ", ".join(theme_label(video.codebook, s) for s in tag.themes) or "(no theme)"


def tag_lines(tag: Tag, video: VideoData) -> tuple[str, ...]:
    """The lines a tag shows: its theme labels, then its note when it has one."""
    note = plain_text(tag.note)
    return (_themes(tag, video), note) if note else (_themes(tag, video),)


def piece_lines(active: list[Tag], video: VideoData) -> tuple[str, ...]:
    """What a piece of the track shows while ``active`` (in start order) run: the newest
    tag's lines, then ``+ <themes>`` of each other one. A tag that started at the same
    moment as the newest has no piece of its own, so its note shows here too."""
    newest = active[-1]
    lines = list(tag_lines(newest, video))
    for tag in reversed(active[:-1]):
        theme = _themes(tag, video)
        if theme != lines[0] and f"+ {theme}" not in lines:
            lines.append(f"+ {theme}")
        note = plain_text(tag.note) if tag.start_ms == newest.start_ms else ""
        if note and note not in lines:
            lines.append(note)
    return tuple(lines)


def cues(video: VideoData) -> list[Cue]:
    """Non-overlapping cues in time order covering every tag."""
    ordered = sorted(video.tags, key=lambda t: (t.start_ms, t.end_ms, t.id))
    spans = [
        (t.start_ms, t.end_ms if t.end_ms > t.start_ms else t.start_ms + POINT_MS, t)
        for t in ordered
    ]
    cuts = sorted({s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[Cue] = []
    for begin, finish in itertools.pairwise(cuts):
        active = [tag for start, end, tag in spans if start <= begin and end >= finish]
        if not active:
            continue
        lines = piece_lines(active, video)
        if out and out[-1].end_ms == begin and out[-1].lines == lines:
            out[-1] = Cue(out[-1].start_ms, finish, lines)
        else:
            out.append(Cue(begin, finish, lines))
    return out


def to_srt(items: list[Cue]) -> str:
    import srt

    subtitles = [
        srt.Subtitle(
            index=number,
            start=timedelta(milliseconds=cue.start_ms),
            end=timedelta(milliseconds=cue.end_ms),
            content="\n".join(cue.lines),
        )
        for number, cue in enumerate(items, 1)
    ]
    text: str = srt.compose(subtitles)
    return text


def _vtt_time(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{millis:03d}"


def to_vtt(items: list[Cue]) -> str:
    import webvtt

    track = webvtt.WebVTT(
        captions=[
            webvtt.Caption(
                _vtt_time(cue.start_ms),
                _vtt_time(cue.end_ms),
                [vtt_escape(line) for line in cue.lines],
            )
            for cue in items
        ]
    )
    text: str = track.content
    return text if text.endswith("\n") else text + "\n"


def render(
    video: VideoData, options: ExportOptions, kind: Literal["srt", "vtt"] = "srt"
) -> list[OutputFile]:
    """One ``<videoId>.srt`` or ``<videoId>.vtt`` file (``kind`` is ``srt`` or ``vtt``)."""
    items = cues(video)
    text = to_vtt(items) if kind == "vtt" else to_srt(items)
    return [OutputFile(f"{video.transcript.video_id}.{kind}", text)]


def vtt_escape(text: str) -> str:
    """Text as WebVTT cue text: ``&``, ``<`` and ``>`` written as entities, so that a
    reader shows them as words rather than taking them for markup (or ``-->``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
