"""Commands across the whole workspace: ``search``, ``index`` and ``report``."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import _common, _complete

if TYPE_CHECKING:
    from ..report.agreement import AgreementReport
    from ..report.counts import Report, TagRow
    from ..report.team import SpokenTimes
    from ..search.index import Refresh, SearchIndex

T = TypeVar("T")
PROGRESS_FROM = 25
"""Show a progress bar when at least this many files must be (re)read."""


class Scope(enum.StrEnum):
    all = "all"
    transcripts = "transcripts"
    notes = "notes"


class ReportBy(enum.StrEnum):
    theme = "theme"
    video = "video"
    coder = "coder"
    cooccurrence = "cooccurrence"


_REASONS = {
    "missing": "Building the search index from {n} files",
    "unreadable": "The search index could not be read; rebuilding it from {n} files",
    "outdated": "The search index was made by another version of aftershock; "
    "rebuilding it from {n} files",
    "asked for": "Rebuilding the search index from {n} files",
}


def fresh_index(ctx: typer.Context) -> SearchIndex:
    """The workspace's search index, brought up to date (with a notice and progress)."""
    from ..workspace.discovery import stray_messages
    from ._seams import open_index

    root = _common.state(ctx).root()
    index = open_index(root)
    _bring_up_to_date(ctx, index)
    for message in stray_messages(root):  # the index leaves them out; say so, as listings do
        _common.warn(message)
    return index


def with_index(ctx: typer.Context, use: Callable[[SearchIndex], T]) -> T:
    """``use(index)`` on the fresh index; a damaged index is rebuilt and ``use`` run again."""
    from ..search.index import IndexBrokenError
    from ._seams import open_index

    with fresh_index(ctx) as index:
        try:
            return use(index)
        except IndexBrokenError:
            _common.notice(ctx, "The search index is damaged")
    with open_index(index.root) as again:
        _bring_up_to_date(ctx, again, rebuild=True)
        return use(again)


def _bring_up_to_date(
    ctx: typer.Context, index: SearchIndex, *, rebuild: bool = False, full: bool = False
) -> Refresh | None:
    """Refresh ``index``; None when there was nothing to do. ``full``: stat every file
    even when the folders look unchanged (see ``search.fresh``)."""
    plan = index.plan(rebuild=rebuild, full=full)
    if plan.rebuild_reason == "missing" and not plan.changed:
        _common.notice(ctx, f"Nothing to search yet: {index.root} holds no transcripts or tags")
        return None
    if plan.rebuild_reason is not None:
        _common.notice(ctx, _REASONS[plan.rebuild_reason].format(n=len(plan.changed)))
    elif plan.work == 0:
        return None
    if plan.work >= PROGRESS_FROM:
        with _common.progress(ctx, plan.work, "Indexing") as bar:
            done = index.refresh(plan, lambda: _common.advance(bar))
    else:
        done = index.refresh(plan)
    if done.rebuild_reason == "unreadable" and plan.rebuild_reason != "unreadable":
        _common.notice(ctx, f"The search index was damaged; rebuilt it from {done.updated} files")
    elif done.rebuild_reason not in (None, plan.rebuild_reason):
        # Under the lock the index was found gone or of another version after all.
        _common.notice(ctx, _REASONS[done.rebuild_reason].format(n=done.updated))
    # done.rebuild_reason None after a planned rebuild: another process built the
    # index meanwhile, and this one only brought it up to date; nothing was damaged.
    for problem in done.problems:
        _common.warn(f"left out of the search index: {problem}")
    return done


def _theme_slugs(ctx: typer.Context, names: list[str]) -> list[str]:
    """The slugs of the named themes and of every theme under them, in codebook order."""
    from ..tagging.themes import descendants, resolve_theme

    book = _common.workspace(ctx).codebook()
    wanted = descendants(book, [resolve_theme(book, name).slug for name in names])
    return [t.slug for t in book if t.slug in wanted]


