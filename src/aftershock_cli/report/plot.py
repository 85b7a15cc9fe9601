"""Pictures of a report: a bar chart per theme or coder, a heat map of themes by video,
Krippendorff's alpha per theme.

matplotlib is an optional extra (``pip install 'aftershock[plot]'``); it is
imported only here, only when a plot is asked for.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..core.errors import AftershockError, InvalidInputError
from ..files.fsutil import atomic_write_bytes
from .agreement import AgreementReport
from .counts import Count, Report, minutes

MAX_VIDEOS = 40
"""A heat map shows at most this many videos: those with the most tagged time."""


def _pyplot(path: Path) -> tuple[str, Any]:
    """The kind of file (png or svg) and matplotlib's pyplot, or a clear error."""
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
    return kind, pyplot


def _save(figure: Any, path: Path, kind: str) -> None:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, metadata=_metadata(kind))
    atomic_write_bytes(path, buffer.getvalue())


def write_plot(report: Report, by: str, path: Path) -> str:
    """Draw the report to ``path`` (.png or .svg); return what was drawn, in a few words."""
    kind, pyplot = _pyplot(path)
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
        _save(figure, path, kind)
    finally:
        pyplot.close(figure)
    return what


def write_alpha_plot(report: AgreementReport, path: Path) -> str:
    """Draw Krippendorff's alpha per theme (and overall) to ``path``; say what was drawn."""
    kind, pyplot = _pyplot(path)
    rows = [(f.theme, f.alpha) for f in report.themes] + [("(all themes)", report.overall.alpha)]
    figure = pyplot.figure(figsize=(10, 6))
    try:
        axes = figure.add_subplot()
        axes.barh([r[0] for r in rows], [r[1] if r[1] is not None else 0.0 for r in rows])
        for line in (0.667, 0.8):  # Krippendorff's lowest bar for tentative and firm conclusions
            axes.axvline(line, color="grey", linestyle="--", linewidth=1)
        axes.set_xlim(min(0.0, *(r[1] or 0.0 for r in rows)), 1.0)
        axes.set_xlabel(f"Krippendorff's alpha ({', '.join(report.coders)}; unit: {report.unit})")
        axes.invert_yaxis()
        _save(figure, path, kind)
    finally:
        pyplot.close(figure)
    return f"a bar chart of alpha per theme ({len(report.themes)} themes)"


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
