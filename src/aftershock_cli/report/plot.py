"""Pictures of a report: a bar chart per theme or coder, a heat map of themes by video.

matplotlib is an optional extra (``pip install 'aftershock[plot]'``); it is
imported only here, only when a plot is asked for.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..core.errors import AftershockError, InvalidInputError
from ..files.fsutil import atomic_write_bytes
from .counts import Count, Report, minutes

MAX_VIDEOS = 40
"""A heat map shows at most this many videos: those with the most tagged time."""


def write_plot(report: Report, by: str, path: Path) -> str:
    """Draw the report to ``path`` (.png or .svg); return what was drawn, in a few words."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise InvalidInputError(f"cannot draw a plot as '{path.name}'; name a .png or .svg file")
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError as exc:
        raise AftershockError(
            "plot needs matplotlib, which is not installed; "
            "install it with: pip install 'aftershock[plot]'",
            option="plot",
        ) from exc
    figure = pyplot.figure(figsize=(10, 6))
    try:
        axes = figure.add_subplot()
        if by == "video":
            what = _heat_map_videos(report, axes, figure)
        elif by == "cooccurrence":
            what = _heat_map_cooccurrence(report, axes, figure)
        elif by == "coder":
            coders = list(report.by_coder)
            axes.barh(
                [c or "(no coder)" for c in coders], [report.by_coder[c].tags for c in coders]
            )
            axes.set_xlabel("tags")
            what = f"a bar chart of tags per coder ({len(coders)} coders)"
        else:
            slugs = report.themes
            axes.barh(
                [report.labels[s] for s in slugs],
                [minutes(report.by_theme[s].tagged_ms) for s in slugs],
            )
            axes.set_xlabel("tagged minutes")
            axes.invert_yaxis()
            what = f"a bar chart of tagged minutes per theme ({len(slugs)} themes)"
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format=kind, metadata=_metadata(kind))
    finally:
        pyplot.close(figure)
    atomic_write_bytes(path, buffer.getvalue())
    return what


def _metadata(kind: str) -> dict[str, Any]:
    # without a date, the same report draws the same file
    return {"Date": None} if kind == "svg" else {}


def _heat_map_videos(report: Report, axes: Any, figure: Any) -> str:
    totals = {
        vid: sum(c.tagged_ms for c in themes.values()) for vid, themes in report.by_video.items()
    }
    shown = sorted(totals, key=lambda v: (-totals[v], v))[:MAX_VIDEOS]
    grid = [
        [minutes(report.by_video[vid].get(slug, Count()).tagged_ms) for vid in shown]
        for slug in report.themes
    ]
    image = axes.imshow(grid, aspect="auto", cmap="viridis")
    axes.set_yticks(range(len(report.themes)), labels=report.themes)
    axes.set_xticks(range(len(shown)), labels=shown, rotation=90, fontsize=7)
    figure.colorbar(image, ax=axes, label="tagged minutes")
    note = f" (the {len(shown)} most tagged of {len(totals)})" if len(totals) > len(shown) else ""
    return f"a heat map of themes by video{note}"


def _heat_map_cooccurrence(report: Report, axes: Any, figure: Any) -> str:
    themes = report.themes
    grid = [[report.cooccurrence.get((a, b), 0) for b in themes] for a in themes]
    image = axes.imshow(grid, cmap="magma")
    axes.set_xticks(range(len(themes)), labels=themes, rotation=90)
    axes.set_yticks(range(len(themes)), labels=themes)
    figure.colorbar(image, ax=axes, label="overlapping tags")
    return f"a heat map of theme co-occurrence ({len(themes)} themes)"
