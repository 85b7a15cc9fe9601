"""``aftershock series``: follow playlists and channels, and fetch what is new in them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import TableFormat

series_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@series_app.callback()
def series() -> None:
    """Follow playlists and channels: add one, list them, fetch the videos new in them.

    Example: aftershock series add aftershock https://www.youtube.com/playlist?list=PL...
    """


@series_app.command()
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Short name (lowercase, digits, - and _).")],
    url: Annotated[str, typer.Argument(help="Playlist or channel URL (/@handle/videos, ...).")],
) -> None:
    """Remember a playlist or channel under a name; 'series sync' fetches its videos.

    Example: aftershock series add lab https://www.youtube.com/@civicfutureslab/videos
    """
    from ..ingest.series import add_series
    from ._common import notice, workspace

    added = add_series(workspace(ctx), name, url)
    notice(
        ctx,
        f"Added series {added.name}: {added.url} (fetch its videos with 'aftershock "
        f"series sync {added.name}')",
    )


@series_app.command("list")
def list_(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
) -> None:
    """List the series the workspace follows, with how many of their videos it holds.

    Example: aftershock series list --format json
    """
    from ._common import workspace
    from .series_views import print_series

    print_series(workspace(ctx), fmt)


@series_app.command()
def sync(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None, typer.Argument(help="Series to sync (default: every one).")
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="Wanted languages in priority order (repeat or a,b)."),
    ] = None,
    proxy: Annotated[
        str | None, typer.Option("--proxy", help="HTTP(S) proxy URL for YouTube requests.")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=32, help="Workers.")] = 4,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file",
            help="Take the series' listing from this file (what 'yt-dlp --flat-playlist -J "
            "URL' writes) instead of listing it; one series only.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """List each series again and fetch only the videos not yet in the workspace.

    Example: aftershock series sync aftershock --jobs 8
    """
    from .series_views import sync_series

    if from_file is not None and len(names or []) != 1:
        from ._common import fail

        fail("--from-file holds the listing of one series; name that series", code=2)
    languages = [c.strip() for item in (lang or ["en"]) for c in item.split(",") if c.strip()]
    sync_series(ctx, names or [], languages, proxy, jobs, fmt, from_file)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(series_app, name="series")
