"""``aftershock undo``: take back the last change a command made to the workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from . import _common

if TYPE_CHECKING:
    from ..workspace.history import Change


def undo(
    ctx: typer.Context,
    list_: Annotated[
        bool, typer.Option("--list", help="List the recent changes instead (newest first).")
    ] = False,
    fmt: Annotated[
        _common.TableFormat, typer.Option("--format", "-f", help="Output format of --list.")
    ] = _common.TableFormat.table,
) -> None:
    """Take back the last change a command made: its files get their earlier contents.

    Every command that writes (tag, untag, retag, themes, import-note, fetch,
    export --vault, ...) keeps what it replaced in .aftershock/history/. A change
    whose files were edited since is not taken back.

    Example: aftershock undo --list
    """
    ws = _common.workspace(ctx)
    if list_:
        _list(ctx, ws.history().changes()[::-1], fmt)
        return
    undone = ws.undo()
    count = len(undone.restored) + len(undone.removed)
    files = "file" if count == 1 else "files"
    _common.notice(ctx, f"Undid '{undone.change.label}' ({count} {files}):")
    for path in undone.restored:
        _common.notice(ctx, f"  restored {path}")
    for path in undone.removed:
        _common.notice(ctx, f"  removed {path}")


def _list(ctx: typer.Context, changes: list[Change], fmt: _common.TableFormat) -> None:
    if fmt is _common.TableFormat.json:
        _common.echo_json([c.to_dict() for c in changes])
        return
    if not changes:
        _common.notice(ctx, "No changes in the history")
        return
    for c in changes:
        typer.echo(f"{c.created}  {len(c.files):>3} file(s)  {c.label}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("undo")(undo)