def search_cmd(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "exact phrases", prefix*, AND/OR/NOT.')],
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Only where this theme (or one under it) is tagged.",
            autocompletion=_complete.theme_slugs,
        ),
    ] = None,
    video: Annotated[
        str | None,
        typer.Option("--video", "-v", help="Only this video.", autocompletion=_complete.video_ids),
    ] = None,
    scope: Annotated[
        Scope, typer.Option("--in", help="Search transcripts, notes or all.")
    ] = Scope.all,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many hits.")] = 20,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Only what this speaker says (WebVTT voices, any case)."),
    ] = None,
    fmt: Annotated[
        _common.TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = _common.TableFormat.table,
) -> None:
    """Full-text search over every transcript and tag note, best hits first.

    The index in .aftershock/index.sqlite is brought up to date first (only
    changed files are read again).

    Example: aftershock search '"feedback loop" OR silo*' --theme cross-silo
    """
    from ..search.query import check_arguments, search

    check_arguments(query, scope.value, limit)
    video_id = None
    if video is not None:
        from ..core.videoid import parse_video_id

        video_id = parse_video_id(video)
        _common.require_known_video(_common.workspace(ctx), video_id)
    slugs = _theme_slugs(ctx, theme) if theme else []
    hits = with_index(
        ctx,
        lambda index: search(
            index,
            query,
            themes=slugs,
            video_id=video_id,
            scope=scope.value,
            limit=limit,
            speaker=speaker,
        ),
    )
    from .search_view import show_hits, write_json

    if fmt is _common.TableFormat.json:
        write_json(hits)
    elif not hits:
        _common.notice(ctx, f"No hits for {query}")
    else:
        show_hits(hits, _common.out_console)


def index_cmd(
    ctx: typer.Context,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Throw the index away and build it again.")
    ] = False,
) -> None:
    """Bring the search index up to date, or rebuild it from scratch.

    Searches and reports do this by themselves; use it to prepare the index
    ahead of time or after a crash. It checks every file, even where the
    folders look unchanged (an edit saved in place).

    Example: aftershock index --rebuild
    """
    from ._seams import open_index

    with open_index(_common.state(ctx).root()) as index:
        done = _bring_up_to_date(ctx, index, rebuild=rebuild, full=True)
    if done is None:
        if index.path.is_file():  # else there was nothing to index, as already said
            _common.notice(ctx, "The search index is up to date")
    else:
        _common.notice(ctx, f"Indexed {done.updated} changed files, dropped {done.removed}")


def report_cmd(
    ctx: typer.Context,
    by: Annotated[
        ReportBy, typer.Option("--by", "-b", help="What each row counts.")
    ] = ReportBy.theme,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Only these themes and those under them (repeatable).",
            autocompletion=_complete.theme_slugs,
        ),
    ] = None,
    fmt: Annotated[
        _common.TableCsvFormat, typer.Option("--format", "-f", help="Output format.")
    ] = _common.TableCsvFormat.table,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Also draw it to FILE.png or FILE.svg (needs matplotlib).",
            dir_okay=False,
        ),
    ] = None,
    agreement: Annotated[
        bool,
        typer.Option(
            "--agreement",
            help="Add the coders' agreement per theme (as 'agree'; with --plot, alpha is "
            "drawn to FILE-agreement.png or .svg).",
        ),
    ] = False,
    across: Annotated[
        bool,
        typer.Option(
            "--across",
            help="With --by theme: each theme across the talks, in date order, as a Markdown "
            "page (or -f json); with --plot, a heat map and FILE-timeline.png.",
        ),
    ] = False,
    series: Annotated[
        str | None,
        typer.Option("--series", help="Only the videos of this series.", show_default=False),
    ] = None,
) -> None:
    """Count tags, videos and tagged minutes per theme, video or coder, or theme overlaps.

    Share is tagged time over the length of every transcript (per video: of
    that video). --by cooccurrence gives how often themes overlap in time.
    --across writes the synthesis of a series: per theme, the talks that raise
    it and its time in each, its first and last talk, the talks where it is
    strongest with their best quotes, and the themes it goes with.

    Example: aftershock report --by video --theme cross-silo --format csv
    """
    from ..report.counts import build_report
    from .synthesis_views import across_report, check_across, in_series, series_ids

    if across:
        check_across(by.value, fmt.value, agreement)
    only = _theme_slugs(ctx, theme) if theme else []
    chosen = series_ids(ctx, series) if series is not None else None
    tags, videos, dates, spoken = with_index(
        ctx,
        lambda index: (
            index.tag_rows(),
            index.videos(),
            index.video_dates() if across else {},
            index.spoken_times() if agreement else {},
        ),
    )
    if chosen is not None:
        tags, videos = in_series(chosen, tags, videos)
    if across:
        across_report(ctx, fmt.value, (tags, videos, dates), only, plot, series)
        return
    data = build_report(tags, videos, _common.workspace(ctx).codebook(), only)
    if plot is not None:
        from ..report.plot import write_plot

        what = write_plot(data, by.value, plot)
        _common.notice(ctx, f"Drew {what} to {plot}")
    extra = _agreement(ctx, theme or [], plot, tags, spoken) if agreement else None
    _print_report(data, by, fmt, extra)


