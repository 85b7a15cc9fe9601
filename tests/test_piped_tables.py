"""Tables sent to a pipe or a file: one line per row, no trailing spaces, the same
bytes from the lean search path as from Typer's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from aftershock_cli.cli import _common, search_view
from aftershock_cli.cli._out import UNWRAPPED, laid_out
from aftershock_cli.cli._table import print_table
from aftershock_cli.cli.app import app
from aftershock_cli.cli.launch import lean
from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.search.hits import MARK_END, MARK_START, Hit
from aftershock_cli.workspace.folder import Workspace

VIDEO = "t8dJdL0Wyw8"
LONG = (
    "Partners built a feedback loop with citizens, and the loop outlived the crisis that "
    "made it, which nobody in the room had expected when the first meeting was called."
)


@pytest.fixture
def ws(cli, workspace_dir: Path, monkeypatch) -> Workspace:
    ws = Workspace(workspace_dir)
    ws.save_transcript(
        Transcript(
            VIDEO,
            title="Government Aftershock: a panel with a long enough title",
            duration_ms=60_000,
            segments=(Segment(0, 5000, "Silos broke down."), Segment(5000, 9000, LONG)),
        )
    )
    assert cli("index").exit_code == 0
    monkeypatch.delenv("COLUMNS", raising=False)
    return ws


def _typer(*argv: str) -> str:
    _common.reset_consoles()
    return CliRunner().invoke(app, list(argv)).stdout


def test_a_piped_search_keeps_each_hit_on_one_line(ws, capsys):
    out = _typer("search", "feedback")
    assert out == (
        "Video                                                    Time  Themes  Text\n"
        "Government Aftershock: a panel with a long enough title  0:05          Partners built a "
        "feedback loop with citizens, and the loop outlived the crisis that made it…\n"
    )
    capsys.readouterr()
    assert lean(["search", "feedback"]) == 0
    assert capsys.readouterr().out == out


def test_a_piped_table_has_no_trailing_spaces(ws):
    lines = _typer("videos").splitlines()
    assert len(lines) == 3  # header, rule, one video
    assert all(line == line.rstrip() for line in _typer("search", "silos OR feedback").splitlines())


# No backslash: Rich's escape doubles a trailing one, which Rich then prints doubled.
# No combining marks, modifiers or format characters: alone in a cell, Rich drops
# some of them (a lone skin-tone modifier), where the text is kept as it is here.
cells = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Sk", "Mn", "Mc", "Me"),
        blacklist_characters="\\",
    ),
    max_size=12,
).filter(lambda t: t == t.strip())


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(cells.filter(bool), min_size=n, max_size=n),
            st.lists(st.lists(cells, min_size=n, max_size=n), max_size=5),
            st.lists(st.booleans(), min_size=n, max_size=n),
        )
    )
)
def test_tables_laid_out_for_a_pipe_are_what_rich_prints(table):
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    header, rows, right = table
    wide = Table(box=None, show_edge=False, pad_edge=False)
    for name, flush in zip(header, right, strict=True):
        wide.add_column(escape(name), justify="right" if flush else "left", overflow="fold")
    for row in rows:
        wide.add_row(*map(escape, row))
    console = Console(width=100_000, file=io.StringIO(), highlight=False, soft_wrap=True)
    with console.capture() as captured:
        console.print(wide)
    expected = "".join(line.rstrip() + "\n" for line in captured.get().splitlines())
    assert laid_out(header, rows, right) == expected


ONE_CELL = [chr(c) for c in range(0x2100) if search_view._ONE_CELL_EACH.fullmatch(chr(c))]


def _hit(title: str, snippet: str, themes: tuple[str, ...], kind: str, speaker: str) -> Hit:
    return Hit("AbCdEfGhIj0", title, kind, 61_000, 62_000, snippet, themes, "k3y", -1.5, speaker)


def _drawn_by_rich(hits: list[Hit]) -> str:
    console = Console(width=UNWRAPPED, file=io.StringIO(), highlight=False, soft_wrap=True)
    search_view.print_hits(hits, console)
    out = console.file.getvalue()
    assert isinstance(out, str)
    return out


def test_every_character_a_plain_hit_table_takes_prints_as_rich_prints_it():
    assert len(ONE_CELL) == 95 + 13 + 210 + 24 + 47
    hits = [
        _hit(f"T{c}", f"a {MARK_START}{c}{MARK_END}{c}", (f"x{c}",), kind, c if n % 3 else "")
        for n, c in enumerate(ONE_CELL)
        for kind in ("transcript", "note")
    ]
    assert search_view.plain_table(hits) == _drawn_by_rich(hits)


SOME_TEXT = st.text(alphabet=st.sampled_from([*"ab [/]\\:*", "é", "’", "—", "…"]), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            _hit,
            SOME_TEXT,
            st.builds(lambda a, b: f"{a}{MARK_START}{b}{MARK_END}", SOME_TEXT, SOME_TEXT),
            st.lists(SOME_TEXT, max_size=2).map(tuple),
            st.sampled_from(["transcript", "note"]),
            SOME_TEXT,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_plain_hit_tables_are_what_rich_prints(hits):
    assert search_view.plain_table(hits) == _drawn_by_rich(hits)


@pytest.mark.parametrize("odd", ["中文", "tab\there", "two\nlines", "\u200b", "e\u0301"])
def test_a_hit_with_other_characters_is_drawn_by_rich(odd):
    assert search_view.plain_table([_hit("Talk", f"a {odd}", (), "transcript", "")]) is None


def test_a_terminal_table_prints_backslashes_and_brackets_as_they_are(monkeypatch):
    console = Console(file=io.StringIO(), force_terminal=True, width=60, color_system=None)
    monkeypatch.setitem(_common._consoles, "out", console)
    print_table(["theme", "count"], [["C:\\path\\", 3], ["two\\\\", 12], ["[bold]x[/]", 1]])
    assert console.file.getvalue() == (
        "theme       count\nC:\\path\\        3\ntwo\\\\          12\n[bold]x[/]      1\n"
    )
