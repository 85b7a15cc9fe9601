"""The review of ``aftershock suggest --review``: accept, reject, skip or edit each suggestion.

Each suggestion is shown on stderr and answered on stdin, so the same loop runs in a
terminal and under a test runner; the accepted tags are printed on stdout at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from . import _common

if TYPE_CHECKING:
    from ..core.model import Tag
    from ..tagging.suggest import Suggestion
    from ..workspace.folder import Workspace

CHOICES = "[a]ccept, [r]eject, [s]kip, [e]dit, [q]uit"


def _show(rank: int, total: int, s: Suggestion) -> None:
    from ..core.timecode import format_range

    typer.echo(
        f"{rank}/{total} {s.video_id} {format_range(s.start_ms, s.end_ms)} {s.theme} "
        f"(score {s.score}; {s.because})\n  {s.text}",
        err=True,
    )


def _answer() -> str:
    while True:
        text = str(typer.prompt(CHOICES, default="s", show_default=False, err=True))
        text = text.strip().lower()
        if text[:1] in {"a", "r", "s", "e", "q"}:
            return text[:1]
        typer.echo(f"Answer one of {CHOICES}", err=True)


def review_all(ctx: typer.Context, ws: Workspace, found: Sequence[Suggestion], coder: str) -> None:
    """Ask about each suggestion in turn; accepted ones become tags, rejected ones are
    remembered; prints the new tags and a count of each answer."""
    from ..core.timecode import format_range
    from ..tagging.rank import accept, reject
    from ._tagview import range_text

    made: list[Tag] = []
    rejected = skipped = 0
    for rank, s in enumerate(found, 1):
        _show(rank, len(found), s)
        answer = _answer()
        if answer == "q":
            skipped += len(found) - rank + 1
            break
        if answer == "s":
            skipped += 1
        elif answer == "r":
            reject(ws, s)
            rejected += 1
        else:
            edit = answer == "e"
            span = format_range(s.start_ms, s.end_ms)
            new_range = typer.prompt("Range", default=span, err=True) if edit else span
            note = typer.prompt("Note", default="", show_default=False, err=True) if edit else ""
            made += accept(
                ws, s, coder=coder, note=note, range_text="" if new_range == span else new_range
            )
    for t in made:
        typer.echo(
            f"{t.id}\t{t.video_id}\t{range_text(t.start_ms, t.end_ms)}\t{', '.join(t.themes)}"
        )
    _common.notice(ctx, f"Accepted {len(made)}, rejected {rejected}, skipped {skipped}")
