"""``aftershock agree``: how far coders agree, per theme, and where they differ."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from . import _common

if TYPE_CHECKING:
    from ..report.team import Selection
    from ..report.units import UnitKind
    from ._table import Cell


class Unit(enum.StrEnum):
    segment = "segment"
    second = "second"


VideosArg = Annotated[
    list[str] | None,
    typer.Argument(help="Videos (ids or URLs; default: every tagged video).", show_default=False),
]
CodersOpt = Annotated[
    str,
    typer.Option("--coders", "-c", help="The coders to compare, comma-separated (default: all)."),
]
ThemeOpt = Annotated[
    list[str] | None, typer.Option("--theme", "-t", help="Only these themes (repeatable).")
]
UnitOpt = Annotated[
    Unit, typer.Option("--unit", "-u", help="A unit of time: a transcript segment or a second.")
]


def agree(
    ctx: typer.Context,
    videos: VideosArg = None,
    coders: CodersOpt = "",
    theme: ThemeOpt = None,
    unit: UnitOpt = Unit.segment,
    complete: Annotated[
        bool,
        typer.Option("--complete", help="Every --coders coder coded every video, tags or not."),
    ] = False,
    disagreements: Annotated[
        bool, typer.Option("--disagreements", "-d", help="List the stretches where coders differ.")
    ] = False,
    fmt: Annotated[
        _common.TableCsvFormat, typer.Option("--format", "-f", help="Output format.")
    ] = _common.TableCsvFormat.table,
) -> None:
    """Inter-coder agreement per theme and overall: percent agreement, Cohen's kappa
    (two coders), Fleiss' kappa and Krippendorff's alpha, on units of time.

    A coder marks a unit with a theme when their tags of it cover at least half
    of the unit. A video counts as coded by a coder who has a tag on it (or, with
    --complete, by every coder of --coders). The json format adds the counts
    behind every figure.

    Example: aftershock agree t8dJdL0Wyw8 --coders analyst,reviewer -f json
    """
    from ..core.videoid import parse_video_id
    from ..report.team import select

    if complete and not coders:
        _common.fail("--complete needs --coders: name the coders who coded every video", 2)
    ids = [parse_video_id(v) for v in videos or []]
    names = [c for c in coders.split(",") if c.strip()]
    from .search_cmd import with_index

    # The index holds the tags and when each segment is spoken: faster than the files.
    tag_rows, spoken = with_index(ctx, lambda index: (index.tag_rows(), index.spoken_times()))
    ws = _common.workspace(ctx)
    chosen = select(
        ws, ids, names, theme or (), complete=complete, tag_rows=tag_rows, spoken=spoken
    )
    kind: UnitKind = "second" if unit is Unit.second else "segment"
    if disagreements:
        _print_disagreements(ctx, chosen, kind, fmt)
        return
    from ..report.agreement import measure
    from ..report.agreement_rows import COEFFICIENTS, agreement_json, agreement_table

    report = measure(chosen.videos, chosen.coders, chosen.themes, kind)
    if fmt is _common.TableCsvFormat.json:
        _common.echo_json(agreement_json(report))
        return
    header, rows = agreement_table(report)
    _print(header, rows, fmt, COEFFICIENTS)
    _common.notice(
        ctx,
        f"{len(report.videos)} video(s), coders {', '.join(report.coders)}, unit: {report.unit}",
    )


def _print_disagreements(
    ctx: typer.Context, chosen: Selection, unit: UnitKind, fmt: _common.TableCsvFormat
) -> None:
    from ..report.agreement import disagreements
    from ..report.agreement_rows import disagreement_json, disagreement_table

    found = disagreements(chosen.videos, chosen.coders, chosen.themes, unit, chosen.words)
    if fmt is _common.TableCsvFormat.json:
        _common.echo_json([disagreement_json(d) for d in found])
        return
    header, rows = disagreement_table(found)
    if found or fmt is _common.TableCsvFormat.csv:
        _print(header, rows, fmt)
    if not found:
        _common.notice(ctx, "The coders agree everywhere")


def _print(
    header: list[str],
    rows: list[list[Cell]],
    fmt: _common.TableCsvFormat,
    decimals: tuple[str, ...] = (),
) -> None:
    if fmt is _common.TableCsvFormat.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return
    from ._table import print_table

    print_table(header, rows, decimals)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("agree")(agree)
