"""``aftershock help``: the help of a command, as ``--help`` prints it."""

from __future__ import annotations

from typing import Annotated

import typer


def help_(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COMMAND]...", help="A command (and sub-command), e.g. themes add."
        ),
    ] = None,
) -> None:
    """Show the help of a command, or of aftershock itself.

    Example: aftershock help themes add
    """
    root = ctx.find_root()
    group, names = root.command, list(command or [])
    info = root
    for name in names:
        sub = group.get_command(info, name) if hasattr(group, "get_command") else None
        if sub is None:
            from . import _common

            _common.fail(f"no command '{' '.join(names)}'; 'aftershock --help' lists them", code=2)
        info = typer.Context(sub, info_name=name, parent=info)
        group = sub
    typer.echo(info.get_help())


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("help")(help_)
