"""The ``aftershock`` console script: lean paths first, then the Typer application.

Starting Typer (and Click) costs more than a warm search itself, so ``main``
first looks at the command line. ``aftershock --help``, ``-h`` and
``--version`` print their text directly, and a plain ``search`` (the options of
``lean_search``) runs without Typer or Rich (Rich only to draw a table of
hits); everything else, and any of these the lean path is not sure of, goes to
the Typer application, whose output the lean paths repeat byte for byte (the
tests compare the two).

Before any of that, ``use_bytecode_cache`` makes sure the modules Python loads
are byte-compiled once, even where the environment forbids writing bytecode
beside the source. After a lean path the process ends at once (``_end``).
"""

from __future__ import annotations

import os
import sys

BYTECODE_OPT_OUT = "AFTERSHOCK_NO_BYTECODE_CACHE"


def bytecode_cache_dir() -> str:
    """Where compiled modules go when Python may not write them beside the source:
    ``$XDG_CACHE_HOME/aftershock/pycache``, else ``~/.cache/aftershock/pycache``
    (``%LOCALAPPDATA%`` on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if not base:
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "aftershock", "pycache")


def use_bytecode_cache() -> None:
    """Compile modules into a user cache when ``PYTHONDONTWRITEBYTECODE`` (or ``-B``)
    is set, so that every later run loads them compiled.

    That setting is meant to keep ``__pycache__`` folders out of source trees and
    images, which a cache under the user's cache folder respects; without it each
    run would compile aftershock's modules again (an editable install has no
    compiled files). A ``PYTHONPYCACHEPREFIX`` the user set is kept, and
    ``AFTERSHOCK_NO_BYTECODE_CACHE=1`` leaves Python's settings alone.
    """
    if not sys.dont_write_bytecode or sys.pycache_prefix or os.environ.get(BYTECODE_OPT_OUT):
        return
    sys.pycache_prefix = bytecode_cache_dir()
    sys.dont_write_bytecode = False


def lean(argv: list[str]) -> int | None:
    """Run ``argv`` on a lean path and return the exit status, or None (having
    printed nothing) when the Typer application must run it."""
    if "_AFTERSHOCK_COMPLETE" in os.environ:  # shell completion is Typer's
        return None
    if argv in (["--help"], ["-h"]):
        return _root_help()
    if argv == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"aftershock {__version__}\n")
        return 0
    if "search" in argv:
        from .lean_search import run

        return run(argv)
    return None


def _root_help() -> int | None:
    """The help Typer prints, stored by ``scripts/cli_reference.py``; only where Click
    would lay it out at its full width (a terminal of 80 columns or more, or a pipe)."""
    import shutil

    if shutil.get_terminal_size().columns < 80:
        return None
    from ._help_text import ROOT_HELP

    sys.stdout.write(ROOT_HELP)
    return 0


def main() -> None:
    """Console-script entry point (also ``python -m aftershock_cli``)."""
    use_bytecode_cache()
    try:
        code = lean(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): as the Typer path, exit 1
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    if code is not None:
        _end(code)
    from .app import main as typer_main

    typer_main()


def _end(code: int) -> None:
    """End the process after a lean path, skipping the interpreter's teardown.

    Everything is written and flushed by then, no file is open for writing, and the
    lean paths register nothing to run at exit, so there is nothing to clean up;
    tearing down the modules would only cost a few milliseconds of a warm search.
    """
    try:
        sys.stderr.flush()
    finally:
        os._exit(code)
