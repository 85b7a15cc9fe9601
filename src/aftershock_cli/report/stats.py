"""Agreement coefficients for nominal data: percent agreement, Cohen's and Fleiss' kappa,
Krippendorff's alpha.

Each function takes the counts a reviewer would tabulate by hand and returns None
when the coefficient is undefined (no units, or no variation at all, so that the
agreement expected by chance is already perfect). All are plain Python over
counts, so that a million identical units cost one row; the tests check them
against published worked examples, and alpha also against the ``krippendorff``
package on random data.
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

    ``repeats[u]`` says how many units have the counts of row u, so that the many
    identical units of a long talk are one row. Computed from the coincidence
    matrix as Krippendorff defines it: o_ck = sum over units of
    n_uc (n_uk - [c = k]) / (m_u - 1), alpha = 1 - (n - 1) D_o / D_e with
    D_o = sum of o_ck and D_e = sum of n_c n_k over the pairs c != k.
    """
    weights = list(repeats) if repeats is not None else [1] * len(value_counts)
    values = len(value_counts[0]) if value_counts else 0
    coincide = [[0.0] * values for _ in range(values)]
    for row, weight in zip(value_counts, weights, strict=True):
        m = sum(row)
        if m < 2 or not weight:
            continue
        for c in range(values):
            for k in range(values):
                pairs = row[c] * (row[k] - (c == k))
                coincide[c][k] += weight * pairs / (m - 1)
    totals = [sum(row) for row in coincide]
    n = sum(totals)
    observed = sum(coincide[c][k] for c in range(values) for k in range(values) if c != k)
    expected = sum(totals[c] * totals[k] for c in range(values) for k in range(values) if c != k)
    if n <= 1 or not expected:
        return None
    return 1 - (n - 1) * observed / expected
