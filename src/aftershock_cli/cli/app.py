"""The ``aftershock`` command: global options, error handling, command registration.

Each command group lives in its own module with a ``register(app)`` function.
Only the module of the command being run is imported (``COMMANDS`` maps each
command to its module), and command modules import heavy libraries inside the
command bodies, so that every command starts fast.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup

from ..core.errors import AftershockError
from ..core.limits import LOCK_WAIT_S
from . import _argv, _common
from .hints import render_error

COMMANDS = {
    "init": "init_cmd",
    "fetch": "fetch_cmd",
    "videos": "fetch_cmd",
    "show": "fetch_cmd",
    "series": "series_cmd",
    "themes": "themes_cmd",
    "tag": "tag_cmd",
    "tags": "tag_cmd",
    "untag": "tag_cmd",
    "retag": "tag_cmd",
    "suggest": "suggest_cmd",
    "import-note": "notes_cmd",
    "export": "export_cmd",
    "check": "check_cmd",
    "search": "search_cmd",
    "index": "search_cmd",
    "report": "search_cmd",
    "agree": "agree_cmd",
    "reconcile": "reconcile_cmd",
    "import-qdpx": "qda_cmd",
    "view": "view_cmd",
    "demo": "demo_cmd",
    "config": "config_cmd",
    "undo": "undo_cmd",
    "help": "help_cmd",
}
"""Every command, in the order ``--help`` lists them, and the module that defines it."""


_DASH_VIDEO_ID = re.compile(r"^-[A-Za-z0-9_][A-Za-z0-9_-]{9}$")


def _protect_video_id(arg: str) -> str:
    """A video id that starts with ``-`` (as ``-tDQ74I3Ovs``) would read as options:
    pass it on as the equivalent short URL, which every VIDEO argument accepts."""
    return f"https://youtu.be/{arg}" if _DASH_VIDEO_ID.match(arg) else arg


class _Argument(TyperArgument):
    """An argument shown as ``VIDEO``, ``[VIDEO]`` or ``NOTE...`` in usage lines,
    the way most command-line tools write them, rather than Typer's ``{video}``."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        name = self.metavar or (self.name or "").upper()
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return f"[{name}]" if usage and not self.required and not name.startswith("[") else name


def _plain_arguments(command: Any) -> None:
    """Give every argument of a command (and of a group's commands) the plain spelling."""
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
            param.metavar = param.metavar or (param.name or "").upper()
    for sub in getattr(command, "commands", {}).values():
        _plain_arguments(sub)


_GLOBAL_FLAGS = {"--quiet", "-q"}
_GLOBAL_WITH_VALUE = {"--workspace", "-w", "--wait"}


def _globals_first(args: list[str]) -> list[str]:
    """Move the global options written after the command (``aftershock tags -q``) in
    front of it, where they belong; anything after ``--`` is left alone."""
    command = next((i for i, a in enumerate(args) if a in COMMANDS), None)
    if command is None:
        return args
    front, rest, moved = args[:command], [args[command]], []
    tail = iter(args[command + 1 :])
    for arg in tail:
        if arg == "--":
            rest += [arg, *tail]
            break
        if arg in _GLOBAL_FLAGS or arg.startswith(("--workspace=", "--wait=")):
            moved.append(arg)
        elif arg in _GLOBAL_WITH_VALUE:
            moved += [arg, next(tail, "")]
        else:
            rest.append(arg)
    return front + moved + rest


class _Group(TyperGroup):
    """Turns AftershockError into ``Error: ...`` on stderr and exit status 1."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _argv.refuse_undecodable(args)
        args = _globals_first([_protect_video_id(a) for a in args])
        self.command_line = "aftershock " + " ".join(
            a if _common.SHELL_SAFE.fullmatch(a) else repr(a) for a in args
        )
        return list(super().parse_args(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=2, cutoff=0.6)
            guess = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{guess} 'aftershock --help' lists them.")
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def _load(self, module: str) -> None:
        """Import one command module and add the commands it registers."""
        holder = typer.Typer(rich_markup_mode=None)
        importlib.import_module(f"{__package__}.{module}").register(holder)
        for name, command in typer.main.get_group(holder).commands.items():
            _plain_arguments(command)
            self.add_command(command, name)

    def invoke(self, ctx: Any) -> Any:
        from ..workspace.history import change

        try:
            with change(getattr(self, "command_line", "aftershock")):
                return super().invoke(ctx)
        except AftershockError as exc:
            _common.fail(render_error(exc))
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
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: fast, and the same text the README shows
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
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            metavar="SECONDS",
            min=0,
            help="How long to wait for another aftershock command that is changing the "
            "workspace before giving up (0: do not wait).",
        ),
    ] = LOCK_WAIT_S,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Thematic analysis of recorded talks."""
    source = ctx.get_parameter_source("workspace")
    from_env = source is not None and source.name == "ENVIRONMENT"
    ctx.obj = _common.State(workspace_arg=workspace, quiet=quiet, workspace_from_env=from_env)
    _common.wait_for_locks(wait, quiet)


def main() -> None:
    """Console-script entry point (also ``python -m aftershock_cli``, under the same name,
    so that its help and shell completion are those of ``aftershock``)."""
    app(prog_name="aftershock")
