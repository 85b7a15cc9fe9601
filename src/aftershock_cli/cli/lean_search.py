"""``aftershock search`` without Typer: the common case, when the index is up to date.

It takes the global ``-q/--quiet`` and ``-w/--workspace DIR`` and the search
options ``--format/-f``, ``--limit/-n``, ``--in`` and ``--speaker``, each at
most once, written ``--opt VALUE``, ``--opt=VALUE`` or ``-f VALUE``. Anything
else (``--theme``, ``--video``, ``--help``, a value that starts with ``-``, a
folder that is not a workspace), and any index that must first be built,
updated or mended, returns None before printing anything, and the Typer
command runs instead, with its notices and progress bar.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import AftershockError
from ..search.query import Hit, check_arguments, search
from ..search.reader import IndexBrokenError, IndexReader
from ..workspace.discovery import ENV_VAR, find_root, is_workspace, stray_messages
from . import _seams
from .hints import render_error
from .search_view import print_hits, write_json

_OPTIONS = {
    "--format": "format",
    "-f": "format",
    "--limit": "limit",
    "-n": "limit",
    "--in": "scope",
    "--speaker": "speaker",
    "--workspace": "workspace",
    "-w": "workspace",
}
_CHOICES = {"format": ("table", "json"), "scope": ("all", "transcripts", "notes")}


@dataclass(frozen=True)
class Request:
    """A search the lean path can answer."""

    query: str
    root: Path
    fmt: str = "table"
    limit: int = 20
    scope: str = "all"
    speaker: str | None = None
    quiet: bool = False


def parse(argv: list[str]) -> Request | None:
    """The search ``argv`` asks for, or None when it is not one the lean path takes."""
    values: dict[str, str] = {}
    query: str | None = None
    command = quiet = False
    args = iter(argv)
    for arg in args:
        if arg == "search" and not command:
            command = True
            continue
        if arg in ("-q", "--quiet"):
            quiet = True
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        key = _OPTIONS.get(name)
        if key is not None and (command or key == "workspace") and key not in values:
            value = inline if eq else next(args, None)
            if not value or value.startswith("-"):
                return None
            values[key] = value
            continue
        if arg.startswith("-") or not command or query is not None:
            return None
        query = arg
    if query is None or not _valid(values):
        return None
    root = _root(values.get("workspace"))
    if root is None:
        return None
    return Request(
        query,
        root,
        fmt=values.get("format", "table"),
        limit=int(values.get("limit", "20")),
        scope=values.get("scope", "all"),
        speaker=values.get("speaker"),
        quiet=quiet,
    )


def _valid(values: dict[str, str]) -> bool:
    """Whether every value is one Click would take as it is."""
    limit = values.get("limit", "20")
    if not (limit.isascii() and limit.isdigit()):
        return False
    return all(values.get(key, choices[0]) in choices for key, choices in _CHOICES.items())


def _root(workspace: str | None) -> Path | None:
    """The workspace folder, or None where Typer must speak (no workspace there, or a
    ``--workspace`` or ``$AFTERSHOCK_WORKSPACE`` that names a file)."""
    named = workspace or os.environ.get(ENV_VAR) or None
    readable_folder = named is not None and os.path.isdir(named) and os.access(named, os.R_OK)
    if named is not None and os.path.exists(named) and not readable_folder:
        return None
    root = find_root(workspace)
    return root if is_workspace(root) else None


def run(argv: list[str]) -> int | None:
    """Answer the search of ``argv``: its exit status, or None (nothing printed)."""
    request = parse(argv)
    if request is None:
        return None
    try:
        hits = _hits(request)
    except AftershockError as exc:
        sys.stderr.write(f"Error: {render_error(exc)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted; nothing half-written was kept.\n")
        return 130
    if hits is None:
        return None
    for message in stray_messages(request.root):
        sys.stderr.write(f"Warning: {message}\n")
    if request.fmt == "json":
        write_json(hits)
    elif not hits:
        if not request.quiet:
            sys.stderr.write(f"No hits for {request.query}\n")
    else:
        from ._out import stdout_console

        print_hits(hits, stdout_console())
    return 0


def _hits(request: Request) -> list[Hit] | None:
    """The hits, or None when the index is not up to date or is damaged."""
    check_arguments(request.query, request.scope, request.limit)
    opener = _seams.SEAMS.open_index  # the test suite's fakes, as the Typer path uses
    index = opener(request.root) if opener is not None else IndexReader(request.root)
    with index:
        plan = index.plan()
        if plan.rebuild_reason is not None or plan.work:
            return None
        try:
            return search(
                index,
                request.query,
                scope=request.scope,
                limit=request.limit,
                speaker=request.speaker,
            )
        except IndexBrokenError:
            return None
