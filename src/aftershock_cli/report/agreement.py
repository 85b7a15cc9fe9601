"""Inter-coder agreement per theme, and the stretches where coders differ.

Each theme is a yes/no decision on every unit of time (see ``units``). A unit
counts once it has been coded by two or more of the chosen coders. Per theme,
and overall (every theme's decisions pooled), the report gives percent
agreement (units on which all coders who coded them agree), Cohen's kappa (two
coders; units both coded), Fleiss' kappa (units every chosen coder coded) and
Krippendorff's alpha (nominal; missing coders allowed), with the counts of each
pattern of marks, from which any of them can be recomputed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.model import video_url
from .stats import cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement
from .units import (
    Marks,
    TextSource,
    UnitKind,
    Units,
    VideoCoding,
    ranges_by_theme,
    theme_marks,
    units_of,
)


@dataclass(frozen=True)
class PairTable:
    """Cohen's 2x2 table of two coders over the units both coded."""

    both: int
    first_only: int
    second_only: int
    neither: int


@dataclass(frozen=True)
class Figures:
    """The agreement on one theme (or overall, with ``theme`` empty)."""

    theme: str
    units: int
    """Units coded by two or more coders."""
    marked: dict[str, int]
    """Units each coder marked."""
    agreed: int
    """Units on which every coder who coded them agrees."""
    percent: float | None
    cohen: float | None
    pair: PairTable | None
    """The table behind Cohen's kappa (exactly two coders)."""
    fleiss: float | None
    fleiss_units: int
    """Units every coder coded: Fleiss' kappa is computed over these."""
    alpha: float | None
    patterns: tuple[tuple[Marks, int], ...]
    """How many units had each pattern of marks (see ``units.Marks``)."""


@dataclass(frozen=True)
class AgreementReport:
    unit: UnitKind
    coders: tuple[str, ...]
    videos: tuple[str, ...]
    themes: tuple[Figures, ...]
    overall: Figures


@dataclass(frozen=True)
class Disagreement:
    """A stretch of one video where the coders differ on one theme."""

    video_id: str
    theme: str
    start_ms: int
    end_ms: int
    marked_by: tuple[str, ...]
    not_marked_by: tuple[str, ...]
    text: str
    """The transcript's words in the stretch."""

    @property
    def url(self) -> str:
        return video_url(self.video_id, self.start_ms)


def figures(theme: str, coders: Sequence[str], patterns: Counter[Marks]) -> Figures:
    """Every coefficient of one theme from the counts of its patterns of marks."""
    rows = sorted(
        ((m, n) for m, n in patterns.items() if n and sum(v >= 0 for v in m) >= 2), reverse=True
    )
    units = sum(n for _, n in rows)
    agreed = sum(n for m, n in rows if len({v for v in m if v >= 0}) == 1)
    marked = {c: sum(n for m, n in rows if m[i] == 1) for i, c in enumerate(coders)}
    pair = _pair(rows) if len(coders) == 2 else None
    complete = [(m, n) for m, n in rows if min(m) >= 0]
    fleiss_rows = [[m.count(0), m.count(1)] for m, _ in complete]
    fleiss = fleiss_kappa(fleiss_rows, [n for _, n in complete]) if complete else None
    counts = [[m.count(0), m.count(1)] for m, _ in rows]
    alpha = krippendorff_alpha(counts, [n for _, n in rows]) if rows else None
    return Figures(
        theme=theme,
        units=units,
        marked=marked,
        agreed=agreed,
        percent=percent_agreement(agreed, units),
        cohen=cohen_kappa([[pair.both, pair.first_only], [pair.second_only, pair.neither]])
        if pair
        else None,
        pair=pair,
        fleiss=fleiss,
        fleiss_units=sum(n for _, n in complete),
        alpha=alpha,
        patterns=tuple(rows),
    )


def _pair(rows: Sequence[tuple[Marks, int]]) -> PairTable:
    table = Counter({m: n for m, n in rows if min(m) >= 0})
    return PairTable(table[(1, 1)], table[(1, 0)], table[(0, 1)], table[(0, 0)])


def measure(
    videos: Sequence[VideoCoding], coders: Sequence[str], themes: Sequence[str], unit: UnitKind
) -> AgreementReport:
    """The agreement of ``coders`` on ``themes`` over ``videos``."""
    per_theme: dict[str, Counter[Marks]] = {t: Counter() for t in themes}
    for coding in videos:
        units = units_of(coding, unit)
        grouped = ranges_by_theme(coding)
        for theme in themes:
            base, touched = theme_marks(coding, units, coders, grouped.get(theme, {}))
            counter = per_theme[theme]
            counter[base] += len(units) - sum(stop - first for first, stop, _ in touched)
            for first, stop, marks in touched:
                counter[marks] += stop - first
    overall: Counter[Marks] = Counter()
    for counter in per_theme.values():
        overall.update(counter)
    return AgreementReport(
        unit=unit,
        coders=tuple(coders),
        videos=tuple(v.video_id for v in videos),
        themes=tuple(figures(t, coders, per_theme[t]) for t in themes),
        overall=figures("", coders, overall),
    )


def disagreements(
    videos: Sequence[VideoCoding],
    coders: Sequence[str],
    themes: Sequence[str],
    unit: UnitKind,
    source: TextSource,
) -> list[Disagreement]:
    """The stretches where the coders who coded a video differ on a theme: runs of
    neighbouring units with the same coders marking, by video, theme and time,
    with their words from ``source`` (asked only about videos where coders differ)."""
    found: list[Disagreement] = []
    for coding in videos:
        units = units_of(coding, unit)
        grouped = ranges_by_theme(coding)
        for theme in themes:
            _, touched = theme_marks(coding, units, coders, grouped.get(theme, {}))
            runs: list[tuple[int, int, Marks]] = []
            for first, stop, marks in touched:
                if 0 not in marks:
                    continue
                if runs and runs[-1][1] == first - 1 and runs[-1][2] == marks:
                    runs[-1] = (runs[-1][0], stop - 1, marks)
                else:
                    runs.append((first, stop - 1, marks))
            found.extend(_stretch(coding, units, coders, theme, run, source) for run in runs)
    return found


def _stretch(
    coding: VideoCoding,
    units: Units,
    coders: Sequence[str],
    theme: str,
    run: tuple[int, int, Marks],
    source: TextSource,
) -> Disagreement:
    first, last, marks = run
    start, end = units.starts[first], max(units.ends[first : last + 1])
    return Disagreement(
        video_id=coding.video_id,
        theme=theme,
        start_ms=start,
        end_ms=end,
        marked_by=tuple(c for c, m in zip(coders, marks, strict=True) if m == 1),
        not_marked_by=tuple(c for c, m in zip(coders, marks, strict=True) if m == 0),
        text=units.words(source, coding.video_id, first, last),
    )
