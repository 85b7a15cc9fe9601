"""The ``txt`` export: the transcript, one timed line per segment, with tag markers.

A tag opens with ``>>`` lines (its id, themes and range, then its note) at its
start and closes with a ``<<`` line at its end, among the segment lines, so the coded passages stand out when reading or pasting::

    [00:09:10] before the tag
    >> [ab12cd34] Cross-sectoral and cross-silo work (00:09:14-00:09:36)
    >> Silos broke down within and across governments.
    [00:09:14] there has been significant outreach
    << [ab12cd34]

A video without a transcript still lists its tags' markers in time order.
"""

from __future__ import annotations

from ..core.spoken import covered_segments
from ..core.timecode import format_hms
from ..notes.text import one_line
from . import ExportOptions, OutputFile, VideoData, theme_label

_CLOSE, _OPEN, _LINE, _CLOSE_POINT = 0, 1, 2, 3


def _header(video: VideoData) -> list[str]:
    tr = video.transcript
    lines = [one_line(tr.title) or tr.video_id, tr.url]
    channel = tr.channel or tr.channel_handle
    if channel:
        lines.append(channel)
    return [*lines, ""]


def lines(video: VideoData) -> list[str]:
    """The lines of the text (without line endings)."""
    events: list[tuple[int, int, int, list[str]]] = []
    for order, tag in enumerate(video.tags):
        themes = ", ".join(theme_label(video.codebook, s) for s in tag.themes) or "(no theme)"
        span = f"{format_hms(tag.start_ms)}-{format_hms(tag.end_ms)}"
        opening = [f">> [{tag.id}] {themes} ({span})"]
        if one_line(tag.note):
            opening.append(f">> {one_line(tag.note)}")
        # open before the first line the tag quotes, even when the tag starts inside it
        quoted = covered_segments(video.transcript.segments, tag.start_ms, tag.end_ms)
        opens_at = min([tag.start_ms, *(seg.start_ms for seg in quoted[:1])])
        events.append((opens_at, _OPEN, order, opening))
        closing = _CLOSE if tag.end_ms > tag.start_ms else _CLOSE_POINT
        events.append((tag.end_ms, closing, order, [f"<< [{tag.id}]"]))
    for order, seg in enumerate(video.transcript.segments):
        text = one_line(seg.text)
        if text:
            events.append((seg.start_ms, _LINE, order, [f"[{format_hms(seg.start_ms)}] {text}"]))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return _header(video) + [line for event in events for line in event[3]]


def render(video: VideoData, options: ExportOptions) -> list[OutputFile]:
    """One ``<videoId>.txt`` file ending with a newline."""
    return [OutputFile(f"{video.transcript.video_id}.txt", "\n".join(lines(video)) + "\n")]