def _agreement(
    ctx: typer.Context,
    themes: list[str],
    plot: Path | None,
    rows: list[TagRow],
    spoken: SpokenTimes,
) -> AgreementReport | None:
    """The agreement of every coder over every tagged video, or None (with a warning)."""
    from ..core.errors import InvalidInputError
    from ..report.agreement import measure
    from ..report.team import select

    try:
        chosen = select(_common.workspace(ctx), (), (), themes, tag_rows=rows, spoken=spoken)
    except InvalidInputError as exc:
        _common.warn(f"no agreement section: {exc}")
        return None
    result = measure(chosen.videos, chosen.coders, chosen.themes, "segment")
    if plot is not None:
        from ..report.plot import write_alpha_plot

        target = plot.with_name(f"{plot.stem}-agreement{plot.suffix}")
        _common.notice(ctx, f"Drew {write_alpha_plot(result, target)} to {target}")
    return result


def _print_report(
    data: Report, by: ReportBy, fmt: _common.TableCsvFormat, agreement: AgreementReport | None
) -> None:
    from ..report import counts as report

    if fmt is _common.TableCsvFormat.json:
        out = report.to_json(data, by.value)
        if agreement is not None:
            from ..report.agreement_rows import agreement_json

            out["agreement"] = agreement_json(agreement)
        _common.echo_json(out)
        return
    _print_counts(data, by, fmt)
    if agreement is not None:
        from ..report.agreement_rows import COEFFICIENTS, agreement_table
        from ._table import print_table

        header, rows = agreement_table(agreement)
        if fmt is _common.TableCsvFormat.csv:
            _write_csv([], [header, *rows], blank_line=True)
        else:
            sys.stdout.write(
                f"\nAgreement of {', '.join(agreement.coders)} "
                f"(unit: {agreement.unit}; see 'aftershock agree')\n"
            )
            print_table(header, rows, COEFFICIENTS)


def _write_csv(header: list[str], rows: list[list[Any]], *, blank_line: bool = False) -> None:
    import csv

    if blank_line:
        sys.stdout.write("\n")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows(rows)


def _print_counts(data: Report, by: ReportBy, fmt: _common.TableCsvFormat) -> None:
    from ..report import counts as report

    header, rows = report.table(data, by.value, None if fmt is _common.TableCsvFormat.csv else 5)
    if fmt is _common.TableCsvFormat.csv:
        _write_csv(header, rows)
        return
    if by is ReportBy.cooccurrence:  # number the columns so that the matrix fits
        header = ["theme", *(str(i) for i in range(1, len(header)))]
        rows = [[f"{i} {row[0]}", *row[1:]] for i, row in enumerate(rows, 1)]
    from ._table import print_table

    print_table(header, rows)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("search")(search_cmd)
    app.command("index")(index_cmd)
    app.command("report")(report_cmd)
