"""The range text a user types, read in one place (``tagging.plan.parse_range``)."""

from __future__ import annotations

import pytest

import aftershock_cli
from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.tagging.plan import TimeRange, parse_range

VIDEO = "t8dJdL0Wyw8"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:14-9:36", TimeRange(554_000, 576_000)),
        ("10s-20s", TimeRange(10_000, 20_000)),
        ("9:14+30s", TimeRange(554_000, 584_000)),
        ("9:14", TimeRange(554_000, None)),
        (f"https://youtu.be/{VIDEO}?t=45", TimeRange(45_000, None)),
    ],
)
def test_each_spelling_of_a_range(text: str, expected: TimeRange):
    assert parse_range(text, video_id=VIDEO) == expected


def test_the_public_name_is_the_one_reader():
    assert aftershock_cli.parse_range is parse_range


def test_a_range_without_an_end_says_what_to_give():
    with pytest.raises(InvalidInputError) as caught:
        parse_range("9:14-")
    assert str(caught.value) == (
        "'9:14-' is not a range: it needs a time on both sides of '-'; "
        "give START-END (9:14-9:36), START+DURATION (9:14+30s) or START alone"
    )
