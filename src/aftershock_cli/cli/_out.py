"""The console tables go to, shared by the Typer commands and the lean search path.

Piped or redirected, and with no ``$COLUMNS`` to follow, a table is as wide as its
rows, so that each row stays one line for grep and cut; no line ends in the spaces
Rich pads the last column with.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

UNWRAPPED = 100_000
"""The width of a table written to a pipe or a file: no row of it is folded."""


def unfolded() -> bool:
    """Whether tables go out unfolded: stdout is not a terminal and no $COLUMNS is set."""
    return not sys.stdout.isatty() and not os.environ.get("COLUMNS")


def stdout_console() -> Console:
    """A new Rich console on stdout for tables (see the module's rule)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, width=UNWRAPPED if unfolded() else None)


def print_trimmed(console: Console, renderable: RenderableType) -> None:
    """Print ``renderable`` (a table) with no line ending in spaces."""
    with console.capture() as captured:
        console.print(renderable)
    console.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
