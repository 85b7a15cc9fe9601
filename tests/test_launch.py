"""The console script's lean paths: the same bytes as the Typer application, or Typer itself."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aftershock_cli.cli import _common
from aftershock_cli.cli.launch import BYTECODE_OPT_OUT, lean
from aftershock_cli.cli.search_view import json_text
from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.search.fresh import FULL_CHECK_EVERY_NS, Stamp, read_stamp, write_stamp
from aftershock_cli.search.query import search
from aftershock_cli.search.reader import IndexReader
from aftershock_cli.search.warm import warm_search
from aftershock_cli.workspace.discovery import find_root
from aftershock_cli.workspace.folder import Workspace
from aftershock_cli.workspace.names import plain_root

PANEL = "t8dJdL0Wyw8"
LAUNCH = "from aftershock_cli.cli.launch import main; main()"
TYPER = "from aftershock_cli.cli.app import main; main()"


@pytest.fixture
def ws(cli, workspace_dir: Path) -> Workspace:
    ws = Workspace(workspace_dir)
    ws.save_transcript(
        Transcript(
            PANEL,
            title="Government Aftershock: panel one",
            duration_ms=600_000,
            segments=(
                Segment(0, 5000, "Welcome to the panel on [public] sector innovation."),
                Segment(5000, 6000, "Silos broke down within governments.", speaker="Ana"),
                Segment(
                    11000, 5000, "Partners built a feedback loop with citizens.", speaker="Ben"
                ),
            ),
        )
    )
    with ws.editing_tags(PANEL) as tf:
        tf.tags.append(
            Tag("k3v9q2xa", PANEL, 5000, 16000, ("cross-silo",), note="Silos and feedback.")
        )
    assert cli("index").exit_code == 0
    return ws


def _lean(argv: list[str], capsys, monkeypatch) -> tuple[int | None, str, str]:
    monkeypatch.setenv("COLUMNS", "100")  # as the cli fixture's runs
    capsys.readouterr()
    _common.reset_consoles()
    code = lean(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


LEAN_SEARCHES = [
    ["search", "feedback"],
    ["search", "silos OR feedback", "--limit", "2"],
    ["search", "feedback", "-n", "1"],
    ["search", "feedback", "--limit=1"],
    ["search", "feedback", "--format", "json"],
    ["search", "feedback", "-f", "json"],
    ["search", "--format=json", "feedback"],
    ["search", "feedback", "-f", "table"],
    ["search", "feedback", "--in", "notes"],
    ["search", "feedback", "--in=transcripts", "-f", "json"],
    ["search", "feedback", "--in", "all", "-n", "5", "-f", "json"],
    ["search", "feedback OR silos", "--speaker", "ana"],
    ["search", "feedback", "--speaker=Ben", "-f", "json"],
    ["search", "zebra"],
    ["search", "zebra", "-f", "json"],
    ["-q", "search", "zebra"],
    ["search", "zebra", "--quiet"],
    ["--quiet", "search", "feedback"],
    ["search", "public"],
    ["search", " "],
    ["search", "feedback", "--limit", "0"],
    ["search", "(feedback"],
    ["search", "NEAR(silos governments, -1)"],
    ["search", "feedback", "--speaker", "Cleo"],
]


@pytest.mark.parametrize("argv", LEAN_SEARCHES, ids=" ".join)
def test_the_lean_search_prints_what_typer_prints(cli, ws, capsys, monkeypatch, argv):
    code, out, err = _lean(argv, capsys, monkeypatch)
    typer = cli(*argv)
    assert code is not None, "the lean path should take this command line"
    assert (code, out, err) == (typer.exit_code, typer.stdout, typer.stderr)


@pytest.mark.parametrize("argv", [["search", "feedback"], ["search", "zebra", "-f", "json"]])
def test_both_searches_name_a_stray_file_in_tags(cli, ws, capsys, monkeypatch, argv):
    stray = ws.root / "tags" / "notes-of-mine.yaml"
    stray.write_text("tags: []\n")
    assert cli("index").exit_code == 0  # the stray file changed the folder
    code, out, err = _lean(argv, capsys, monkeypatch)
    typer = cli(*argv)
    assert code is not None
    assert (code, out, err) == (typer.exit_code, typer.stdout, typer.stderr)
    warning = (
        f"Warning: left out {stray}: its name is not a video id (11 characters of "
        "A-Z, a-z, 0-9, - and _) followed by .yaml\n"
    )
    assert err.startswith(warning) and err.count("Warning:") == 1


@pytest.mark.parametrize(
    "where", ["-w", "--workspace", "--workspace=", "-w after", "--workspace= after"]
)
def test_the_lean_search_takes_the_workspace_option(cli, ws, capsys, monkeypatch, where):
    monkeypatch.delenv("AFTERSHOCK_WORKSPACE")
    monkeypatch.chdir(ws.root.parent)
    option, _, after = where.partition(" ")
    given = [option + str(ws.root)] if option.endswith("=") else [option, str(ws.root)]
    argv = ["search", "feedback", *given] if after else [*given, "search", "feedback"]
    code, out, err = _lean(argv, capsys, monkeypatch)
    typer = cli(*argv)
    assert (code, out, err) == (0, typer.stdout, typer.stderr)
    assert "feedback" in out


FALLBACKS = [
    ["search", "feedback", "--theme", "cross-silo"],
    ["search", "feedback", "--video", PANEL],
    ["search", "--help"],
    ["search"],
    ["search", "a", "b"],
    ["search", "-x"],
    ["search", "feedback", "--limit", "-1"],
    ["search", "feedback", "-n5"],
    ["search", "feedback", "--limit", "+5"],
    ["search", "feedback", "--format", "JSON"],
    ["search", "feedback", "--format="],
    ["search", "feedback", "-f", "json", "-f", "table"],
    ["search", "feedback", "--", "x"],
    ["--format", "json", "search", "feedback"],
    ["search", "feedback", "-w"],
    ["tags"],
    [],
    ["-q", "--help"],
]


@pytest.mark.parametrize("argv", FALLBACKS, ids=" ".join)
def test_other_command_lines_go_to_typer_with_nothing_printed(ws, capsys, monkeypatch, argv):
    assert _lean(argv, capsys, monkeypatch) == (None, "", "")


def test_a_stale_index_goes_to_typer_which_brings_it_up_to_date(cli, ws, capsys, monkeypatch):
    ws.save_transcript(Transcript("dQw4w9WgXcQ", title="New", segments=(Segment(0, 1, "zebra"),)))
    assert _lean(["search", "zebra"], capsys, monkeypatch) == (None, "", "")
    assert cli("search", "zebra", "-f", "json").exit_code == 0
    code, out, _ = _lean(["search", "zebra", "-f", "json"], capsys, monkeypatch)
    assert (code, [h["video_id"] for h in json.loads(out)]) == (0, ["dQw4w9WgXcQ"])


def test_completion_and_workspaces_that_are_not_go_to_typer(ws, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("_AFTERSHOCK_COMPLETE", "complete_bash")
    assert _lean(["search", "feedback"], capsys, monkeypatch) == (None, "", "")
    monkeypatch.delenv("_AFTERSHOCK_COMPLETE")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    for named in (a_file, tmp_path / "missing", tmp_path):
        monkeypatch.setenv("AFTERSHOCK_WORKSPACE", str(named))
        assert _lean(["search", "feedback"], capsys, monkeypatch) == (None, "", "")


def test_a_narrow_terminal_gets_typer_s_help(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert lean(["--help"]) is None
    assert capsys.readouterr().out == ""


def _run(code: str, *args: str, env: dict[str, str] | None = None) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        check=True,
        env={**os.environ, "COLUMNS": "80", **(env or {})},
    )
    return done.stdout


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]], ids=" ".join)
def test_help_and_version_are_typer_s_bytes(args):
    assert _run(LAUNCH, *args) == _run(TYPER, *args)


def _lean_search_loads(heavy: set[str], fmt: str = "json") -> list[str]:
    """Which of ``heavy`` a warm ``search feedback -f FMT`` to a pipe imports in a new
    process (beyond what Python loads before it starts); it must find the two hits."""
    code = (
        "import os, sys\n"
        "before = set(sys.modules)\n"
        "from aftershock_cli.cli.launch import main\n"
        "end = os._exit  # a lean path ends the process with it\n"
        "def report(status):\n"
        f"    print(sorted((set(sys.modules) - before) & set({sorted(heavy)!r})), file=sys.stderr)\n"
        "    sys.stderr.flush()\n"
        "    end(status)\n"
        "os._exit = report\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "search", "feedback", "-f", fmt],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
    )
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        assert len(json.loads(done.stdout)) == 2
    else:
        assert done.stdout.startswith("Video ") and len(done.stdout.splitlines()) == 3
    return ast.literal_eval(done.stderr)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_the_lean_search_loads_neither_typer_nor_rich(ws, fmt):
    assert _lean_search_loads({"typer", "click", "rich", "yaml", "typing"}, fmt) == []


@pytest.mark.parametrize("code", [LAUNCH, TYPER], ids=["lean", "typer"])
def test_a_reader_that_goes_away_ends_the_search_quietly(ws, code):
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "search", "feedback", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the search can print
    assert (proc.wait(), proc.stderr.read()) == (1, b"")
    proc.stderr.close()


def _cached(cache: Path, module: str) -> list[Path]:
    return sorted(cache.glob(f"aftershock/pycache/**/aftershock_cli/cli/{module}.*.pyc"))


def test_modules_are_compiled_into_a_user_cache_when_python_may_not_write_them(tmp_path):
    env = {"PYTHONDONTWRITEBYTECODE": "1", "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "60"}
    env_without_prefix = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    run = subprocess.run
    argv = [sys.executable, "-c", LAUNCH, "--help"]
    run(argv, env={**env_without_prefix, **env}, check=True, capture_output=True)
    (compiled,) = _cached(tmp_path, "app")  # Typer's help (60 columns) loads cli/app.py
    first = compiled.stat().st_mtime_ns
    run(argv, env={**env_without_prefix, **env}, check=True, capture_output=True)
    assert compiled.stat().st_mtime_ns == first  # read again, not written again

    other = tmp_path / "other"
    opt_out = {**env, "XDG_CACHE_HOME": str(other), BYTECODE_OPT_OUT: "1"}
    run(argv, env={**env_without_prefix, **opt_out}, check=True, capture_output=True)
    assert not other.exists()


@pytest.fixture
def warm(cli, ws: Workspace) -> Workspace:
    """``ws`` with folders last changed a minute ago and an index just checked: the quick
    freshness check trusts it, so the warm search answers (``search.warm``)."""
    age_and_check(cli, ws.root)
    return ws


def age_and_check(cli, root: Path) -> None:
    old = time.time_ns() - 60 * 10**9
    for name in ("transcripts", "tags", "aftershock.yaml"):
        os.utime(root / name, ns=(old, old))
    assert cli("index").exit_code == 0  # the full check writes the stamp
    assert warm_search(str(root), "feedback") is not None


@pytest.mark.parametrize("argv", LEAN_SEARCHES, ids=" ".join)
def test_the_warm_search_prints_what_typer_prints(cli, warm, capsys, monkeypatch, argv):
    code, out, err = _lean(argv, capsys, monkeypatch)
    typer = cli(*argv)
    assert code is not None
    assert (code, out, err) == (typer.exit_code, typer.stdout, typer.stderr)


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("feedback", {}),
        ("silos OR feedback", {"limit": 2}),
        ("feedback", {"scope": "notes"}),
        ("feedback OR silos", {"speaker": "ana"}),
        ("zebra", {}),
    ],
)
def test_the_warm_search_gives_the_hits_of_the_full_search(warm, query, options):
    answer = warm_search(str(warm.root), query, **options)
    assert answer is not None
    with IndexReader(warm.root) as index:
        assert answer.hits == search(index, query, **options)
    assert answer.strays == ()


@pytest.mark.parametrize(
    ("query", "options"),
    [
        (" ", {}),
        ("feedback", {"limit": 0}),
        ("(feedback", {}),
        ("feedback", {"speaker": "Cleo"}),
        ("feedback", {"scope": "everything"}),
    ],
)
def test_what_the_warm_search_cannot_answer_goes_to_the_full_search(warm, query, options):
    assert warm_search(str(warm.root), query, **options) is None


def test_an_old_check_makes_the_warm_search_check_every_file(warm):
    root, stamp = str(warm.root), warm.root / ".aftershock" / "index.stamp"
    later = time.time_ns() + FULL_CHECK_EVERY_NS
    assert warm_search(root, "feedback", now_ns=later) is not None
    checked = read_stamp(stamp)
    assert checked is not None and checked.checked_ns == later  # checked, stamped again
    (warm.root / "tags" / "notes-of-mine.txt").write_text("x")
    answer = warm_search(root, "feedback")
    assert answer is not None and answer.strays == ("tags/notes-of-mine.txt",)
    warm.save_transcript(Transcript("dQw4w9WgXcQ", title="New", segments=(Segment(0, 1, "x"),)))
    assert warm_search(root, "feedback") is None  # the index must be updated first


def test_an_edit_in_place_is_seen_by_the_warm_search_s_next_full_check(warm):
    root, tags = str(warm.root), warm.root / "tags"
    folder_time = tags.stat().st_mtime_ns
    path = tags / f"{PANEL}.yaml"
    path.write_text(path.read_text().replace("Silos and feedback.", "Trust and feedback."))
    os.utime(tags, ns=(folder_time, folder_time))  # as an editor that writes in place
    assert warm_search(root, "feedback") is not None  # within the window: not seen yet
    later = time.time_ns() + FULL_CHECK_EVERY_NS
    assert warm_search(root, "feedback", now_ns=later) is None


def test_the_warm_search_names_stray_files_from_the_stamp(cli, ws, capsys, monkeypatch):
    strays = [ws.root / "tags" / "notes-of-mine.yaml", ws.root / "transcripts" / "b.json"]
    for stray in strays:
        stray.write_text("x")
    age_and_check(cli, ws.root)
    answer = warm_search(str(ws.root), "feedback")
    assert answer is not None and answer.strays == ("transcripts/b.json", "tags/notes-of-mine.yaml")
    argv = ["search", "feedback", "-f", "json"]
    code, out, err = _lean(argv, capsys, monkeypatch)
    typer = cli(*argv)
    assert (code, out, err) == (0, typer.stdout, typer.stderr)
    assert err == (
        f"Warning: left out {strays[1]}: its name is not a video id (11 characters of "
        "A-Z, a-z, 0-9, - and _) followed by .json\n"
        f"Warning: left out {strays[0]}: its name is not a video id (11 characters of "
        "A-Z, a-z, 0-9, - and _) followed by .yaml\n"
    )


@pytest.mark.parametrize("stamped", [True, False], ids=["stamp trusted", "every file checked"])
def test_the_warm_search_loads_only_what_it_needs(warm, stamped):
    if not stamped:
        (warm.root / ".aftershock" / "index.stamp").unlink()
    heavy = {"typer", "click", "rich", "yaml", "dataclasses", "pathlib", "typing", "inspect",
             "sqlite3", "datetime", "difflib", "contextlib", "json",
             "aftershock_cli.core.errors", "aftershock_cli.search.reader"}  # fmt: skip
    assert _lean_search_loads(heavy) == []
    assert (warm.root / ".aftershock" / "index.stamp").is_file()


@pytest.mark.parametrize(
    "named",
    ["ws", "./ws", "ws/", "ws/./", "sub/../ws", "/abs//x/./y/", "///x", "/", "", None],
)
def test_the_plain_root_is_the_one_discovery_finds(tmp_path, monkeypatch, named):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AFTERSHOCK_WORKSPACE")
    assert plain_root(named) == str(find_root(named))
    monkeypatch.setenv("AFTERSHOCK_WORKSPACE", named or "elsewhere")
    assert plain_root(None) == str(find_root(None))


@pytest.mark.parametrize("named", ["~", "~/ws", "//host/ws"])
def test_names_only_pathlib_spells_are_left_to_discovery(named):
    assert plain_root(named) is None


def test_a_stamp_keeps_stray_names_as_written(tmp_path):
    path = tmp_path / "stamp"
    odd = "tags/caf\udce9 notes.yaml"  # a name that is not UTF-8 on disk
    stamp = Stamp(5, (1, 2, 3), 4, ("transcripts/a b.json", odd))
    write_stamp(path, stamp)
    assert read_stamp(path) == stamp
    write_stamp(path, Stamp(5, (1, 2, 3), 4, ("tags/two\nlines",)))
    assert not path.exists()  # a name with a line break cannot be listed: no stamp


_JSON_LEAVES = (
    st.text()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
)


@given(
    st.recursive(
        _JSON_LEAVES,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_the_search_s_json_is_what_the_json_module_writes(value):
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=2)
