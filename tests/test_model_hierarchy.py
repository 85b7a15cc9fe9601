"""The walk up a theme hierarchy that ancestors, theme edits and codebook imports share."""

from __future__ import annotations

import pytest

from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.core.model import Codebook, Theme, parent_chain
from aftershock_cli.tagging.themes import edit_theme


def test_the_chain_runs_from_the_nearest_parent_and_stops_at_an_unknown_one():
    parents = {"leaf": "mid", "mid": "top", "top": "gone"}
    assert parent_chain(parents, "leaf") == (["mid", "top"], False)
    assert parent_chain(parents, "top") == ([], False)
    assert parent_chain({"solo": None}, "solo") == ([], False)


def test_a_loop_is_reported_and_the_chain_stops_before_the_repeat():
    assert parent_chain({"a": "b", "b": "a"}, "a") == (["b"], True)
    assert parent_chain({"x": "a", "a": "b", "b": "a"}, "x") == (["a", "b"], True)


def test_ancestors_cut_a_loop_in_the_codebook():
    book = Codebook((Theme("a", "A", parent="b"), Theme("b", "B", parent="a"), Theme("c", "C")))
    assert [t.slug for t in book.ancestors("a")] == ["b"]
    assert book.ancestors("c") == []


def test_an_edit_that_would_close_a_loop_is_refused():
    book = Codebook((Theme("top", "Top"), Theme("mid", "Mid", parent="top")))
    with pytest.raises(InvalidInputError) as caught:
        edit_theme(book, "top", parent="mid")
    assert str(caught.value) == (
        "'mid' cannot be the parent of 'top': that would make a loop in the hierarchy"
    )
