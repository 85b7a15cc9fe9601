"""``aftershock show --tags``: each tagged stretch coloured by its theme, tag ids in the margin."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.model import Tag, Transcript
from ..core.timecode import format_hms
from ..export.lines import Line
from ..workspace.folder import Workspace
from ._common import out_console


def _color(colours: dict[str, str], tag: Tag) -> str:
    """The colour of the tag's first theme (``default`` for one the codebook lacks)."""
    return colours.get(tag.themes[0], "default") if tag.themes else "default"


def print_tagged(
    ws: Workspace,
    transcript: Transcript,
    lines: Sequence[Line],
    tags: Sequence[Tag],
    start_ms: int | None,
    end_ms: int | None,
) -> None:
    """Print lines with a margin of tag ids; without segments, print the tags themselves.

    A line carries the tags that cover its segment by the rule ``tag`` and export use
    (``spoken.covered_segments``), so the margin marks exactly the words a tag quotes.
    """
    from rich.text import Text

    from ..core.spoken import covered_segments
    from ..tagging.themes import theme_colors

    colours = theme_colors(ws.codebook())
    console = out_console()
    if transcript.has_segments:
        covers = [
            (t, {id(s) for s in covered_segments(transcript.segments, t.start_ms, t.end_ms)})
            for t in tags
        ]
        marked = [[t for t, ids in covers if id(line.segment) in ids] for line in lines]
        width = max((len(",".join(t.id for t in on)) for on in marked), default=0)
        for line, on in zip(lines, marked, strict=True):
            ids = ",".join(t.id for t in on)
            row = Text(f"{ids:<{width}}  " if width else "")
            body = f"[{format_hms(line.segment.start_ms)}] {line.segment.text}"
            row.append(body, style=_color(colours, on[0]) if on else "")
            console.print(row)
        return
    for tag in sorted(tags, key=lambda t: (t.start_ms, t.end_ms, t.id)):
        if (start_ms is not None and tag.end_ms < start_ms) or (
            end_ms is not None and tag.start_ms > end_ms
        ):
            continue
        row = Text(f"{tag.id}  ")
        span = f"[{format_hms(tag.start_ms)}-{format_hms(tag.end_ms)}]"
        themes = ", ".join(tag.themes)
        text = f"{span} {themes}" + (f": {tag.note}" if tag.note else "")
        row.append(text, style=_color(colours, tag))
        console.print(row)
