"""Search against hostile and odd inputs, and the quick freshness check of the index."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.search.fresh import FULL_CHECK_EVERY_NS
from aftershock_cli.search.index import SearchIndex, scan_files
from aftershock_cli.search.rows import MAX_ROW_CHARS, pieces
from aftershock_cli.workspace.folder import Workspace

PANEL = "t8dJdL0Wyw8"
OTHER = "dQw4w9WgXcQ"
HINT = (
    'put exact phrases in double quotes ("feedback loop"), end a prefix with * '
    "(experiment*), and write AND, OR, NOT in capitals between words"
)


@pytest.fixture
def ws(workspace_dir: Path) -> Workspace:
    ws = Workspace(workspace_dir)
    ws.save_transcript(
        Transcript(
            PANEL,
            title="Panel",
            duration_ms=60_000,
            segments=(
                Segment(0, 4000, "Silos broke down across governments.", speaker="Ana Ruiz"),
                Segment(4000, 4000, "The panel built trust.", speaker="Ben"),
            ),
        )
    )
    with ws.editing_tags(PANEL) as tf:
        tf.tags.append(Tag("k3v9q2xa", PANEL, 0, 8000, ("cross-silo",), note="Silos again."))
    return ws


def _index_state(ws: Workspace) -> tuple[bytes, int]:
    path = ws.root / ".aftershock" / "index.sqlite"
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_negative_near_distance_is_a_query_error_and_the_index_is_kept(cli, ws):
    assert cli("index").exit_code == 0
    before = _index_state(ws)
    result = cli("search", "NEAR(silos governments, -1)")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: cannot read the search query 'NEAR(silos governments, -1)' (the distance "
        "of NEAR must be a whole number of words, such as NEAR(a b, 5)); " + HINT + "\n"
    )
    assert _index_state(ws) == before


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        (
            "NEAR(a b, x)",
            "the distance of NEAR must be a whole number of words, such as NEAR(a b, 5)",
        ),
        ("x NOT", 'syntax error near ""'),
    ],
)
def test_other_malformed_queries_keep_the_index(cli, ws, query, problem):
    cli("index")
    before = _index_state(ws)
    result = cli("search", query)
    assert result.stderr == f"Error: cannot read the search query '{query}' ({problem}); {HINT}\n"
    assert _index_state(ws) == before


def test_long_texts_are_cut_at_spaces_into_bounded_pieces():
    words = " ".join(f"w{i:04d}" for i in range(1000))  # 5,999 characters
    cut = pieces(words)
    assert [len(p) for p in cut] == [1997, 1997, 1997, 5]
    assert " ".join(cut) == words
    assert pieces("x" * 4500) == ["x" * 2000, "x" * 2000, "x" * 500]
    assert pieces("short") == ["short"]
    assert pieces("") == [""]


def test_a_huge_segment_is_indexed_in_bounded_rows_and_searched(cli, ws):
    # 200,000 words in one caption cue, "silos" every tenth word
    text = " ".join("silos" if i % 10 == 0 else f"word{i % 7}" for i in range(200_000))
    ws.save_transcript(
        Transcript(
            OTHER, title="Long", duration_ms=9_000_000, segments=(Segment(0, 9_000_000, text),)
        )
    )
    result = cli("search", "silos", "--video", OTHER, "--limit", "2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [(h["time"], h["snippet"]) for h in hits] == [
        (
            "0:00",
            "**silos** word1 word2 word3 word4 word5 word6 word0 word1 word2 **silos** word4 "
            "word5 word6 word0 word1…",
        ),
        (
            "0:00",
            "word5 **silos** word0 word1 word2 word3 word4 word5 word6 word0 word1 **silos** "
            "word3 word4 word5 word6…",
        ),
    ]
    with SearchIndex(ws.root) as index:
        lengths = [
            n
            for (n,) in index.db.execute(
                "SELECT length(body) FROM hits WHERE video_id = ?", (OTHER,)
            )
        ]
    assert max(lengths) <= MAX_ROW_CHARS
    assert len(lengths) == len(pieces(text))


def test_an_unknown_speaker_is_named_with_the_known_ones(cli, ws):
    result = cli("search", "silos", "--speaker", "Bem")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: no speaker 'Bem' in the workspace's transcripts (did you mean Ben?); "
        "its speakers: Ana Ruiz, Ben"
    )
    result = cli("search", "silos", "--speaker", "zzz")
    assert result.stderr.splitlines()[-1] == (
        "Error: no speaker 'zzz' in the workspace's transcripts; its speakers: Ana Ruiz, Ben"
    )
    assert cli("search", "trust", "--speaker", "BEN", "-f", "json").exit_code == 0


def test_a_speaker_where_no_transcript_names_any(cli, ws):
    ws.save_transcript(Transcript(PANEL, title="Panel", segments=(Segment(0, 1000, "silos"),)))
    result = cli("search", "silos", "--speaker", "Ben")
    assert result.stderr.splitlines()[-1] == (
        "Error: no speaker 'Ben' in the workspace's transcripts: none of them names its speakers"
    )


def test_an_index_path_that_is_a_folder_is_one_error_line_and_kept(cli, ws):
    folder = ws.root / ".aftershock" / "index.sqlite"
    folder.mkdir(parents=True)
    (folder / "mine.txt").write_text("keep me")
    for args in (("search", "silos"), ("index",)):
        result = cli(*args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"Error: the search index {folder} is a folder, not a file; move that folder "
            "away or remove it (the index is rebuilt in its place)\n"
        )
    assert (folder / "mine.txt").read_text() == "keep me"


def test_a_state_folder_that_is_a_file_is_one_error_line_and_kept(cli, ws):
    state = ws.root / ".aftershock"
    shutil.rmtree(state, ignore_errors=True)
    state.write_text("mine")
    result = cli("search", "silos")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {state} is a file, not a folder; move that file away or remove it "
        "(the workspace keeps its search index, locks and history there)\n"
    )
    assert state.read_text() == "mine"


class _Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000 * 10**9

    def __call__(self) -> int:
        return self.now


def _counting_index(root: Path, clock: _Clock, scans: list[int]) -> SearchIndex:
    def scan(folder: Path) -> tuple[dict[str, tuple[str, str, tuple[int, int]]], tuple[str, ...]]:
        scans.append(1)
        return scan_files(folder)

    return SearchIndex(root, scan=scan, clock=clock)


def _age_folders(root: Path, clock: _Clock, seconds: int = 60) -> None:
    old = clock.now - seconds * 10**9
    for name in ("transcripts", "tags", "aftershock.yaml"):
        os.utime(root / name, ns=(old, old))


def test_unchanged_folders_stand_in_for_a_full_check(ws):
    clock, scans = _Clock(), []
    with _counting_index(ws.root, clock, scans) as index:
        index.refresh()
        _age_folders(ws.root, clock)
        assert index.plan().work == 0  # full check: writes the stamp
        assert len(scans) == 3  # the refresh's two plans and this one
        assert index.plan().work == 0
        assert index.plan().work == 0
        assert len(scans) == 3
        assert index.plan(full=True).work == 0
        assert len(scans) == 4


def test_a_new_file_changes_its_folder_and_is_seen(ws):
    clock, scans = _Clock(), []
    with _counting_index(ws.root, clock, scans) as index:
        index.refresh()
        _age_folders(ws.root, clock)
        index.plan()
        ws.save_transcript(Transcript(OTHER, title="New", segments=(Segment(0, 1, "x"),)))
        plan = index.plan()
    assert [name for name, *_ in plan.changed] == [f"transcripts/{OTHER}.json"]


def test_an_edit_in_place_is_seen_by_the_next_full_check(ws):
    clock, scans = _Clock(), []
    with _counting_index(ws.root, clock, scans) as index:
        index.refresh()
        _age_folders(ws.root, clock)
        index.plan()
        tags = ws.tags_path(PANEL)
        with tags.open("r+") as f:  # as an editor that writes in place
            text = f.read().replace("Silos again.", "Trust again.")
            f.seek(0)
            f.write(text)
            f.truncate()
        os.utime(ws.root / "tags", ns=(clock.now - 60 * 10**9,) * 2)
        assert index.plan().work == 0  # within the window: not seen yet (documented)
        clock.now += FULL_CHECK_EVERY_NS
        assert [name for name, *_ in index.plan().changed] == [f"tags/{PANEL}.yaml"]


def test_a_folder_changed_just_before_the_check_is_not_trusted(ws):
    clock, scans = _Clock(), []
    with _counting_index(ws.root, clock, scans) as index:
        index.refresh()
        _age_folders(ws.root, clock)
        recent = clock.now - 10**9  # one second before the check: racy
        os.utime(ws.root / "tags", ns=(recent, recent))
        index.plan()
        index.plan()
    assert len(scans) == 4


def test_a_check_that_finds_nothing_to_do_knows_the_stray_files(ws):
    (ws.root / "tags" / "mine.txt").write_text("x")
    clock, scans = _Clock(), []
    with _counting_index(ws.root, clock, scans) as index:
        index.refresh()
        _age_folders(ws.root, clock)
        assert index.plan().strays == ("tags/mine.txt",)  # listed for the stamp
        assert index.plan().strays == ("tags/mine.txt",)  # read from the stamp
        assert len(scans) == 3
        ws.save_transcript(Transcript(OTHER, title="New", segments=(Segment(0, 1, "x"),)))
        assert index.plan().strays is None  # work to do: not listed
