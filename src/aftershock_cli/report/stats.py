"""Agreement coefficients for nominal data: percent agreement, Cohen's and Fleiss' kappa,
Krippendorff's alpha.

Each function takes the counts a reviewer would tabulate by hand and returns None
when the coefficient is undefined (no units, or no variation at all, so that the
agreement expected by chance is already perfect). Krippendorff's alpha comes from
the ``krippendorff`` package (with numpy), imported when it is first needed.
"""

from __future__ import annotations

from collections.abc import Sequence


def percent_agreement(agreed: int, units: int) -> float | None:
    """The share of units on which every coder chose the same value."""
    return agreed / units if units else None


def cohen_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Cohen's kappa of two coders from their square contingency table:
    ``table[i][j]`` counts the units the first coder put in category i and the
    second coder in category j."""
    n = sum(sum(row) for row in table)
    if not n:
        return None
    size = len(table)
    observed = sum(table[i][i] for i in range(size)) / n
    rows = [sum(table[i]) / n for i in range(size)]
    cols = [sum(table[i][j] for i in range(size)) / n for j in range(size)]
    expected = sum(r * c for r, c in zip(rows, cols, strict=True))
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(
    counts: Sequence[Sequence[int]], repeats: Sequence[int] | None = None
) -> float | None:
    """Fleiss' kappa from per-unit category counts: ``counts[u][k]`` coders put unit u
    in category k; every unit must have the same number of coders (two or more).
    ``repeats[u]`` says how many units have the counts of row u (default 1 each)."""
    weights = list(repeats) if repeats is not None else [1] * len(counts)
    units = sum(weights)
    if not units:
        return None
    raters = sum(counts[0])
    if raters < 2 or any(sum(row) != raters for row in counts):
        raise ValueError("Fleiss' kappa needs the same number (>= 2) of coders on every unit")
    pairs = raters * (raters - 1)
    observed = (
        sum(w * (sum(c * c for c in row) - raters) for row, w in zip(counts, weights, strict=True))
        / pairs
        / units
    )
    totals = [
        sum(w * row[k] for row, w in zip(counts, weights, strict=True))
        for k in range(len(counts[0]))
    ]
    expected = sum((t / (units * raters)) ** 2 for t in totals)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(
    value_counts: Sequence[Sequence[int]], repeats: Sequence[int] | None = None
) -> float | None:
    """Krippendorff's alpha (nominal) from per-unit value counts: ``value_counts[u][k]``
    coders gave unit u value k; coders may be missing on any unit (units with fewer
    than two values are not pairable and drop out).

    ``repeats[u]`` says how many units have the counts of row u, so that many
    identical units (most stretches of a talk) are handed over as one row.
    """
    import numpy as np
    from krippendorff import alpha

    rows = np.asarray(value_counts, dtype=float)
    if repeats is not None:
        rows = np.repeat(rows, np.asarray(repeats, dtype=int), axis=0)
    if rows.size == 0:
        return None
    pairable = rows[rows.sum(axis=1) >= 2]
    if len(pairable) == 0 or np.count_nonzero(pairable.sum(axis=0)) < 2:
        return None
    return float(alpha(value_counts=pairable, level_of_measurement="nominal"))
