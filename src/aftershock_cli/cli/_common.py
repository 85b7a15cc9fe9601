"""Shared pieces of the CLI: state, consoles, errors, output formats, progress."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from ._quote import SHELL_SAFE as SHELL_SAFE
from ._quote import shell_quote as shell_quote

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from ..workspace.folder import Workspace


@dataclass
class State:
    """What the global options set; reached from a command as ``ctx.obj``."""

    workspace_arg: Path | None = None
    quiet: bool = False
    workspace_from_env: bool = False
    """Whether ``workspace_arg`` came from ``$AFTERSHOCK_WORKSPACE`` rather than ``-w``."""
    _workspace: Workspace | None = field(default=None, repr=False)

    def root(self, required: bool = True) -> Path:
        """The workspace folder; with ``required``, refuse (exit 1) where none exists,
        so that no command silently makes a workspace of the wrong folder."""
        from ..workspace.discovery import find_root, is_workspace

        root = find_root(self.workspace_arg)
        if required and not is_workspace(root):
            fail(self._no_workspace(root))
        return root

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            from ..workspace.folder import Workspace

            self._workspace = Workspace(self.root(), on_stray=lambda n: warn(str(n)))
        return self._workspace

    def _no_workspace(self, root: Path) -> str:
        create = f"create one with 'aftershock init {shell_quote(root)}'"
        if self.workspace_from_env:
            return (
                f"no workspace in {root} (named by AFTERSHOCK_WORKSPACE): it has no "
                f"aftershock.yaml; {create}, or set AFTERSHOCK_WORKSPACE to a workspace"
            )
        if self.workspace_arg is not None:
            return (
                f"no workspace in {root}: it has no aftershock.yaml; {create}, "
                "or give the folder of an existing workspace"
            )
        return (
            f"no workspace here: no aftershock.yaml in {root} or any folder above it; "
            "create one with 'aftershock init', or run this inside a workspace "
            "(or give --workspace DIR)"
        )


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # a command invoked without the root callback
        obj = State()
        ctx.find_root().obj = obj
    return obj


def workspace(ctx: typer.Context, required: bool = True) -> Workspace:
    """The workspace chosen by ``--workspace``, the environment or discovery. Without
    ``required``, a folder with no ``aftershock.yaml`` is taken as an empty workspace
    (for commands that also work outside one, such as ``check`` of note files)."""
    if required:
        return state(ctx).workspace
    from ..workspace.folder import Workspace

    return Workspace(state(ctx).root(required=False), on_stray=lambda n: warn(str(n)))


def unknown_video(ws: Workspace, video_id: str, way_out: str) -> str:
    """The message for a video id the workspace does not know: the closest ids it
    does know (a typo is the common cause), then ``way_out``."""
    import difflib

    close = difflib.get_close_matches(video_id, ws.video_ids(), n=3, cutoff=0.5)
    guess = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"no video {video_id} in the workspace {ws.root}{guess}; {way_out}"


def require_known_video(ws: Workspace, video_id: str) -> None:
    """Exit 1 with ``unknown_video`` unless the workspace has a transcript or tags of it."""
    if video_id not in ws.video_ids():
        fail(unknown_video(ws, video_id, "'aftershock videos' lists the videos it has"))


_consoles: dict[str, Console] = {}


def err_console() -> Console:
    """A Rich console on stderr (messages, progress, warnings)."""
    if "err" not in _consoles:
        from rich.console import Console

        _consoles["err"] = Console(stderr=True, highlight=False, soft_wrap=True)
    return _consoles["err"]


def out_console() -> Console:
    """A Rich console on stdout (tables; see ``_out``)."""
    if "out" not in _consoles:
        from ._out import stdout_console

        _consoles["out"] = stdout_console()
    return _consoles["out"]


def reset_consoles() -> None:
    """Forget cached consoles (tests swap sys.stdout/sys.stderr between runs)."""
    _consoles.clear()


def wait_for_locks(seconds: float, quiet: bool) -> None:
    """Wait at most ``seconds`` for a lock of the workspace another command holds,
    and (unless ``quiet``) say on stderr after a second that it waits, and for whom."""
    from ..files.locks import LockWait, LockWaiting, set_default_wait

    def notice(waiting: LockWaiting) -> None:
        who = waiting.holder.describe() if waiting.holder else "another process"
        sys.stderr.write(
            f"Waiting for {who}, which is changing the workspace ({waiting.path.name}); "
            f"giving up after {waiting.timeout_s:g} seconds\n"
        )
        sys.stderr.flush()

    set_default_wait(LockWait(timeout_s=seconds, on_wait=None if quiet else notice))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` on stderr (one line, no markup) and exit."""
    sys.stderr.write(f"Error: {message}\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def notice(ctx: typer.Context, message: str) -> None:
    """A one-line notice on stderr, unless ``--quiet``."""
    if not state(ctx).quiet:
        sys.stderr.write(message + "\n")


def warn(message: str) -> None:
    """A warning on stderr (shown even with ``--quiet``)."""
    sys.stderr.write(f"Warning: {message}\n")


def echo_json(data: Any) -> None:
    """Print JSON data on stdout (UTF-8, indented, stable key order)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class TableFormat(enum.StrEnum):
    """Output of a listing command."""

    table = "table"
    json = "json"


class TableCsvFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@contextmanager
def progress(ctx: typer.Context, total: int | None, description: str) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr, or None when quiet or stderr is not a terminal.

    Use: ``with progress(ctx, n, "Exporting") as bar: ... bar.advance(bar.task_ids[0])``,
    or the ``advance`` helper below, which accepts None.
    """
    if state(ctx).quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console(),
        transient=True,
    ) as bar:
        bar.add_task(description, total=total)
        yield bar


def advance(bar: Progress | None, step: int = 1) -> None:
    if bar is not None:
        bar.advance(bar.task_ids[0], step)
