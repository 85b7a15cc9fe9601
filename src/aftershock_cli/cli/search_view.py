"""How ``search`` shows its hits: JSON or a Rich table (no Typer, for the lean path)."""

from __future__ import annotations

import json
import sys

from ..core.clocktext import format_clock
from ..search.hits import MARK_END, MARK_START, Hit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rich.console import Console


def hit_json(hit: Hit) -> dict[str, object]:
    """One hit as ``--format json`` shows it."""
    return {
        "video_id": hit.video_id,
        "title": hit.title,
        "kind": hit.kind,
        "time": format_clock(hit.start_ms),
        "start_ms": hit.start_ms,
        "end_ms": hit.end_ms,
        "url": hit.url,
        "snippet": hit.marked("**", "**"),
        "themes": list(hit.themes),
        "tag_id": hit.tag_id,
        "speaker": hit.speaker,
        "score": round(hit.score, 3),
    }


def write_json(hits: list[Hit]) -> None:
    """The hits as a JSON array on stdout (as every listing's ``--format json``)."""
    data = [hit_json(hit) for hit in hits]
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_hits(hits: list[Hit], console: Console) -> None:
    """The hits as a table: video, time (a link to that moment), themes, text."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False)
    for name in ("Video", "Time", "Themes", "Text"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        text = escape(hit.snippet).replace(MARK_START, "[bold yellow]").replace(MARK_END, "[/]")
        if hit.kind == "note":
            text = f"[dim]note {hit.tag_id}:[/] {text}"
        elif hit.speaker:
            text = f"[dim]{escape(hit.speaker)}:[/] {text}"
        table.add_row(
            escape(hit.title or hit.video_id),
            f"[link={hit.url}]{format_clock(hit.start_ms)}[/link]",
            escape(", ".join(hit.themes)),
            text,
        )
    console.print(table)
