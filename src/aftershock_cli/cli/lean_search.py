"""``aftershock search`` without Typer: the common case, when the index is up to date.

It takes the global ``-q/--quiet`` and ``-w/--workspace DIR`` and the search
options ``--format/-f``, ``--limit/-n``, ``--in`` and ``--speaker``, each at
most once, written ``--opt VALUE``, ``--opt=VALUE`` or ``-f VALUE``. Anything
else (``--theme``, ``--video``, ``--help``, a value that starts with ``-``, a
folder that is not a workspace), and any index that must first be built,
updated or mended, returns None before printing anything, and the Typer
command runs instead, with its notices and progress bar.

Two steps: ``search.warm`` answers from an index that the quick freshness
check trusts, with the standard library alone; when it cannot, the full
search (``search.query`` on ``search.reader``, which checks every file and
says what is wrong with a query) runs, still without Typer. The modules of the
second step, and those that print errors, are imported only when it runs.
"""

from __future__ import annotations

import os
import sys

from ..search.hits import Hit
from ..search.warm import warm_search
from ..workspace.names import CONFIG_NAME, ENV_VAR, plain_root, stray_messages_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

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


class Request:
    """A search the lean path can answer (a plain class: no ``dataclasses`` to load)."""

    __slots__ = ("fmt", "limit", "query", "quiet", "root", "scope", "speaker")

    def __init__(
        self,
        query: str,
        root: str,
        fmt: str = "table",
        limit: int = 20,
        scope: str = "all",
        speaker: str | None = None,
        quiet: bool = False,
    ) -> None:
        self.query = query
        self.root = root
        """The workspace folder, spelled as ``discovery.find_root`` gives it."""
        self.fmt = fmt
        self.limit = limit
        self.scope = scope
        self.speaker = speaker
        self.quiet = quiet


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


def _root(workspace: str | None) -> str | None:
    """The workspace folder, or None where Typer must speak (no workspace there, or a
    ``--workspace`` or ``$AFTERSHOCK_WORKSPACE`` that names a file)."""
    named = workspace or os.environ.get(ENV_VAR) or None
    readable_folder = named is not None and os.path.isdir(named) and os.access(named, os.R_OK)
    if named is not None and os.path.exists(named) and not readable_folder:
        return None
    root = plain_root(workspace)
    if root is None:  # a name only pathlib spells for sure (~, //)
        from ..workspace.discovery import find_root

        root = str(find_root(workspace))
    return root if os.path.isfile(os.path.join(root, CONFIG_NAME)) else None


def run(argv: list[str]) -> int | None:
    """Answer the search of ``argv``: its exit status, or None (nothing printed)."""
    request = parse(argv)
    if request is None:
        return None
    try:
        warm = None if _seams_set() else _warm(request)
        found = _full(request) if warm is None else warm
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted; nothing half-written was kept.\n")
        return 130
    if not isinstance(found, tuple):
        return found
    hits, warnings = found
    for message in warnings:
        sys.stderr.write(f"Warning: {message}\n")
    if request.fmt == "json":
        from .search_view import write_json

        write_json(hits)
    elif not hits:
        if not request.quiet:
            sys.stderr.write(f"No hits for {request.query}\n")
    else:
        from ._out import stdout_console
        from .search_view import show_hits

        show_hits(hits, stdout_console)
    return 0


def _seams_set() -> bool:
    """Whether an index opener was put at the seam (``_seams.SEAMS.open_index``; only
    a process that imported ``_seams`` can have one), which the full search then uses,
    as the Typer path does."""
    seams = sys.modules.get(f"{__package__}._seams")
    return seams is not None and seams.SEAMS.open_index is not None


def _warm(request: Request) -> tuple[list[Hit], list[str]] | None:
    answer = warm_search(
        request.root,
        request.query,
        scope=request.scope,
        limit=request.limit,
        speaker=request.speaker,
    )
    if answer is None:
        return None
    return answer.hits, stray_messages_of(request.root, list(answer.strays))


def _full(request: Request) -> tuple[list[Hit], list[str]] | int | None:
    """The hits and warnings of the full search; an exit status after an error
    (printed), or None when Typer must first bring the index up to date."""
    from pathlib import Path

    from ..core.errors import AftershockError
    from ..workspace.discovery import stray_messages
    from .hints import render_error

    root = Path(request.root)
    try:
        found = _full_hits(request, root)
    except AftershockError as exc:
        sys.stderr.write(f"Error: {render_error(exc)}\n")
        return 1
    if found is None:
        return None
    hits, strays = found
    if strays is None:
        return hits, stray_messages(root)
    return hits, stray_messages_of(request.root, list(strays))


def _full_hits(request: Request, root: Path) -> tuple[list[Hit], tuple[str, ...] | None] | None:
    """The hits and the stray files when the index's check knew them, or None when the
    index is not up to date or is damaged."""
    from ..search.query import check_arguments, search
    from ..search.reader import IndexBrokenError, IndexReader
    from . import _seams

    check_arguments(request.query, request.scope, request.limit)
    opener = _seams.SEAMS.open_index  # the test suite's fakes, as the Typer path uses
    index = opener(root) if opener is not None else IndexReader(root)
    with index:
        plan = index.plan()
        if plan.rebuild_reason is not None or plan.work:
            return None
        try:
            hits = search(
                index,
                request.query,
                scope=request.scope,
                limit=request.limit,
                speaker=request.speaker,
            )
        except IndexBrokenError:
            return None
    return hits, plan.strays
