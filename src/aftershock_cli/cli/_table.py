"""A table of rows on stdout: numbers right-aligned, unknown values as ``-``.

On a terminal Rich lays the table out to its width. Sent to a pipe or a file
(``_out.unfolded``), no row is folded, so the columns are laid out here, as Rich
would lay them out at any width: Rich takes about two milliseconds a row, which
is minutes for the tens of thousands of rows of an archive's disagreements.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import _common
from ._out import laid_out, print_trimmed, unfolded

Cell = str | int | float | None


def print_table(header: list[str], rows: list[list[Cell]], decimals: Sequence[str] = ()) -> None:
    """Print the rows under ``header``; the ``decimals`` columns show three decimals."""
    right = [_numeric([r[i] for r in rows]) for i in range(len(header))]
    texts = [[text(header[i], v, header[i] in decimals) for i, v in enumerate(r)] for r in rows]
    if unfolded() and not any("\n" in t for row in texts for t in row):
        _common.out_console().file.write(laid_out(header, texts, right))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_edge=False, pad_edge=False)
    for name, numbers in zip(header, right, strict=True):
        table.add_column(Text(name), justify="right" if numbers else "left", overflow="fold")
    for row in texts:  # Text, not markup: a cell ending in a backslash prints as it is
        table.add_row(*map(Text, row))
    print_trimmed(_common.out_console(), table)


def _numeric(cells: Sequence[Cell]) -> bool:
    return any(c is not None for c in cells) and all(
        c is None or isinstance(c, (int, float)) for c in cells
    )


def text(column: str, value: Cell, fixed: bool = False) -> str:
    """How a value shows in a table."""
    if value is None:
        return "-"  # not known (a video whose length is not known)
    if column in ("share", "percent") and isinstance(value, float):
        return f"{value:.1%}"
    if fixed and isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
