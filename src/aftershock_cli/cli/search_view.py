"""How ``search`` shows its hits: JSON or a Rich table (no Typer, for the lean path).

The JSON is written by ``json_text``, which gives exactly what
``json.dumps(value, ensure_ascii=False, indent=2)`` gives for the values a hit
holds (a test compares the two on generated values). It is written here rather
than taken from the standard ``json`` module because importing that module
compiles six regular expressions, about 3.5 ms of CPU: a twentieth of a warm
search, which prints only this.
"""

from __future__ import annotations

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
    sys.stdout.write(json_text([hit_json(hit) for hit in hits]) + "\n")


_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)} | {
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\b"): "\\b",
    ord("\f"): "\\f",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
"""What ``json`` escapes in a string when it may keep non-ASCII characters."""


def json_text(value: object, level: int = 0) -> str:
    """``value`` (str, int, finite float, bool, None, and lists, tuples and dicts with
    string keys of those) as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it."""
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value)
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, (list, tuple)):
        items = [json_text(item, level + 1) for item in value]
        brackets = "[]"
    elif isinstance(value, dict):
        items = [f"{json_text(str(k))}: {json_text(v, level + 1)}" for k, v in value.items()]
        brackets = "{}"
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    if not items:
        return brackets
    return brackets[0] + inner + ("," + inner).join(items) + "\n" + "  " * level + brackets[1]


def print_hits(hits: list[Hit], console: Console) -> None:
    """The hits as a table: video, time (a link to that moment), themes, text."""
    from rich.markup import escape
    from rich.table import Table

    from ._out import print_trimmed

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
    print_trimmed(console, table)
