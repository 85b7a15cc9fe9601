"""The work and the rendering behind ``series list`` and ``series sync`` (imported lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ..files.fsutil import read_user_text
from ..ingest.series import find_series, plan_sync, remember_listing
from ..sources.listing import ListedVideo, listing_from_text
from ..workspace.folder import Workspace
from ._common import TableFormat, echo_json, notice, out_console, warn, workspace
from ._seams import list_series
from .fetch_views import fetch_batch


def print_series(ws: Workspace, fmt: TableFormat) -> None:
    stored = set(ws.transcript_ids())
    rows: list[dict[str, Any]] = [
        {
            "name": s.name,
            "title": s.title,
            "url": s.url,
            "listed": len(s.videos),
            "in_workspace": sum(v in stored for v in s.videos),
            "synced_at": s.synced_at or None,
        }
        for s in ws.series()
    ]
    if fmt == TableFormat.json:
        echo_json(rows)
        return
    if not rows:
        warn("the workspace follows no series; add one with 'aftershock series add NAME URL'")
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for name in ("Series", "Title", "URL", "Listed", "In workspace", "Synced"):
        table.add_column(name, justify="right" if name in ("Listed", "In workspace") else "left")
    for r in rows:
        table.add_row(
            r["name"],
            r["title"],
            r["url"],
            str(r["listed"]),
            str(r["in_workspace"]),
            r["synced_at"] or "never",
        )
    out_console().print(table)


def sync_series(
    ctx: typer.Context,
    names: list[str],
    languages: list[str],
    proxy: str | None,
    jobs: int,
    fmt: TableFormat,
    from_file: Path | None = None,
) -> None:
    """List every named series (or read its listing ``from_file``), say what is new in
    each, and fetch the new videos."""
    ws = workspace(ctx)
    new: dict[str, ListedVideo] = {}
    for series in find_series(ws, names):
        if from_file is None:
            listing = list_series(series.url)
        else:
            text = read_user_text(from_file, "listing file")
            listing = listing_from_text(text, str(from_file))
        plan = plan_sync(ws, series, listing)
        remember_listing(ws, series, plan.listing)
        fresh = [v for v in plan.new if v.video_id not in new]
        new |= {v.video_id: v for v in fresh}
        listed = len(plan.listing.videos)
        if fresh:
            notice(ctx, f"{series.name}: {len(fresh)} new of {listed} listed")
        else:
            notice(ctx, f"{series.name}: nothing new ({listed} listed, all in the workspace)")
    if not new:
        if fmt == TableFormat.json:
            echo_json([])
        return
    fetch_batch(ctx, list(new), languages, "manual", None, proxy, jobs, False, fmt, new)
