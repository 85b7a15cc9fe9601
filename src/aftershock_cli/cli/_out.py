"""The console tables go to, shared by the Typer commands and the lean search path.

Piped or redirected, and with no ``$COLUMNS`` to follow, a table is as wide as its
rows, so that each row stays one line for grep and cut; no line ends in the spaces
Rich pads the last column with.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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


def laid_out(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool],
    width: Callable[[str], int] | None = None,
) -> str:
    """The lines Rich prints for the table (no box, two spaces between columns) when
    nothing is folded, without trailing spaces; ``width`` gives the cells a text takes
    (Rich's measure when None)."""
    if width is None:
        from rich.cells import cell_len

        width = cell_len
    measure = width
    widths = [max(map(measure, column)) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in (header, *rows):
        cells = (
            " " * (size - measure(t)) + t if flush else t + " " * (size - measure(t))
            for t, size, flush in zip(row, widths, right, strict=True)
        )
        lines.append("  ".join(cells).rstrip() + "\n")
    return "".join(lines)
