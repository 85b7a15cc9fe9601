"""What the pages and the JSON API show, as typed records built from the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..core.errors import BrokenFileError
from ..core.model import Codebook, Tag, Transcript
from ..core.spoken import merged_ranges, timeline
from ..core.timecode import format_clock, format_duration
from ..tagging.tags import tag_to_json
from ..tagging.themes import theme_colors
from ..workspace.folder import Workspace


@dataclass(frozen=True)
class ThemeView:
    slug: str
    label: str
    color: str
    parent: str
    description: str


@dataclass(frozen=True)
class Coverage:
    slug: str
    label: str
    color: str
    percent: float
    """Share of the video's length that tags of this theme cover, 0-100."""


@dataclass(frozen=True)
class VideoSummary:
    video_id: str
    title: str
    channel: str
    duration_ms: int | None
    tags: int
    coverage: tuple[Coverage, ...]
    problem: str = ""
    """A broken file's one-line error; the other fields are then empty."""

    @property
    def length(self) -> str:
        return format_duration(self.duration_ms) if self.duration_ms else ""


@dataclass(frozen=True)
class Row:
    """One transcript segment as a row of the video page."""

    start_ms: int
    end_ms: int
    """When the segment stops being spoken (the rule of ``core.spoken``)."""
    clock: str
    text: str
    speaker: str = ""
    """Who speaks, when the transcript says (a ``<v Name>`` voice in WebVTT)."""


def themes(codebook: Codebook) -> list[ThemeView]:
    colours = theme_colors(codebook)
    return [
        ThemeView(t.slug, t.label, colours[t.slug], t.parent or "", t.description) for t in codebook
    ]


def rows(transcript: Transcript) -> list[Row]:
    segs = transcript.segments
    line = timeline(tuple((s.start_ms, s.end_ms) for s in segs))
    return [
        Row(
            s.start_ms,
            max(s.start_ms, line.spoken_end(i)),
            format_clock(s.start_ms),
            s.text,
            s.speaker,
        )
        for i, s in enumerate(segs)
    ]


def covered_ms(spans: Sequence[tuple[int, int]]) -> int:
    """The length of the union of ``spans``."""
    return sum(end - start for start, end in merged_ranges(spans))


def coverage(codebook: Codebook, tags: Sequence[Tag], length_ms: int) -> tuple[Coverage, ...]:
    out = []
    colours = theme_colors(codebook)
    for theme in codebook:
        spans = [(t.start_ms, t.end_ms) for t in tags if theme.slug in t.themes]
        if spans and length_ms > 0:
            share = min(100.0, 100.0 * covered_ms(spans) / length_ms)
            out.append(Coverage(theme.slug, theme.label, colours[theme.slug], round(share, 1)))
    return tuple(out)


def keep_tag(tag: Tag, theme: str, coder: str) -> bool:
    return (not theme or theme in tag.themes) and (not coder or tag.coder == coder)


def summaries(ws: Workspace, theme: str = "", coder: str = "") -> list[VideoSummary]:
    """Every video of the workspace; with a theme or coder, only videos with such tags."""
    codebook = ws.codebook()
    out = []
    for vid in ws.video_ids():
        try:
            t = ws.transcript_or_stub(vid)
            tags = [tag for tag in ws.load_tags(vid) if keep_tag(tag, theme, coder)]
        except BrokenFileError as exc:
            out.append(VideoSummary(vid, "", "", None, 0, (), problem=str(exc)))
            continue
        if (theme or coder) and not tags:
            continue
        length = t.end_ms or max((tag.end_ms for tag in tags), default=0)
        out.append(
            VideoSummary(
                vid,
                t.title,
                t.channel,
                t.end_ms or None,
                len(tags),
                coverage(codebook, tags, length),
            )
        )
    return out


def coders(ws: Workspace) -> list[str]:
    found: set[str] = set()
    for vid in ws.tagged_video_ids():
        try:
            found.update(t.coder for t in ws.load_tags(vid) if t.coder)
        except BrokenFileError:
            continue
    return sorted(found)


def tag_json(tag: Tag) -> dict[str, Any]:
    """A tag as the API gives it: the fields of ``aftershock tags --format json``."""
    return tag_to_json(tag)


def summary_json(summary: VideoSummary) -> dict[str, Any]:
    return asdict(summary)
