"""Pictures of a synthesis: a heat map of themes by talk and a timeline of themes across
the series (matplotlib, the optional ``plot`` extra, imported only when drawing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .counts import minutes
from .plot import _pyplot, _save
from .synthesis import Synthesis, Talk

MAX_TALKS = 60
"""A heat map with more talks than this shows months (of the talks' dates) instead."""
MAX_TICKS = 12


def write_series_plots(synthesis: Synthesis, path: Path) -> list[tuple[Path, str]]:
    """Draw the heat map to ``path`` and the timeline to ``<path>-timeline<.suffix>``;
    return each file with what it shows, in a few words."""
    timeline = path.with_name(f"{path.stem}-timeline{path.suffix}")
    return [(path, _heat_map(synthesis, path)), (timeline, _timeline(synthesis, timeline))]


def _columns(synthesis: Synthesis) -> tuple[list[str], list[list[Talk]]]:
    """The heat map's columns: one per talk, or per month when there are many talks."""
    talks = list(synthesis.talks)
    if len(talks) <= MAX_TALKS:
        return [t.date or t.video_id for t in talks], [[t] for t in talks]
    months: dict[str, list[Talk]] = {}
    for talk in talks:
        months.setdefault(talk.date[:7] or "no date", []).append(talk)
    return list(months), list(months.values())


def _heat_map(synthesis: Synthesis, path: Path) -> str:
    kind, pyplot = _pyplot(path)
    labels, columns = _columns(synthesis)
    grid = []
    for theme in synthesis.themes:
        time = {t.talk.video_id: t.tagged_ms for t in theme.talks}
        grid.append([minutes(sum(time.get(t.video_id, 0) for t in col)) for col in columns])
    figure = pyplot.figure(figsize=(10, 6))
    try:
        axes = figure.add_subplot()
        image = axes.imshow(grid or [[0]], aspect="auto", cmap="viridis")
        axes.set_yticks(range(len(grid)), labels=[t.label for t in synthesis.themes])
        _ticks(axes, labels)
        figure.colorbar(image, ax=axes, label="tagged minutes")
        _save(figure, path, kind)
    finally:
        pyplot.close(figure)
    per = "talk" if len(columns) == len(synthesis.talks) else "month"
    return f"a heat map of {len(grid)} themes by {per} ({len(synthesis.talks)} talks)"


def _timeline(synthesis: Synthesis, path: Path) -> str:
    kind, pyplot = _pyplot(path)
    position = {t.video_id: i for i, t in enumerate(synthesis.talks)}
    figure = pyplot.figure(figsize=(10, 6))
    try:
        axes = figure.add_subplot()
        for row, theme in enumerate(synthesis.themes):
            xs = [position[t.talk.video_id] for t in theme.talks]
            sizes = [20 + 40 * minutes(t.tagged_ms) for t in theme.talks]
            axes.scatter(xs, [row] * len(xs), s=sizes, alpha=0.6)
        axes.set_yticks(range(len(synthesis.themes)), labels=[t.label for t in synthesis.themes])
        axes.invert_yaxis()
        _ticks(axes, [t.date or t.video_id for t in synthesis.talks])
        axes.set_xlabel("talks in date order (dot size: tagged minutes)")
        _save(figure, path, kind)
    finally:
        pyplot.close(figure)
    return f"a timeline of {len(synthesis.themes)} themes across {len(synthesis.talks)} talks"


def _ticks(axes: Any, labels: Sequence[str]) -> None:
    """Label the x axis with at most ``MAX_TICKS`` of ``labels``, evenly spread."""
    step = max(1, -(-len(labels) // MAX_TICKS))
    shown = list(range(0, len(labels), step))
    axes.set_xticks(shown, labels=[labels[i] for i in shown], rotation=90, fontsize=7)
