"""The fast YAML writer writes exactly what PyYAML's C dumper writes, for any data it takes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aftershock_cli.files import fsutil, yaml_emit

CDumper = getattr(yaml, "CSafeDumper", None)
pytestmark = pytest.mark.skipif(CDumper is None, reason="PyYAML was built without libyaml")


def reference(data: Any) -> str:
    """What ``dump_yaml`` wrote before ``yaml_emit``: PyYAML's C dumper, aliases off."""

    class Dumper(CDumper):  # type: ignore[misc,valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text: str = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def fast(data: Any) -> str | None:
    return yaml_emit.emit(data, yaml_emit.plain_reads_as_text(CDumper.yaml_implicit_resolvers))


# Characters that decide a scalar's style: indicators, spaces, line breaks of every
# kind, quotes, escapes, printable and unprintable Unicode, words YAML reads as values.
TRICKY = list(" \t\n\r:#-?'\"\\,[]{}&*!|>%@`.~0123456789+_eE")
TRICKY += ["\x85", "\u2028", "\u2029", "\ufeff", "\xa0", "\x00", "\x07", "\x1b", "\x7f"]
TRICKY += ["é", "€", "\U0001f600", "\ud7ff", "\ue000", "\ufffd", "\ufffe"]
WORDS = ["yes", "No", "null", "~", "true", "1.5", "0x1F", "2026-12-03", "---", "...", "<<", "="]

words = st.sampled_from(["statement", "a", "council's", "it", "data-driven", *WORDS])
texts = st.one_of(
    st.text(alphabet=st.sampled_from([*TRICKY, "a", "b"]), max_size=40),
    st.text(max_size=30),
    st.lists(words, max_size=60).map(" ".join),  # long enough to fold
    st.lists(st.one_of(words, st.sampled_from(TRICKY)), max_size=120).map("".join),
    st.lists(st.one_of(words, st.sampled_from(TRICKY)), max_size=80).map(" ".join),
    st.sampled_from(WORDS),
)
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none())
keys = st.one_of(st.sampled_from(["id", "note", "start_ms", "a_b", "x"]), texts)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, values, min_size=1, max_size=5) | st.lists(values, min_size=1))
@example({"after": "\n\n", "before": "", "t": "a \n b", "u": "x\u2028y"})
@example({"k": "word " * 30 + "end", "deep": [[{"a": "b " * 60}]], "e": [], "f": {}})
def test_any_data_is_written_as_pyyaml_writes_it(data):
    expected = reference(data)
    assert fsutil.dump_yaml(data) == expected
    written = fast(data)
    assert written is None or written == expected


keys_plain = st.sampled_from(["md", "raw", "anchors", "layout", "start_ms", "x_y"])
plain_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(keys_plain, inner, max_size=4)
    ),
    max_leaves=12,
)
tags = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z2-7]{8}", fullmatch=True),
        "start_ms": st.integers(0, 10**9),
        "end_ms": st.integers(0, 10**9),
        "themes": st.lists(texts, max_size=3),
        "note": texts,
        "section": texts,
        "coder": texts,
        "created": st.just("2026-11-29T17:00:00Z"),
        "extra": st.dictionaries(keys_plain, plain_values, max_size=2),
    }
)
tag_files = st.fixed_dictionaries(
    {
        "version": st.just(1),
        "video_id": st.just("t8dJdL0Wyw8"),
        "tags": st.lists(tags, max_size=4),
        "layouts": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.just("aftershock.note-layout"),
                    "parts": st.lists(
                        st.fixed_dictionaries({"text": texts})
                        | st.fixed_dictionaries({"tag": texts, "before": texts, "after": texts}),
                        max_size=4,
                    ),
                }
            ),
            max_size=2,
        ),
    }
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag_files)
def test_a_tag_file_is_written_by_the_fast_writer_exactly_as_pyyaml_writes_it(data):
    assert fast(data) == reference(data)


def test_what_the_fast_writer_leaves_to_pyyaml():
    assert fast({"yes": 1}) is None  # a key that must be quoted
    assert fast({"k": 1.5}) is None  # a type it does not write
    assert fast({1: "a"}) is None
    assert fast({}) is None
    assert fsutil.dump_yaml({"yes": 1.5}) == "'yes': 1.5\n"


def test_a_long_statement_folds_where_libyaml_folds_it():
    note = " ".join(["Silos broke down between the teams"] * 4)
    assert fsutil.dump_yaml({"tags": [{"note": note, "after": "\n\n"}]}) == (
        "tags:\n"
        "- note: Silos broke down between the teams Silos broke down between the teams Silos"
        " broke down between\n"
        "    the teams Silos broke down between the teams\n"
        "  after: '\n\n\n    '\n"
    )
