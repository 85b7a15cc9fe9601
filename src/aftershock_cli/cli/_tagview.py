"""Rendering tags, themes and suggestions for the terminal (used by tag_cmd, themes_cmd)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.model import Codebook, Tag, Transcript
    from ..tagging.suggest import Suggestion
    from ..tagging.tags import Draft


def range_text(start_ms: int, end_ms: int) -> str:
    from ..core.timecode import format_duration, format_range

    return f"{format_range(start_ms, end_ms)} ({format_duration(end_ms - start_ms)})"


def print_tag(tag_id: str, item: Tag | Draft, transcript: Transcript) -> None:
    """``ID  RANGE  THEMES`` and, indented below, the words it covers and its note."""
    from ..core.spoken import covered_text

    out = sys.stdout
    out.write(f"{tag_id}  {range_text(item.start_ms, item.end_ms)}  {', '.join(item.themes)}\n")
    words = covered_text(transcript, item.start_ms, item.end_ms)
    if words:
        out.write(f"    {words}\n")
    if item.note:
        out.write(f"    Note: {item.note}\n")


def show_tags(
    items: Sequence[tuple[str, Tag | Draft]], transcript: Transcript, as_json: bool
) -> None:
    """New or changed tags (an empty id marks a dry run), as text or JSON."""
    from ..core.spoken import covered_text

    if not as_json:
        for tag_id, item in items:
            print_tag(tag_id or "(dry run)", item, transcript)
        return
    from ._common import echo_json

    rows = []
    for tag_id, item in items:
        rows.append(
            {
                "id": tag_id or None,
                "video_id": transcript.video_id,
                "start_ms": item.start_ms,
                "end_ms": item.end_ms,
                "themes": list(item.themes),
                "note": item.note,
                "section": item.section,
                "coder": item.coder,
                "created": getattr(item, "created", None),
                "text": covered_text(transcript, item.start_ms, item.end_ms),
            }
        )
    echo_json(rows)


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def print_tags_table(tags: Sequence[Tag], *, one_video: bool = False) -> None:
    """The tags as a table; ``one_video`` leaves out the Video column (every row's would
    be the same), which gives the note more room."""
    from rich.table import Table

    from ._common import out_console

    names = ["ID", "Video", "Range", "Themes", "Coder", "Note"]
    rows = [
        [t.id, t.video_id, range_text(t.start_ms, t.end_ms), ", ".join(t.themes), t.coder,
         _short(t.note, 60)]
        for t in tags
    ]  # fmt: skip
    if one_video:
        del names[1]
        for row in rows:
            del row[1]
    whole_columns = {"ID", "Video", "Range"}
    table = Table(box=None, header_style="bold", pad_edge=False)
    for i, name in enumerate(names):
        # ids, videos and ranges are never cut, however narrow the terminal: they are copied
        # into other commands; themes, coder and note wrap instead
        keep = name in whole_columns
        whole = max([len(name)] + [len(r[i]) for r in rows]) if keep else None
        table.add_column(name, no_wrap=keep, min_width=whole, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out_console().print(table)


def write_tags_csv(tags: Sequence[Tag]) -> None:
    from ..core.timecode import format_hms

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "video_id",
            "start",
            "end",
            "start_ms",
            "end_ms",
            "themes",
            "note",
            "section",
            "coder",
            "created",
        ]
    )
    for t in tags:
        writer.writerow(
            [
                t.id,
                t.video_id,
                format_hms(t.start_ms),
                format_hms(t.end_ms),
                t.start_ms,
                t.end_ms,
                ";".join(t.themes),
                t.note,
                t.section,
                t.coder,
                t.created,
            ]
        )


def print_themes_tree(codebook: Codebook, counts: dict[str, int]) -> None:
    from rich.table import Table

    from ._common import out_console

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("Theme", "Label", "Tags"):
        table.add_column(name, justify="right" if name == "Tags" else "left")

    def walk(slugs: Sequence[str], depth: int, seen: set[str]) -> None:
        for slug in slugs:
            if slug in seen:
                continue
            seen.add(slug)
            theme = codebook.get(slug)
            label = theme.label if theme.codable else f"{theme.label} (grouping theme)"
            table.add_row("  " * depth + slug, label, str(counts.get(slug, 0)))
            walk([c.slug for c in codebook.children(slug)], depth + 1, seen)

    seen: set[str] = set()
    walk([t.slug for t in codebook.roots()], 0, seen)
    walk([t.slug for t in codebook if t.slug not in seen], 0, seen)  # parents in a loop
    out_console().print(table)


def print_suggestions(found: Sequence[Suggestion], *, several: bool = False) -> None:
    """A table of suggestions; ``several`` adds a Video column (more than one video ranked)."""
    from rich.table import Table

    from ..core.timecode import format_range
    from ._common import out_console

    names = ("#", "Video", "Range", "Theme", "Score", "Because", "Text")
    rows = [
        (str(rank), s.video_id, format_range(s.start_ms, s.end_ms), s.theme, f"{s.score:g}",
         _short(s.because, 40), _short(s.text, 60))
        for rank, s in enumerate(found, 1)
    ]  # fmt: skip
    keep = [i for i in range(len(names)) if several or names[i] != "Video"]
    table = Table(box=None, header_style="bold", pad_edge=False)
    for i in keep:
        # rank, video, range, theme and score stay whole on a narrow terminal; the words wrap
        whole = max([len(names[i])] + [len(r[i]) for r in rows]) if i < 5 else None
        table.add_column(
            names[i], no_wrap=i < 5, min_width=whole, justify="right" if i == 4 else "left"
        )
    for row in rows:
        table.add_row(*(row[i] for i in keep))
    out_console().print(table)


def themes_json(codebook: Codebook, counts: dict[str, int]) -> list[dict[str, object]]:
    """Every theme with all its fields and how many tags use it."""
    return [
        {
            "slug": t.slug,
            "label": t.label,
            "page": t.page,
            "description": t.description,
            "keywords": list(t.keywords),
            "parent": t.parent,
            "color": t.color,
            "guid": t.guid,
            "codable": t.codable,
            "tags": counts.get(t.slug, 0),
        }
        for t in codebook
    ]
