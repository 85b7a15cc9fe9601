"""spoken_spans: the quick answer for ordinary caption files equals the timeline's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aftershock_cli.core.spoken import (
    _heap_timeline,
    _is_simple,
    _simple_timeline,
    spoken_spans,
    timeline,
)

times_strategy = st.lists(
    st.tuples(st.integers(0, 3000), st.integers(0, 6000)), min_size=1, max_size=10
).map(lambda steps: _times(steps))


def _times(steps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, t = [], 0
    for gap, length in steps:
        t += gap
        out.append((t, t + length))
    return out


@given(times_strategy, st.booleans())
def test_spoken_spans_follow_the_timeline(times, shuffle):
    if shuffle:
        times = list(reversed(times))
    line = timeline(tuple(times))
    expected = [(s, max(s, line.spoken_end(i))) for i, (s, _e) in enumerate(times)]
    assert spoken_spans(times) == expected


def test_an_inner_segment_leaves_the_outer_one_spoken_again():
    assert spoken_spans([(0, 10_000), (2000, 4000)]) == [(0, 10_000), (2000, 4000)]
    assert spoken_spans([(0, 4000), (3000, 6000)]) == [(0, 3000), (3000, 6000)]


@given(
    st.lists(st.tuples(st.integers(1, 3000), st.integers(0, 6000)), max_size=12),
    st.integers(0, 2000),
)
def test_the_quick_timeline_of_an_ordinary_file_is_the_sweep_s(steps, extra):
    times, t, end = [], 0, 0
    for gap, length in steps:  # starts rise, ends never fall (cues overlap, or not)
        t += gap
        end = max(end, t + length)
        times.append((t, end))
    assert _is_simple(times)
    quick, sweep = _simple_timeline(tuple(times)), _heap_timeline(tuple(times))
    assert quick == sweep
    assert quick.covered(extra, extra + 1500) == sweep.covered(extra, extra + 1500)
