"""The units of agreement kept in the search index: the same as reading the transcripts."""

from __future__ import annotations

import itertools
import json
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.core.schema import segment_fields, segment_texts
from aftershock_cli.core.spoken import merged_ranges, spoken_spans
from aftershock_cli.core.spoken_units import pack, segment_units, unpack
from aftershock_cli.report.agreement import disagreements, measure
from aftershock_cli.report.agreement_rows import agreement_json, disagreement_json
from aftershock_cli.report.team import select
from aftershock_cli.report.units import Units, VideoCoding, marked_units, units_of
from aftershock_cli.search.index import SearchIndex
from aftershock_cli.workspace.folder import Workspace

times_lists = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 10**5)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=30,
)


@given(times_lists)
def test_units_are_the_spoken_spans_in_time_order_and_survive_packing(times):
    units = segment_units(times)
    expected = sorted((a, b, i) for i, (a, b) in enumerate(spoken_spans(times)) if b > a)
    assert list(zip(units.starts, units.ends, units.segments, strict=True)) == expected
    again = unpack(pack(units))
    assert (list(again.starts), list(again.ends), list(again.segments)) == (
        list(units.starts),
        list(units.ends),
        list(units.segments),
    )


def test_a_damaged_blob_is_refused():
    blob = pack(segment_units([(0, 1000), (1000, 2500)]))
    with pytest.raises(ValueError, match=r"^the stored units cannot be read"):
        unpack(blob[:-1])
    with pytest.raises(ValueError, match=r"^the stored units are cut short$"):
        unpack(zlib.compress(bytes(47)))


def test_damaged_units_in_the_index_say_to_rebuild_it(cli, workspace_dir):
    ws = _workspace(workspace_dir)
    index = SearchIndex(ws.root)
    index.refresh()
    with index.db as db:
        db.execute("UPDATE spoken_units SET units = x'00' WHERE video_id = 'aaaaaaaaaaa'")
    index.close()
    result = cli("agree")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the search index holds damaged units of aaaaaaaaaaa: the stored units cannot be"
        " read (Error -5 while decompressing data: incomplete or truncated stream);"
        " rebuild it with 'aftershock index --rebuild'\n"
    )


def _transcript(video_id: str, times: list[tuple[int, int]]) -> Transcript:
    segments = tuple(
        Segment(start, end - start, f"words {i} of {video_id}")
        for i, (start, end) in enumerate(times)
    )
    return Transcript(video_id=video_id, segments=segments, duration_ms=70_000)


# Overlapping captions, one inside another, a cue with no time and a repeated start.
ODD = [(0, 5000), (2000, 3000), (4000, 9000), (9000, 9000), (9000, 15000), (9000, 12000)]
PLAIN = [(0, 4000), (4000, 9000), (9000, 15000), (15000, 21000), (21000, 30000)]


def _workspace(root: Path) -> Workspace:
    ws = Workspace(root)
    for video_id, times in (("aaaaaaaaaaa", ODD), ("bbbbbbbbbbb", PLAIN)):
        ws.save_transcript(_transcript(video_id, times))
        _tag(ws, video_id, ("t1", 0, 4500, ("cross-silo",), "ana"))
        _tag(ws, video_id, ("t2", 3000, 9000, ("cross-silo",), "ben"))
        _tag(ws, video_id, ("t3", 9000, 14000, ("cross-silo", "experimentation"), "ben"))
        _tag(ws, video_id, ("t4", 60000, 75000, ("experimentation",), "ana"))
    _tag(ws, "ccccccccccc", ("t5", 0, 2500, ("cross-silo",), "ana"))
    return ws


def _tag(ws: Workspace, video_id: str, spec: tuple[str, int, int, tuple[str, ...], str]) -> None:
    tag_id, start, end, themes, coder = spec
    with ws.editing_tags(video_id) as tagfile:
        tagfile.tags.append(Tag(tag_id, video_id, start, end, themes, coder=coder))


def test_the_index_gives_the_same_agreement_as_the_transcripts(workspace_dir):
    ws = _workspace(workspace_dir)
    index = SearchIndex(ws.root)
    index.refresh()
    rows, spoken = index.tag_rows(), index.spoken_times()
    assert sorted(spoken) == ["aaaaaaaaaaa", "bbbbbbbbbbb"]  # the third has no transcript
    for unit in ("segment", "second"):
        slow = select(ws)
        fast = select(ws, tag_rows=rows, spoken=spoken)
        assert agreement_json(measure(fast.videos, fast.coders, fast.themes, unit)) == (
            agreement_json(measure(slow.videos, slow.coders, slow.themes, unit))
        )
        found = [
            json.dumps(disagreement_json(d))
            for d in disagreements(fast.videos, fast.coders, fast.themes, unit, fast.words)
        ]
        assert found == [
            json.dumps(disagreement_json(d))
            for d in disagreements(slow.videos, slow.coders, slow.themes, unit, slow.words)
        ]
        assert found  # the coders do differ


