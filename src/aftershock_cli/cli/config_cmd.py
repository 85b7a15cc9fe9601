"""``aftershock config``: read and change the workspace's settings."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import _common

config_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@config_app.callback()
def config() -> None:
    """Read and change the settings in aftershock.yaml (the codebook has 'themes').

    Example: aftershock config set coder ana
    """


@config_app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting (coder).")],
    value: Annotated[str, typer.Argument(help="Its new value ('' to clear it).")],
) -> None:
    """Change a setting of the workspace.

    Example: aftershock config set coder ana
    """
    from ..workspace.settings import set_setting

    ws = _common.workspace(ctx)
    set_setting(ws, key, value)
    _common.notice(ctx, f"Set {key} to '{value.strip()}' in {ws.config_path}")


@config_app.command("get")
def get(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting.")],
) -> None:
    """Print the value of a setting (an empty line when it is not set).

    Example: aftershock config get coder
    """
    from ..workspace.settings import get_setting

    sys.stdout.write(get_setting(_common.workspace(ctx), key) + "\n")


@config_app.command("list")
def list_(
    ctx: typer.Context,
    fmt: Annotated[
        _common.TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = _common.TableFormat.table,
) -> None:
    """List the settings, their values and what each does.

    Example: aftershock config list -f json
    """
    from ..workspace.settings import list_settings

    rows = list_settings(_common.workspace(ctx))
    if fmt is _common.TableFormat.json:
        _common.echo_json([vars(r) for r in rows])
        return
    from ._table import print_table

    print_table(
        ["setting", "value", "about"],
        [[r.key, r.value, r.about + ("" if r.changeable else " (kept)")] for r in rows],
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(config_app, name="config")
