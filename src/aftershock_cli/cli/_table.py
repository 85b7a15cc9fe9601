"""A table of rows on stdout: numbers right-aligned, unknown values as ``-``."""

from __future__ import annotations

from collections.abc import Sequence

from . import _common
from ._out import print_trimmed

Cell = str | int | float | None


def print_table(header: list[str], rows: list[list[Cell]], decimals: Sequence[str] = ()) -> None:
    """Print the rows under ``header``; the ``decimals`` columns show three decimals."""
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False)
    for name in header:
        cells = [r[header.index(name)] for r in rows]
        numeric = any(c is not None for c in cells) and all(
            c is None or isinstance(c, (int, float)) for c in cells
        )
        table.add_column(name, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(cell(header[i], v, header[i] in decimals) for i, v in enumerate(row)))
    print_trimmed(_common.out_console(), table)


def cell(column: str, value: Cell, fixed: bool = False) -> str:
    from rich.markup import escape

    if value is None:
        return "-"  # not known (a video whose length is not known)
    if column in ("share", "percent") and isinstance(value, float):
        return f"{value:.1%}"
    if fixed and isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))
