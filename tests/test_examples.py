"""The example workspace in examples/ stays consistent with what aftershock writes."""

from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "government-aftershock"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".aftershock"))
    return target


def test_the_example_note_is_what_export_writes(cli, tmp_path: Path):
    ws = _copy(tmp_path)
    result = cli("-w", str(ws), "export", "t8dJdL0Wyw8", "--format", "md", "--coder", "analyst")
    assert result.exit_code == 0, result.stderr
    note = EXAMPLE / "notes" / "government_aftershock_closing_session.md"
    assert result.stdout == note.read_text(encoding="utf-8")


def test_the_example_vault_is_up_to_date(cli, tmp_path: Path):
    ws = _copy(tmp_path)
    result = cli(
        "-w", str(ws), "export", "--all", "--vault", str(ws / "vault"), "--coder", "analyst"
    )
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr
        == "Wrote the vault in " + str(ws / "vault") + ": 0 file(s) written, 15 unchanged\n"
    )
