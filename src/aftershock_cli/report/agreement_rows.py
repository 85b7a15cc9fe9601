"""An agreement report and its disagreements as table rows and as JSON-ready data."""

from __future__ import annotations

from typing import Any

from ..core.timecode import format_clock
from .agreement import AgreementReport, Disagreement, Figures
from .units import Marks

Row = list[str | int | float | None]

OVERALL = "(all themes)"
"""The name of the row that pools every theme's decisions."""

COEFFICIENTS = ("cohen", "fleiss", "alpha")
"""The columns that hold coefficients (shown with three decimals)."""


def agreement_table(report: AgreementReport) -> tuple[list[str], list[Row]]:
    """One row per theme, then the overall row: units, units each coder marked (a
    column ``@coder``), units agreed on, percent agreement, Cohen's kappa,
    Fleiss' kappa and Krippendorff's alpha."""
    header = [
        "theme",
        "units",
        *(f"@{c}" for c in report.coders),
        "agreed",
        "percent",
        *COEFFICIENTS,
    ]
    rows = [_row(f, report.coders) for f in (*report.themes, report.overall)]
    return header, rows


def _row(figures: Figures, coders: tuple[str, ...]) -> Row:
    return [
        figures.theme or OVERALL,
        figures.units,
        *(figures.marked[c] for c in coders),
        figures.agreed,
        figures.percent,
        figures.cohen,
        figures.fleiss,
        figures.alpha,
    ]


def agreement_json(report: AgreementReport) -> dict[str, Any]:
    """The report with the counts behind every figure."""
    return {
        "unit": report.unit,
        "coders": list(report.coders),
        "videos": list(report.videos),
        "themes": [_figures_json(f, report.coders) for f in report.themes],
        "overall": _figures_json(report.overall, report.coders),
    }


def _figures_json(figures: Figures, coders: tuple[str, ...]) -> dict[str, Any]:
    pair = figures.pair
    return {
        "theme": figures.theme or None,
        "units": figures.units,
        "marked": figures.marked,
        "agreed": figures.agreed,
        "percent_agreement": figures.percent,
        "cohen_kappa": figures.cohen,
        "cohen_table": None
        if pair is None
        else {
            "both": pair.both,
            f"only {coders[0]}": pair.first_only,
            f"only {coders[1]}": pair.second_only,
            "neither": pair.neither,
        },
        "fleiss_kappa": figures.fleiss,
        "fleiss_units": figures.fleiss_units,
        "alpha": figures.alpha,
        "patterns": [_pattern(m, n, coders) for m, n in figures.patterns],
    }


def _pattern(marks: Marks, units: int, coders: tuple[str, ...]) -> dict[str, Any]:
    return {
        "marked_by": [c for c, m in zip(coders, marks, strict=True) if m == 1],
        "not_marked_by": [c for c, m in zip(coders, marks, strict=True) if m == 0],
        "units": units,
    }


def disagreement_table(found: list[Disagreement]) -> tuple[list[str], list[Row]]:
    header = ["video", "theme", "time", "marked by", "not by", "words"]
    rows: list[Row] = [
        [
            d.video_id,
            d.theme,
            f"{format_clock(d.start_ms)}-{format_clock(d.end_ms)}",
            ", ".join(d.marked_by),
            ", ".join(d.not_marked_by),
            d.text,
        ]
        for d in found
    ]
    return header, rows


def disagreement_json(item: Disagreement) -> dict[str, Any]:
    return {
        "video_id": item.video_id,
        "theme": item.theme,
        "start_ms": item.start_ms,
        "end_ms": item.end_ms,
        "marked_by": list(item.marked_by),
        "not_marked_by": list(item.not_marked_by),
        "text": item.text,
        "url": item.url,
    }
