"""`aftershock search` and `aftershock index`: FTS5 queries, filters, the incremental index."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.search.index import Refresh, SearchIndex, workspace_root
from aftershock_cli.search.query import fts_query
from aftershock_cli.workspace.folder import Workspace

PANEL = "t8dJdL0Wyw8"
FUTURES = "dQw4w9WgXcQ"
HINT = (
    'put exact phrases in double quotes ("feedback loop"), end a prefix with * '
    "(experiment*), and write AND, OR, NOT in capitals between words"
)


def _panel(extra: str = "") -> Transcript:
    return Transcript(
        PANEL,
        title="Government Aftershock: panel one",
        duration_ms=600_000,
        segments=(
            Segment(0, 5000, "Welcome to the panel on public sector innovation."),
            Segment(5000, 6000, "Silos broke down within and across governments."),
            Segment(11000, 5000, "Non-profit partners built a feedback loop with citizens."),
            Segment(554000, 22000, "We ran experiments and learned from each experiment." + extra),
        ),
    )


@pytest.fixture
def ws(cli, workspace_dir: Path) -> Workspace:
    ws = Workspace(workspace_dir)
    ws.save_transcript(_panel())
    ws.save_transcript(
        Transcript(
            FUTURES,
            title="Foresight in practice",
            duration_ms=300_000,
            segments=(
                Segment(1000, 4000, "Anticipation means preparing for several futures."),
                Segment(5000, 4000, "The feedback from citizens changed the service."),
            ),
        )
    )
    with ws.editing_tags(PANEL) as tf:
        tf.tags.append(
            Tag(
                "k3v9q2xa",
                PANEL,
                5000,
                16000,
                ("cross-silo", "relationships"),
                note="Silos gave way to shared feedback loops.",
                coder="ana",
            )
        )
        tf.tags.append(
            Tag(
                "p0p0p0p0",
                PANEL,
                554000,
                576000,
                ("experimentation",),
                note="Learning by trying.",
                coder="ben",
            )
        )
    with ws.editing_tags(FUTURES) as tf:
        tf.tags.append(
            Tag("f00dcafe", FUTURES, 0, 9000, ("anticipation",), note="Futures work.", coder="ana")
        )
    return ws


def _json(cli, *args: str) -> list[dict[str, object]]:
    result = cli("search", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    for hit in hits:
        assert isinstance(hit.pop("score"), float)
    return hits


def _places(cli, *args: str) -> list[tuple[object, ...]]:
    return [(h["video_id"], h["kind"], h["time"]) for h in _json(cli, *args)]


def test_the_index_is_built_with_large_pages(cli, ws):
    assert cli("index").exit_code == 0
    with sqlite3.connect(ws.root / ".aftershock" / "index.sqlite") as db:
        assert db.execute("PRAGMA page_size").fetchone() == (65536,)


def test_first_search_builds_the_index_and_shows_each_hit_in_json(cli, ws):
    result = cli("search", "feedback", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == "Building the search index from 4 files\n"
    assert (ws.root / ".aftershock" / "index.sqlite").is_file()
    assert (ws.root / ".aftershock" / ".gitignore").read_text().endswith("*\n")
    hits = _json(cli, "feedback")
    assert hits[0] == {
        "video_id": PANEL,
        "title": "Government Aftershock: panel one",
        "kind": "note",
        "time": "0:05",
        "start_ms": 5000,
        "end_ms": 16000,
        "url": "https://www.youtube.com/watch?v=t8dJdL0Wyw8&t=5s",
        "snippet": "Silos gave way to shared **feedback** loops.",
        "themes": ["cross-silo", "relationships"],
        "tag_id": "k3v9q2xa",
        "speaker": "",
    }
    assert hits[1:] == [
        {
            "video_id": FUTURES,
            "title": "Foresight in practice",
            "kind": "transcript",
            "time": "0:05",
            "start_ms": 5000,
            "end_ms": 9000,
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5s",
            "snippet": "The **feedback** from citizens changed the service.",
            "themes": ["anticipation"],
            "tag_id": "",
            "speaker": "",
        },
        {
            "video_id": PANEL,
            "title": "Government Aftershock: panel one",
            "kind": "transcript",
            "time": "0:11",
            "start_ms": 11000,
            "end_ms": 16000,
            "url": "https://www.youtube.com/watch?v=t8dJdL0Wyw8&t=11s",
            "snippet": "Non-profit partners built a **feedback** loop with citizens.",
            "themes": ["cross-silo", "relationships"],
            "tag_id": "",
            "speaker": "",
        },
    ]


def test_warm_search_is_quiet_on_stderr(cli, ws):
    cli("search", "feedback")
    result = cli("search", "feedback", "--format", "json")
    assert result.stderr == ""


def test_table_shows_title_time_themes_and_text(cli, ws):
    result = cli("search", '"feedback loop"', "--in", "transcripts")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Video                             Time  Themes                     Text",
        "Government Aftershock: panel one  0:11  cross-silo, relationships  Non-profit partners built a",
        "                                                                   feedback loop with citizens.",
    ]


def test_table_marks_note_hits(cli, ws):
    result = cli("search", "trying")
    assert "note p0p0p0p0: Learning by trying." in result.stdout
    assert "9:14" in result.stdout


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"feedback loop"', [(PANEL, "note", "0:05"), (PANEL, "transcript", "0:11")]),
        ("experiment*", [(PANEL, "transcript", "9:14")]),
        ("experiment", [(PANEL, "transcript", "9:14")]),  # stems: experiments, experiment
        ("citizens AND service", [(FUTURES, "transcript", "0:05")]),
        ("citizens NOT service", [(PANEL, "transcript", "0:11")]),
        ("silos OR futures", None),
        ("non-profit", [(PANEL, "transcript", "0:11")]),
        ("NON-PROFIT partners", [(PANEL, "transcript", "0:11")]),
    ],
)
def test_query_syntax(cli, ws, query, expected):
    places = _places(cli, query)
    if expected is None:
        assert sorted(places) == sorted(
            [
                (PANEL, "note", "0:05"),
                (PANEL, "transcript", "0:05"),
                (FUTURES, "transcript", "0:01"),
                (FUTURES, "note", "0:00"),
            ]
        )
    else:
        assert places == expected


def test_filters_by_scope_video_theme_and_limit(cli, ws):
    assert _places(cli, "feedback", "--in", "notes") == [(PANEL, "note", "0:05")]
    assert _places(cli, "feedback", "--in", "transcripts") == [
        (FUTURES, "transcript", "0:05"),
        (PANEL, "transcript", "0:11"),
    ]
    assert _places(cli, "feedback", "--video", f"https://youtu.be/{FUTURES}") == [
        (FUTURES, "transcript", "0:05")
    ]
    assert _places(cli, "feedback", "--theme", "anticip") == [(FUTURES, "transcript", "0:05")]
    # a parent theme takes in the themes under it
    assert len(_places(cli, "feedback", "--theme", "public-sector-innovation")) == 3
    assert len(_places(cli, "feedback", "--limit", "1")) == 1


def test_no_hits(cli, ws):
    result = cli("search", "zebra")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "Building the search index from 4 files\nNo hits for zebra\n",
    )
    assert cli("search", "zebra", "--format", "json").stdout == "[]\n"


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ('"unterminated', "unterminated string"),
        ("AND feedback", 'syntax error near "AND"'),
        ("(feedback", 'syntax error near ""'),
    ],
)
def test_malformed_query_is_one_line(cli, ws, query, problem):
    result = cli("search", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot read the search query '{query}' ({problem}); {HINT}"
    )


def test_bad_arguments(cli, ws):
    assert cli("search", " ").stderr == "Error: the search query is empty; give words to look for\n"
    assert cli("search", "x", "--limit", "0").stderr == (
        "Error: --limit must be at least 1 (got 0)\n"
    )
    result = cli("search", "x", "--theme", "zzzz")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no theme 'zzzz' in the codebook")


def test_only_changed_files_are_read_again(cli, ws):
    cli("search", "feedback")
    index = SearchIndex(ws.root)
    assert index.plan().work == 0
    ws.save_transcript(_panel(" Serendipity matters."))
    os.utime(ws.transcript_path(PANEL), ns=(1, 1))  # a new mtime even on coarse clocks
    plan = index.plan()
    assert [name for name, *_ in plan.changed] == [f"transcripts/{PANEL}.json"]
    assert index.refresh(plan).updated == 1
    index.close()
    assert _places(cli, "serendipity") == [(PANEL, "transcript", "9:14")]


def test_edits_removals_and_new_tags_reach_the_index(cli, ws):
    assert _places(cli, "serendipity") == []
    with ws.editing_tags(FUTURES) as tf:
        tf.tags.append(
            Tag(
                "aaaabbbb",
                FUTURES,
                60000,
                70000,
                ("international",),
                note="Serendipity across borders.",
            )
        )
    assert _places(cli, "serendipity") == [(FUTURES, "note", "1:00")]
    ws.transcript_path(FUTURES).unlink()
    ws.tags_path(FUTURES).unlink()
    assert _places(cli, "serendipity OR feedback") == [
        (PANEL, "note", "0:05"),
        (PANEL, "transcript", "0:11"),
    ]
    result = cli("index")
    assert result.stderr == "The search index is up to date\n"


def test_missing_or_corrupt_index_is_rebuilt(cli, ws):
    cli("search", "feedback")
    path = ws.root / ".aftershock" / "index.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    result = cli("search", "feedback", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == "The search index could not be read; rebuilding it from 4 files\n"
    assert len(json.loads(result.stdout)) == 3
    path.unlink()
    result = cli("search", "feedback", "--format", "json")
    assert result.stderr == "Building the search index from 4 files\n"
    assert len(json.loads(result.stdout)) == 3


def test_an_index_damaged_inside_is_rebuilt(cli, ws):
    cli("search", "feedback")
    with sqlite3.connect(ws.root / ".aftershock" / "index.sqlite") as db:
        db.execute("DROP TABLE tags")
    db.close()
    result = cli("search", "feedback", "--format", "json")
    assert result.stderr == (
        "The search index is damaged\nRebuilding the search index from 4 files\n"
    )
    assert len(json.loads(result.stdout)) == 3
    assert cli("report", "--format", "csv").stderr == ""


def test_an_index_that_fails_while_updating_is_rebuilt(cli, ws):
    cli("search", "feedback")
    with sqlite3.connect(ws.root / ".aftershock" / "index.sqlite") as db:
        db.execute("DROP TABLE tag_themes")
    db.close()
    with ws.editing_tags(FUTURES) as tf:
        tf.tags[0] = Tag("f00dcafe", FUTURES, 0, 9000, ("anticipation",), note="Futures work.")
    os.utime(ws.tags_path(FUTURES), ns=(1, 1))
    result = cli("search", "feedback", "--format", "json")
    assert result.stderr == "The search index was damaged; rebuilt it from 4 files\n"
    assert len(json.loads(result.stdout)) == 3


def test_an_index_of_another_version_is_rebuilt(cli, ws):
    cli("search", "feedback")
    with sqlite3.connect(ws.root / ".aftershock" / "index.sqlite") as db:
        db.execute("PRAGMA user_version = 999")
    db.close()
    result = cli("search", "feedback", "--format", "json")
    assert result.stderr == (
        "The search index was made by another version of aftershock; rebuilding it from 4 files\n"
    )
    assert len(json.loads(result.stdout)) == 3


def test_index_rebuild(cli, ws):
    assert cli("index").stderr == (
        "Building the search index from 4 files\nIndexed 4 changed files, dropped 0\n"
    )
    assert cli("index", "--rebuild").stderr == (
        "Rebuilding the search index from 4 files\nIndexed 4 changed files, dropped 0\n"
    )
    assert cli("-q", "index", "--rebuild").stderr == ""


def test_a_broken_file_is_left_out_with_a_warning(cli, ws):
    ws.tags_path(PANEL).write_text("tags: [unclosed\n")
    result = cli("search", "feedback", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1].startswith(
        f"Warning: left out of the search index: {ws.tags_path(PANEL)}:"
    )
    assert len(json.loads(result.stdout)) == 2
    assert ws.tags_path(PANEL).read_text() == "tags: [unclosed\n"


def test_fts_query_quotes_punctuated_words():
    assert fts_query("non-profit") == '"non-profit"'
    assert fts_query("cross-silo* OR trust") == '"cross-silo"* OR trust'
    assert fts_query('"feedback loop" AND (citizens OR users)') == (
        '"feedback loop" AND ( citizens OR users )'
    )
    assert fts_query("experiment*") == "experiment*"
    assert fts_query("x:y") == '"x:y"'


def test_workspace_root_agrees_with_discovery(tmp_path, monkeypatch):
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "aftershock.yaml").write_text("version: 1\n")
    monkeypatch.delenv("AFTERSHOCK_WORKSPACE")
    monkeypatch.chdir(inner)
    assert workspace_root() == Workspace.discover().root == tmp_path / "a"
    assert workspace_root(tmp_path) == Workspace.discover(tmp_path).root
    monkeypatch.setenv("AFTERSHOCK_WORKSPACE", str(inner))
    assert workspace_root() == Workspace.discover().root == inner


def test_warm_search_does_not_import_yaml_or_rich(cli, ws):
    cli("search", "feedback")
    code = (
        "import sys\n"
        "from aftershock_cli.cli.app import app\n"
        "try:\n"
        "    app(['search', 'feedback', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'yaml', 'rich', 'requests'} & set(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == "[]"
    assert len(json.loads(done.stdout)) == 3


def test_an_empty_workspace_has_nothing_to_search(cli, workspace_dir):
    result = cli("search", "anything")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        f"Nothing to search yet: {workspace_dir} holds no transcripts or tags\n"
        "No hits for anything\n"
    )
    assert not (workspace_dir / ".aftershock" / "index.sqlite").exists()


def test_index_of_an_empty_workspace(cli, workspace_dir):
    result = cli("index")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"Nothing to search yet: {workspace_dir} holds no transcripts or tags\n"


def test_concurrent_refreshes_index_each_file_once(cli, ws):
    from concurrent.futures import ThreadPoolExecutor

    def refresh(_: int) -> int:
        with SearchIndex(ws.root) as index:
            return index.refresh().updated

    with ThreadPoolExecutor(4) as pool:
        updated = list(pool.map(refresh, range(4)))
    assert sorted(updated) == [0, 0, 0, 4]
    with SearchIndex(ws.root) as index:
        (rows,) = index.db.execute("SELECT count(*) FROM hits").fetchone()
        (files,) = index.db.execute("SELECT count(*) FROM files").fetchone()
    assert (rows, files) == (6 + 3, 4)  # six segments, three tag notes


def _read_only(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
    """Open an SQLite file read-only, as when ``.aftershock`` may not be written."""
    return sqlite3.connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]


def test_an_index_that_cannot_be_written_is_one_error_line(cli, ws, seams):
    cli("search", "feedback")
    index = ws.root / ".aftershock" / "index.sqlite"
    before = index.read_bytes()
    ws.save_transcript(_panel(" Serendipity matters."))
    os.utime(ws.transcript_path(PANEL), ns=(1, 1))
    seams.open_index = lambda root: SearchIndex(root, connect=_read_only)  # cannot write
    result = cli("search", "serendipity")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: cannot write the search index {index} (attempt to write a readonly "
        f"database); check the permissions of {index.parent} and the space left on its disk\n"
    )
    result = cli("index", "--rebuild")
    assert result.stderr.splitlines()[1] == (
        f"Error: cannot write the search index {index} (unable to open database file); "
        f"check the permissions of {index.parent} and the space left on its disk"
    )
    seams.open_index = None
    assert index.read_bytes() == before
    assert sorted(p.name for p in index.parent.glob("index.sqlite*")) == ["index.sqlite"]
    assert _places(cli, "serendipity") == [(PANEL, "transcript", "9:14")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any folder")
def test_a_read_only_state_folder_is_one_error_line(cli, ws):
    cli("search", "feedback")
    ws.save_transcript(_panel(" Serendipity matters."))
    os.utime(ws.transcript_path(PANEL), ns=(1, 1))
    state = ws.root / ".aftershock"
    state.chmod(0o555)
    try:
        result = cli("search", "serendipity")
    finally:
        state.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: cannot write the search index {state / 'index.sqlite'}"
    )


def test_an_interrupted_build_leaves_no_temporary_file(cli, ws, seams):
    from aftershock_cli.search.rows import FileRows, read_file

    seen: list[str] = []

    def interrupted(root: Path, name: str, *args: Any) -> FileRows:
        seen.append(name)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return read_file(root, name, *args)

    seams.open_index = lambda root: SearchIndex(root, read_rows=interrupted)
    result = cli("index")
    seams.open_index = None
    assert (result.exit_code, result.stderr) == (
        130,
        "Building the search index from 4 files\nInterrupted; nothing half-written was kept.\n",
    )
    assert sorted(p.name for p in (ws.root / ".aftershock").iterdir()) == [
        ".gitignore",
        "history",
        "locks",
    ]
    assert cli("index").stderr == (
        "Building the search index from 4 files\nIndexed 4 changed files, dropped 0\n"
    )


class _AfterAnotherProcess(SearchIndex):
    """An index whose every refresh finds that another process built it just before."""

    def refresh(self, *args: Any, **kwargs: Any) -> Refresh:
        with SearchIndex(self.root) as other:  # it took the lock first and built the index
            assert other.refresh().rebuild_reason == "missing"
        return super().refresh(*args, **kwargs)


def test_an_index_another_process_built_meanwhile_is_not_called_damaged(cli, ws, seams):
    seams.open_index = _AfterAnotherProcess
    result = cli("search", "feedback", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == "Building the search index from 4 files\n"
    assert len(json.loads(result.stdout)) == 3
    result = cli("report", "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("NEAR(silos governments)", [(PANEL, "transcript", "0:05")]),
        ("NEAR(silos governments, 5)", [(PANEL, "transcript", "0:05")]),
        ("NEAR(silos governments,5)", [(PANEL, "transcript", "0:05")]),
        ("NEAR(silos governments, 4)", []),
        ("NEAR(non-profit citizens , 6)", [(PANEL, "transcript", "0:11")]),
    ],
)
def test_near_keeps_its_distance(cli, ws, query, expected):
    assert _places(cli, query) == expected
    assert fts_query("NEAR(silos non-profit, 5)") == 'NEAR ( silos "non-profit" , 5 )'
