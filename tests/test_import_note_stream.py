"""import-note in passes: what it writes is the same byte for byte as before, a note or a
workspace file that cannot be read stops it with nothing written, however far it got,
and the progress it reports covers every pass."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.ingest.note_import import import_notes
from aftershock_cli.workspace import history
from aftershock_cli.workspace.folder import Workspace
from hostile import snapshot
from note_files import INDEX_PAGE, small_notes

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "import_golden"
"""What import-note wrote for ``golden_notes`` before it was split into passes and
before tag files were written without PyYAML's representer (timestamps as ``STAMP``)."""
STAMP = "2026-11-29T17:00:00Z"

TRICKY = """---
title: "Quotes: 'single', \\"double\\" and # hashes"
videoId: Tr1cky_-Id9
---

From: [[Some channel | The Channel]] <br/>

# Ünïcödé, emoji 😀 and odd characters

- A statement with "quotes", 'apostrophes', a tab\there and a colon: here <a class="yt-timestamp" data-t="00:00:05">[00:00:05]</a>.
- yes <a class="yt-timestamp" data-t="00:00:07">[00:00:07]</a>
- {braces} and [brackets] with a very long line of words that goes on and on past the width of one hundred characters where libyaml folds <a class="yt-timestamp" data-t="00:00:09">[00:00:09]</a>

> [!note] A callout
> cited <a class="yt-timestamp" data-t="00:01:00">[00:01:00]</a> inside   with  spaces\u2028and a separator

Trailing spaces after the statement <a class="yt-timestamp" data-t="00:01:30">[00:01:30]</a>"""
TRICKY += "   \n"
SECOND = """---
title: Measuring what libraries do
videoId: Tr1cky_-Id9
---

A second note of the same video <a class="yt-timestamp" data-t="00:02:00">[00:02:00]</a>.
"""


def golden_notes(folder: Path) -> list[Path]:
    """The notes of the golden import: the fixture notes, notes with characters that
    YAML quotes or escapes, and two notes of one video."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in sorted((FIXTURES / "notes").glob("*.md")):
        paths.append(Path(shutil.copy(source, folder / source.name)))
    for name, text in (("tricky.md", TRICKY), ("same_video.md", SECOND)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


class CountingIds(Workspace):
    """Tag ids counted up, so that the files written can be compared byte for byte."""

    count = 0

    def new_tag_id(self, video_id: str, taken: set[str] | None = None) -> str:
        self.count += 1
        return f"id{self.count:06d}"


def written(root: Path) -> dict[str, str]:
    """The workspace's settings, transcripts and tag files, their timestamps (and the
    workspace's random id) as STAMP."""
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|(?<=workspace_id: )\S+")
    files = [root / "aftershock.yaml", *sorted((root / "tags").iterdir())]
    files += sorted((root / "transcripts").iterdir())
    return {
        str(p.relative_to(root)): stamp.sub(STAMP, p.read_text(encoding="utf-8")) for p in files
    }


def test_the_files_written_are_byte_for_byte_those_written_before(workspace_dir, tmp_path):
    ws = CountingIds(workspace_dir)
    with history.change("import-note"):
        reports = import_notes(ws, golden_notes(tmp_path / "notes"), "ana")
    assert [r.tags for r in reports] == [8, 5, 5, 1]
    expected = {
        str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert written(workspace_dir) == expected


def test_one_invalid_note_late_in_a_large_batch_writes_nothing(cli, workspace_dir, tmp_path):
    paths = small_notes(tmp_path / "notes", 300)
    bad = paths[250]
    bad.write_text(INDEX_PAGE, encoding="utf-8")
    before = snapshot(workspace_dir)
    r = cli("import-note", str(tmp_path / "notes"))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {bad}: has no videoId in its front matter; add 'videoId: <11-character "
        "YouTube id>'; nothing was imported (--skip-invalid imports the other notes)\n"
    )
    assert snapshot(workspace_dir) == before


def test_a_broken_tag_file_met_after_many_notes_were_built_writes_nothing(
    cli, workspace_dir, tmp_path
):
    small_notes(tmp_path / "notes", 300)
    broken = workspace_dir / "tags" / "vid00000280.yaml"
    broken.write_text("version: 1\ntags: [\n", encoding="utf-8")
    before = snapshot(workspace_dir)
    r = cli("import-note", str(tmp_path / "notes"), "--skip-invalid")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {broken}:3: invalid YAML (did not find expected node content); "
        "fix the file by hand (it was left unchanged) and try again\n"
    )
    assert snapshot(workspace_dir) == before
    assert not list((workspace_dir / ".aftershock").glob("import-*"))


def test_progress_is_told_once_per_note_in_each_pass_in_order(workspace_dir, tmp_path):
    paths = small_notes(tmp_path / "notes", 5)
    bad = tmp_path / "index.md"
    bad.write_text(INDEX_PAGE, encoding="utf-8")
    phases: list[str] = []
    skipped: list = []
    import_notes(
        Workspace(workspace_dir),
        [*paths[:2], bad, *paths[2:]],
        skipped=skipped,
        on_progress=phases.append,
    )
    assert len(skipped) == 1
    assert (
        phases
        == ["check"] * 2
        + ["build", "write", "check"]
        + ["check"] * 3
        + ["build"] * 5
        + ["write"] * 5
    )


def test_a_note_changed_between_the_passes_stops_the_import(workspace_dir, tmp_path):
    paths = small_notes(tmp_path / "notes", 3)
    ws = Workspace(workspace_dir)
    before = snapshot(workspace_dir)

    def change_the_last(phase: str) -> None:
        if phase == "build":  # the first note is built: the last one was checked
            paths[2].write_text(paths[2].read_text().replace("vid00000002", "vid00000099"))

    with pytest.raises(InvalidInputError) as caught:
        import_notes(ws, paths, on_progress=change_the_last)
    assert str(caught.value) == (
        f"{paths[2]}: its videoId changed from vid00000002 to vid00000099 while it was "
        "being imported; nothing was imported, so import it again"
    )
    assert snapshot(workspace_dir) == before


def test_the_json_listing_is_echo_jsons_text_written_one_note_at_a_time(
    cli, workspace_dir, tmp_path
):
    paths = golden_notes(tmp_path / "notes")
    bad = tmp_path / "notes" / "index.md"
    bad.write_text(INDEX_PAGE, encoding="utf-8")
    r = cli("import-note", *map(str, paths), "-f", "json")
    assert r.exit_code == 0
    assert r.stdout == json.dumps(json.loads(r.stdout), ensure_ascii=False, indent=2) + "\n"
    assert [Path(n["file"]).name for n in json.loads(r.stdout)] == [p.name for p in paths]
    r = cli("import-note", str(tmp_path / "notes"), "--skip-invalid", "-f", "json")
    data = json.loads(r.stdout)
    assert r.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert [Path(n["file"]) for n in data["skipped"]] == [bad]
    assert len(data["imported"]) == 4
    r = cli("import-note", str(bad), "--skip-invalid", "-f", "json")
    assert (
        r.stdout
        == '{\n  "imported": [],\n  "skipped": [\n    {\n      "file": '
        + json.dumps(str(bad))
        + ',\n      "reason": '
        + json.dumps(json.loads(r.stdout)["skipped"][0]["reason"])
        + "\n    }\n  ]\n}\n"
    )
