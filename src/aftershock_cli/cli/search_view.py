"""How ``search`` shows its hits: JSON or a table (no Typer, for the lean path).

The JSON is written by ``json_text``, which gives exactly what
``json.dumps(value, ensure_ascii=False, indent=2)`` gives for the values a hit
holds (a test compares the two on generated values). It is written here rather
than taken from the standard ``json`` module because importing that module
compiles six regular expressions, about 3.5 ms of CPU: a twentieth of a warm
search, which prints only this.
"""

from __future__ import annotations

import re
import sys

from ..core.clocktext import format_clock
from ..search.hits import MARK_END, MARK_START, Hit
from ._out import laid_out, unfolded

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

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


HEADER = ("Video", "Time", "Themes", "Text")

_ONE_CELL_EACH = re.compile("[\x20-\x7e\u00a0-\u00ac\u00ae-\u017f\u2010-\u2027\u2030-\u205e]*")
"""Text Rich prints as it is, one cell a character (a test checks each character)."""


def show_hits(hits: list[Hit], console: Callable[[], Console]) -> None:
    """The hits as a table on stdout: laid out here when it goes to a pipe or a file
    and holds only characters of ``_ONE_CELL_EACH`` (the same lines, without loading
    Rich), else drawn by Rich on ``console()``."""
    text = plain_table(hits) if unfolded() else None
    if text is None:
        print_hits(hits, console())
    else:
        sys.stdout.write(text)


def plain_table(hits: list[Hit]) -> str | None:
    """The lines ``print_hits`` prints to a pipe, or None when a cell holds a character
    outside ``_ONE_CELL_EACH``."""
    rows = []
    for hit in hits:
        text = hit.marked("", "")
        if hit.kind == "note":
            text = f"note {hit.tag_id}: {text}"
        elif hit.speaker:
            text = f"{hit.speaker}: {text}"
        row = (hit.title or hit.video_id, format_clock(hit.start_ms), ", ".join(hit.themes), text)
        if not all(_ONE_CELL_EACH.fullmatch(cell) for cell in row):
            return None
        rows.append(row)
    return laid_out(HEADER, rows, (False,) * len(HEADER), width=len)


def print_hits(hits: list[Hit], console: Console) -> None:
    """The hits as a table: video, time (a link to that moment), themes, text.

    Cells are Rich ``Text`` rather than markup, so that a backslash or a bracket in
    a title or a caption prints as it is."""
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from ._out import print_trimmed

    table = Table(box=None, show_edge=False, pad_edge=False)
    for name in HEADER:
        table.add_column(name, overflow="fold")
    for hit in hits:
        text = Text()
        if hit.kind == "note":
            text.append(f"note {hit.tag_id}: ", style="dim")
        elif hit.speaker:
            text.append(f"{hit.speaker}: ", style="dim")
        for n, part in enumerate(_MARKS.split(hit.snippet)):
            text.append(part, style="bold yellow" if n % 2 else "")
        table.add_row(
            Text(hit.title or hit.video_id),
            Text(format_clock(hit.start_ms), style=Style(link=hit.url)),
            Text(", ".join(hit.themes)),
            text,
        )
    print_trimmed(console, table)


_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")
