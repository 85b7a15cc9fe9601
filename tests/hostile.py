"""Helpers for the hostile-input tests: a snapshot of a folder tree, and the shape of a
refusal (exit 1, one ``Error:`` line naming the file, no traceback)."""

from __future__ import annotations

import os
from pathlib import Path


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry under ``folder`` (links not followed): its mode and, for a file, its bytes.
    A workspace's own state (``.aftershock/``: locks, the history undo uses, the record of
    what a vault export wrote) is left out: writing there is the workspace's business."""
    out: dict[str, tuple[int, bytes]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != ".aftershock"]
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
            out[str(path.relative_to(folder))] = (info.st_mode, data)
    return out


def assert_refused(run: object, *names: str) -> str:
    """Assert a run exited 1 with one ``Error:`` line naming each of ``names``; the line."""
    exit_code = getattr(run, "exit_code", None)
    stderr: str = getattr(run, "stderr", "")
    assert exit_code == 1, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]
