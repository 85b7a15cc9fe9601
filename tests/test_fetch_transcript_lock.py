"""A transcript is checked and written under its lock, so concurrent fetches and imports keep it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aftershock_cli.cli.hints import render_hint
from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.core.schema import transcript_to_dict
from aftershock_cli.files import fsutil
from aftershock_cli.ingest.fetch import store
from aftershock_cli.refi.qdpx_import import import_qdpx
from aftershock_cli.workspace.folder import Workspace

VID = "t8dJdL0Wyw8"
FULL = Transcript(VID, title="Panel", segments=(Segment(0, 5000, "Welcome to the panel."),))


def _race(root: Path, run: Callable[[Workspace], Any], meanwhile: Transcript) -> Any:
    """Run ``run(ws)`` in a thread; once it waits for the transcript's lock (held here), save
    ``meanwhile`` as another process would, then let ``run`` go on. Returns what it returned."""
    asked = threading.Event()

    def watched(path: Path) -> Any:
        if path.name == f"transcript-{VID}.lock" and threading.current_thread() is not main:
            asked.set()
        return fsutil.file_lock(path)

    main = threading.current_thread()
    ws = Workspace(root, file_lock=watched)
    result: list[Any] = []
    with ws.lock(f"transcript-{VID}"):
        worker = threading.Thread(target=lambda: result.append(run(ws)))
        worker.start()
        assert asked.wait(10)
        fsutil.atomic_write_text(
            ws.transcript_path(VID), fsutil.dump_json(transcript_to_dict(meanwhile))
        )
    worker.join(10)
    assert not worker.is_alive()
    return result[0]


def test_an_import_does_not_overwrite_a_transcript_fetched_meanwhile(
    cli, workspace_dir: Path, tmp_path: Path
):
    ws = Workspace(workspace_dir)
    ws.save_transcript(Transcript(VID, title="Panel", channel="Aftershock"))  # metadata only
    with ws.editing_tags(VID) as tagfile:
        tagfile.tags.append(Tag("tag00001", VID, 0, 5000, ("cross-silo",), note="Silos."))
    out = tmp_path / "study.qdpx"
    assert cli("export", VID, "--format", "qdpx", "-o", str(out)).exit_code == 0
    other = Workspace.init(tmp_path / "other")
    report = _race(other.root, lambda ws: import_qdpx(ws, out), FULL)
    assert report[-2:] == [
        f"{VID}: kept the transcript already in the workspace",
        f"{VID}: 1 tag added",
    ]
    assert other.load_transcript(VID) == FULL


def test_a_fetch_keeps_metadata_saved_meanwhile(workspace_dir: Path):
    ws = Workspace(workspace_dir)
    fetched = Transcript(VID, segments=FULL.segments, language_code="en")
    stub = Transcript(VID, title="Panel", channel="Aftershock")
    outcome = _race(ws.root, lambda ws: store(ws, fetched, refresh=False), stub)
    assert (outcome.status, outcome.detail) == ("fetched", '"Panel" (en, manual, 1 segments, 5s)')
    stored = ws.load_transcript(VID)
    assert (stored.title, stored.channel, stored.segments) == ("Panel", "Aftershock", FULL.segments)


def test_a_fetch_skips_a_transcript_stored_meanwhile(workspace_dir: Path):
    ws = Workspace(workspace_dir)
    fetched = Transcript(VID, segments=(Segment(0, 1000, "Other words."),))
    outcome = _race(ws.root, lambda ws: store(ws, fetched, refresh=False), FULL)
    assert (outcome.status, render_hint(outcome.detail, outcome.hint)) == (
        "skipped",
        "already in the workspace (use --refresh to replace it)",
    )
    assert ws.load_transcript(VID) == FULL
