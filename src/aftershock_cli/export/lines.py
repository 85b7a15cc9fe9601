"""Selecting part of a transcript and writing it out as text, JSON, SRT or WebVTT."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..core.model import Segment, Tag, Transcript
from ..core.spoken import covered_segments
from ..core.timecode import format_hms
from .subtitles import vtt_escape


@dataclass(frozen=True)
class Line:
    """A segment to show, with the tags that cover it."""

    segment: Segment
    end_ms: int
    """Where the segment ends for display: its own end, cut at the next segment's start."""
    tags: tuple[Tag, ...] = ()


def select(
    transcript: Transcript,
    start_ms: int | None = None,
    end_ms: int | None = None,
    grep: str = "",
    tags: Sequence[Tag] = (),
) -> list[Line]:
    """The segments overlapping ``[start_ms, end_ms]`` that contain every word of ``grep``
    (case-insensitive), each with the tags that cover it."""
    words = grep.casefold().split()
    segments = transcript.segments
    # a tag covers the segments whose words it quotes (``spoken``: the rule tag and export use)
    covers = [(t, {id(s) for s in covered_segments(segments, t.start_ms, t.end_ms)}) for t in tags]
    out = []
    for index, seg in enumerate(segments):
        following = segments[index + 1].start_ms if index + 1 < len(segments) else None
        end = (
            seg.end_ms
            if following is None or following < seg.start_ms
            else min(seg.end_ms, following)
        )
        end = max(end, seg.start_ms)
        if start_ms is not None and end <= start_ms and seg.start_ms < start_ms:
            continue
        if end_ms is not None and seg.start_ms > end_ms:
            break
        if words:
            text = seg.text.casefold()
            if not all(w in text for w in words):
                continue
        covering = tuple(t for t, covered in covers if id(seg) in covered)
        out.append(Line(seg, end, covering))
    return out


def to_text(lines: Sequence[Line]) -> str:
    return "".join(
        f"[{format_hms(line.segment.start_ms)}] {_said_by(line.segment)}{line.segment.text}\n"
        for line in lines
    )


def _said_by(segment: Segment) -> str:
    return f"{segment.speaker}: " if segment.speaker else ""


def to_json(transcript: Transcript, lines: Sequence[Line], with_tags: bool) -> dict[str, Any]:
    rows = []
    for line in lines:
        row: dict[str, Any] = {
            "start_ms": line.segment.start_ms,
            "end_ms": line.end_ms,
            "time": format_hms(line.segment.start_ms),
            "text": line.segment.text,
        }
        if line.segment.speaker:
            row["speaker"] = line.segment.speaker
        if with_tags:
            row["tags"] = [t.id for t in line.tags]
        rows.append(row)
    return {
        "video_id": transcript.video_id,
        "title": transcript.title,
        "channel": transcript.channel,
        "language_code": transcript.language_code,
        "segments": rows,
    }


def to_srt(lines: Sequence[Line]) -> str:
    import srt

    subs = [
        srt.Subtitle(
            index,
            timedelta(milliseconds=line.segment.start_ms),
            timedelta(milliseconds=line.end_ms),
            line.segment.text,
        )
        for index, line in enumerate(lines, 1)
    ]
    return str(srt.compose(subs, reindex=False))


def to_vtt(lines: Sequence[Line]) -> str:
    """WebVTT cues with the text escaped (``&``, ``<``, ``>``), so that it reads back as
    written; blank lines, which would end a cue, are left out."""
    import webvtt

    doc = webvtt.WebVTT(
        captions=[
            webvtt.Caption(
                _vtt_time(line.segment.start_ms),
                _vtt_time(line.end_ms),
                _voiced(
                    line.segment.speaker,
                    [vtt_escape(part) for part in line.segment.text.splitlines() if part.strip()],
                ),
            )
            for line in lines
        ]
    )
    buffer = io.StringIO()
    doc.write(buffer)
    return buffer.getvalue().rstrip("\n") + "\n"


def _voiced(speaker: str, lines: list[str]) -> list[str]:
    """Cue lines with the speaker as a WebVTT voice span, so that it reads back."""
    name = vtt_escape(speaker).replace(">", "")
    return [f"<v {name}>{lines[0]}", *lines[1:]] if speaker and lines else lines


def _vtt_time(ms: int) -> str:
    return f"{format_hms(ms)}.{ms % 1000:03d}"
