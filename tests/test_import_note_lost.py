"""Statements whose only times are unreadable or impossible make no tag, and both
``import-note`` and ``check`` say which ones and why."""

from __future__ import annotations

import json
from pathlib import Path

from aftershock_cli.workspace.folder import Workspace

VIDEO = "Lo5tStmt001"


def a(time: str) -> str:
    return f'<a class="yt-timestamp" data-t="{time}">[{time}]</a>'


def write(folder: Path, *statements: str) -> Path:
    head = f"---\ntitle: Lost times\nvideoId: {VIDEO}\n---\n\nFrom: [[civic]] <br/> \n\n## Part\n\n"
    path = folder / "lost.md"
    path.write_text(head + "\n\n".join(statements) + "\n", encoding="utf-8")
    return path


def test_import_says_which_statements_were_not_imported_and_why(cli, workspace_dir, tmp_path):
    path = write(
        tmp_path,
        f"- Silos broke down {a('00:01:02')}.",
        '- Budgets moved <a class="yt-timestamp" data-t="01:41:97">[01:41:97]</a>.',
        "> Staff met weekly [99:99].",
        f"Closing {a('00:02:00')} and {a('01:41:97')}.",
    )
    r = cli("import-note", str(path))
    assert r.exit_code == 0
    assert r.stderr == (
        "Added theme 'lost-times' (Lost times) to the codebook, page [[lost]]\n"
        f"Imported {path} ({VIDEO}): 2 statement(s) as tags\n"
        f'Warning: {path}: 2 statements not imported: "Budgets moved." (line 12): '
        'time 01:41:97 is not a valid time; "Staff met weekly." (line 14): '
        f"time 99:99 is not a valid time; see them with 'aftershock check {path}'\n"
    )
    tags = Workspace(workspace_dir).load_tags(VIDEO)
    assert [(t.start_ms, t.note) for t in tags] == [
        (62000, "Silos broke down."),
        (120000, "Closing."),
    ]


def test_check_reports_the_same_statements(cli, tmp_path):
    path = write(
        tmp_path,
        f"- Silos broke down {a('00:01:02')}.",
        f"- Budgets moved {a('01:41:97')}.",
    )
    r = cli("check", str(path))
    assert r.exit_code == 1
    assert r.stdout == (
        f"{path} (video {VIDEO})\n"
        "  12:1   warning  not-imported: no tag is imported from this statement: "
        "time 01:41:97 is not a valid time\n"
        "  12:17  error    unreadable-time: the time '01:41:97' cannot be read; "
        "write the moment as HH:MM:SS\n"
        "  1 error, 1 warning, 0 info\n"
        "Checked 1 note: 1 error, 1 warning, 0 info\n"
    )


def test_many_lost_statements_are_counted_and_the_first_named(cli, tmp_path):
    path = write(tmp_path, *(f"Point {n} {a(f'00:0{n}:99')}." for n in range(1, 6)))
    r = cli("import-note", str(path), "--format", "json")
    assert r.stderr.splitlines()[-1] == (
        f'Warning: {path}: 5 statements not imported: "Point 1." (line 10): '
        'time 00:01:99 is not a valid time; "Point 2." (line 12): time 00:02:99 is not a '
        'valid time; "Point 3." (line 14): time 00:03:99 is not a valid time; and 2 more; '
        f"see them with 'aftershock check {path}'"
    )
    (report,) = json.loads(r.stdout)
    assert report["tags"] == 0
    assert report["not_imported"][4] == {
        "line": 18,
        "words": "Point 5.",
        "reasons": ["time 00:05:99 is not a valid time"],
    }


def test_a_statement_with_one_good_time_is_imported_without_a_word(cli, tmp_path):
    path = write(tmp_path, f"Mixed {a('00:01:00')} and {a('00:01:99')}.")
    r = cli("import-note", str(path))
    assert r.stderr.splitlines()[-1] == f"Imported {path} ({VIDEO}): 1 statement(s) as tags"


def test_a_statement_with_many_impossible_times_names_two_and_counts_the_rest():
    from aftershock_cli.notes.statements import LostStatement

    lost = LostStatement(
        12, 0, "Budgets moved.", tuple(f"time 99:{i:02d} is bad" for i in range(5))
    )
    assert lost.describe() == (
        '"Budgets moved." (line 12): time 99:00 is bad, time 99:01 is bad (and 3 more)'
    )
