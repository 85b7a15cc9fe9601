"""The ``aftershock`` command: global options, error handling, command registration.

Each command group lives in its own module with a ``register(app)`` function.
Command modules import heavy libraries inside the command bodies, so that
``aftershock --help`` stays fast.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ..errors import AftershockError
from . import _common

COMMAND_MODULES = (
    "init_cmd",
    "fetch_cmd",
    "themes_cmd",
    "tag_cmd",
    "notes_cmd",
    "export_cmd",
    "check_cmd",
    "search_cmd",
    "qda_cmd",
    "demo_cmd",
)


_DASH_VIDEO_ID = re.compile(r"^-[A-Za-z0-9_][A-Za-z0-9_-]{9}$")


def _protect_video_id(arg: str) -> str:
    """A video id that starts with ``-`` (as ``-tDQ74I3Ovs``) would read as options:
    pass it on as the equivalent short URL, which every VIDEO argument accepts."""
    return f"https://youtu.be/{arg}" if _DASH_VIDEO_ID.match(arg) else arg


class _Group(TyperGroup):
    """Turns AftershockError into ``Error: ...`` on stderr and exit status 1."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return list(super().parse_args(ctx, [_protect_video_id(a) for a in args]))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AftershockError as exc:
            _common.fail(str(exc))
        except KeyboardInterrupt:
            _common.err_console().print("Interrupted; nothing half-written was kept.")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(1) from None


app = typer.Typer(
    name="aftershock",
    cls=_Group,
    help="Thematic analysis of recorded talks: fetch transcripts, tag time ranges with "
    "themes, export annotated Markdown notes.\n\n"
    "Example: aftershock fetch t8dJdL0Wyw8",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"aftershock {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            envvar="AFTERSHOCK_WORKSPACE",
            help="Workspace folder (default: nearest folder upward with aftershock.yaml, "
            "else the current folder).",
            file_okay=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bars or notices on stderr.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Thematic analysis of recorded talks."""
    ctx.obj = _common.State(workspace_arg=workspace, quiet=quiet)


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    app()