def test_a_changed_or_removed_transcript_changes_the_stored_units(workspace_dir):
    ws = _workspace(workspace_dir)
    index = SearchIndex(ws.root)
    index.refresh()
    ws.save_transcript(_transcript("aaaaaaaaaaa", PLAIN))
    ws.transcript_path("bbbbbbbbbbb").unlink()
    index.refresh()
    spoken = index.spoken_times()
    assert list(spoken) == ["aaaaaaaaaaa"]
    packed, length = spoken["aaaaaaaaaaa"]
    assert packed is not None and list(unpack(packed).ends) == [4000, 9000, 15000, 21000, 30000]
    assert length == 70_000


def _brute_marks(units: Units, ranges: list[tuple[int, int]]) -> set[int]:
    """Each unit that the ranges cover at least half of, measured one by one."""
    marked = set()
    for i, (a, b) in enumerate(zip(units.starts, units.ends, strict=True)):
        covered = sum(max(0, min(b, end) - max(a, start)) for start, end in ranges)
        if 2 * covered >= b - a:
            marked.add(i)
    return marked


@given(times_lists, st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 10**5)), max_size=8))
def test_marked_units_are_those_covered_at_least_half(times, spans):
    ranges = merged_ranges((start, start + length) for start, length in spans)
    for kind in ("segment", "second"):
        coding = VideoCoding("aaaaaaaaaaa", (), frozenset(), segment_units(times), 1_200_000)
        units = units_of(coding, kind)
        runs = marked_units(units, ranges)
        assert {i for first, stop in runs for i in range(first, stop)} == _brute_marks(
            units, ranges
        )
        assert all(a[1] < b[0] for a, b in itertools.pairwise(runs))  # apart, in order


def test_segment_fields_are_read_only_from_the_usual_shape():
    usual = [
        {"start_ms": 0, "duration_ms": 900, "text": "a"},
        {"start_ms": 5, "duration_ms": 0, "text": "b"},
    ]
    assert segment_fields({"segments": usual}) == ([(0, 900), (5, 5)], ["a", "b"])
    for odd in (
        [],
        {"segments": {}},
        {"segments": [[]]},
        {"segments": [{**usual[0], "text": 3}]},
        {"segments": [{**usual[0], "start_ms": -1}]},
        {"segments": [{**usual[0], "duration_ms": 1.5}]},
        {"segments": [{**usual[0], "start_ms": True}]},
        {"segments": [{**usual[0], "duration_ms": 10**20}]},
        {"segments": [{"text": "a"}]},
    ):
        assert segment_fields(odd) is None
    assert segment_texts({"segments": usual}) == ["a", "b"]
    for odd in ([], {"segments": {}}, {"segments": [[]]}, {"segments": [{**usual[0], "text": 3}]}):
        assert segment_texts(odd) is None


def test_a_transcript_the_index_could_not_read_stops_agree(cli, workspace_dir):
    """Left out of the index, a broken transcript would have been cut into seconds:
    other figures, with only the index's warning to tell."""
    ws = _workspace(workspace_dir)
    ws.transcript_path("aaaaaaaaaaa").write_text("{broken", encoding="utf-8")
    result = cli("agree")
    path = ws.transcript_path("aaaaaaaaaaa")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {path}:1: invalid JSON (Expecting property name enclosed in double quotes); "
        "fix the file by hand (it was left unchanged) and try again"
    )


def test_the_index_reads_times_as_the_transcript_reader_does(cli, workspace_dir):
    ws = _workspace(workspace_dir)
    path = ws.transcript_path("aaaaaaaaaaa")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][1]["start_ms"] = 2000.4  # a decimal is rounded by both
    path.write_text(json.dumps(data), encoding="utf-8")
    index = SearchIndex(ws.root)
    index.refresh()
    fast = select(ws, tag_rows=index.tag_rows(), spoken=index.spoken_times())
    slow = select(ws)
    assert agreement_json(measure(fast.videos, fast.coders, fast.themes, "segment")) == (
        agreement_json(measure(slow.videos, slow.coders, slow.themes, "segment"))
    )
    index.close()
    data["segments"][1]["start_ms"] = "soon"  # refused by both
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("agree")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Warning: left out of the search index: {path}: malformed transcript field "
        "(segment 2: start_ms is 'soon', not a time in milliseconds); fix the file by hand "
        "(it was left unchanged) and try again",
        f"Error: {path}: malformed transcript: segment 2: start_ms is 'soon', not a time in "
        "milliseconds; fix the file by hand (it was left unchanged) and try again",
    ]
