"""The ``csv`` export: one row per tag, ready for a spreadsheet.

Columns (in this order, with a header row): video_id, title, channel, tag_id,
start_seconds, end_seconds, start, end (``HH:MM:SS``), themes (slugs joined
by ``; ``), theme_labels, note, text (the transcript words the tag covers), speakers (who speaks them),
coder, url (opens the video at the start). Rows end with CRLF, as RFC 4180 asks.
"""

from __future__ import annotations

import csv
import io

from ..core.model import video_url
from ..core.spoken import covered_speakers, covered_text
from ..core.timecode import format_hms
from . import ExportOptions, OutputFile, VideoData, theme_label

COLUMNS = (
    "video_id",
    "title",
    "channel",
    "tag_id",
    "start_seconds",
    "end_seconds",
    "start",
    "end",
    "themes",
    "theme_labels",
    "note",
    "text",
    "speakers",
    "coder",
    "url",
)


def seconds(ms: int) -> str:
    """Milliseconds as seconds: ``554`` or, with a fraction, ``554.5``."""
    whole, rest = divmod(ms, 1000)
    return str(whole) if not rest else f"{whole}.{rest:03d}".rstrip("0")


def rows(video: VideoData) -> list[list[str]]:
    """The data rows (no header) of one video."""
    tr = video.transcript
    return [
        [
            tr.video_id,
            tr.title,
            tr.channel or tr.channel_handle,
            tag.id,
            seconds(tag.start_ms),
            seconds(tag.end_ms),
            format_hms(tag.start_ms),
            format_hms(tag.end_ms),
            "; ".join(tag.themes),
            "; ".join(theme_label(video.codebook, s) for s in tag.themes),
            tag.note,
            covered_text(tr, tag.start_ms, tag.end_ms),
            "; ".join(covered_speakers(tr, tag.start_ms, tag.end_ms)),
            tag.coder,
            video_url(tr.video_id, tag.start_ms),
        ]
        for tag in video.tags
    ]


def render(video: VideoData, options: ExportOptions) -> list[OutputFile]:
    """One ``<videoId>.csv`` file with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows(video))
    return [OutputFile(f"{video.transcript.video_id}.csv", buffer.getvalue())]
