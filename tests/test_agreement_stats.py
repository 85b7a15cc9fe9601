"""The agreement coefficients against worked examples published with each measure.

Sources of the figures:

* Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability",
  Annenberg School for Communication, University of Pennsylvania: the binary
  example with two observers and ten units (alpha = 0.095) and the nominal
  example with four observers, twelve units and missing values (alpha = 0.743).
* Cohen's kappa, the worked example of 50 grant proposals read by two readers
  (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 0.70, p_e = 0.50, kappa =
  0.40), as given in the Wikipedia article "Cohen's kappa".
* Fleiss' kappa, the worked example of ten subjects rated by fourteen raters
  into five categories (P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210), as given
  in the Wikipedia article "Fleiss' kappa".
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftershock_cli.report.stats import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)


def _value_counts(matrix: list[list[int | None]], values: list[int]) -> list[list[int]]:
    """Reliability data (a row per observer, None for a missing value) as per-unit counts."""
    return [[sum(row[u] == v for row in matrix) for v in values] for u in range(len(matrix[0]))]


def test_krippendorff_binary_two_observers():
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(_value_counts([a, b], [0, 1])) == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_nominal_four_observers_with_missing_values():
    n = None
    data: list[list[int | None]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    counts = _value_counts(data, [1, 2, 3, 4, 5])
    assert krippendorff_alpha(counts) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_repeats_stand_for_identical_units():
    rows, repeats = [[2, 0], [1, 1], [0, 2]], [5, 2, 3]
    expanded = [row for row, n in zip(rows, repeats, strict=True) for _ in range(n)]
    assert krippendorff_alpha(rows, repeats) == pytest.approx(krippendorff_alpha(expanded))


def test_cohen_kappa_of_the_grant_proposals():
    assert cohen_kappa([[20, 5], [10, 15]]) == pytest.approx(0.40)


def test_fleiss_kappa_of_fourteen_raters():
    counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert fleiss_kappa(counts) == pytest.approx(0.210, abs=5e-4)
    assert fleiss_kappa(counts[:3], [2, 1, 4]) == pytest.approx(
        fleiss_kappa([counts[0]] * 2 + [counts[1]] + [counts[2]] * 4)
    )


def test_fleiss_kappa_refuses_units_with_different_numbers_of_coders():
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([[1, 1], [2, 1]])


def test_no_variation_leaves_the_chance_corrected_measures_undefined():
    assert cohen_kappa([[0, 0], [0, 9]]) is None
    assert fleiss_kappa([[2, 0]] * 5) is None
    assert krippendorff_alpha([[2, 0]] * 5) is None
    assert percent_agreement(5, 5) == 1.0
    assert percent_agreement(0, 0) is None
    assert cohen_kappa([[0, 0], [0, 0]]) is None
    assert krippendorff_alpha([]) is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.integers(0, 4), min_size=3, max_size=3), st.integers(1, 5)),
        min_size=1,
        max_size=12,
    )
)
def test_alpha_is_what_the_krippendorff_package_computes(rows):
    """The alpha of counts with repeats equals the package's alpha of the units one by one."""
    krippendorff = pytest.importorskip("krippendorff")
    units = [counts for counts, n in rows for _ in range(n)]
    pairable = [u for u in units if sum(u) >= 2]
    ours = krippendorff_alpha([c for c, _ in rows], [n for _, n in rows])
    if not pairable or sum(1 for v in range(3) if any(u[v] for u in pairable)) < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(value_counts=pairable, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs)
