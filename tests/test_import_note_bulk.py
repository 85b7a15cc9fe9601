"""import-note at scale: many notes in one run, invalid ones skipped on request, the
writes batched (and still undone as one change, under each file's lock)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aftershock_cli.core.model import Codebook, Theme
from aftershock_cli.ingest.note_import import import_notes
from aftershock_cli.tagging.theme_match import ThemeMatcher, ThemeWords
from aftershock_cli.workspace import history
from aftershock_cli.workspace.folder import Workspace
from note_files import INDEX_PAGE, small_notes

FIXTURES = Path(__file__).parent / "fixtures" / "notes"
CIVIC = FIXTURES / "libraries_as_civic_infrastructure.md"
MEASURING = FIXTURES / "measuring_what_libraries_do.md"


def test_an_index_page_stops_the_import_by_default(cli, workspace_dir, tmp_path):
    bad = tmp_path / "index.md"
    bad.write_text(INDEX_PAGE, encoding="utf-8")
    r = cli("import-note", str(CIVIC), str(bad))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {bad}: has no videoId in its front matter; add 'videoId: <11-character "
        "YouTube id>'; nothing was imported (--skip-invalid imports the other notes)\n"
    )
    assert not (workspace_dir / "tags").exists() or not any((workspace_dir / "tags").iterdir())


def test_skip_invalid_imports_the_rest_and_lists_what_it_skipped(cli, workspace_dir, tmp_path):
    bad = tmp_path / "index.md"
    bad.write_text(INDEX_PAGE, encoding="utf-8")
    r = cli("import-note", str(CIVIC), str(bad), str(MEASURING), "--skip-invalid", "-f", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [Path(n["file"]).name for n in data["imported"]] == [CIVIC.name, MEASURING.name]
    assert data["skipped"] == [
        {
            "file": str(bad),
            "reason": f"{bad}: has no videoId in its front matter; "
            "add 'videoId: <11-character YouTube id>'",
        }
    ]
    lines = r.stderr.splitlines()
    assert lines[-2:] == [
        f"Warning: skipped {bad}: has no videoId in its front matter; "
        "add 'videoId: <11-character YouTube id>'",
        "Imported 2 note(s), skipped 1",
    ]
    assert len(Workspace(workspace_dir).load_tags("Zq3xA9bC1dE")) > 0


def test_skip_invalid_without_json_keeps_the_plain_listing(cli, workspace_dir, tmp_path):
    r = cli("import-note", str(CIVIC), "--skip-invalid", "-f", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["skipped"] == []
    assert "skipped" not in r.stderr


def test_many_notes_are_written_in_batches_and_undone_as_one(cli, workspace_dir, tmp_path):
    paths = small_notes(tmp_path / "notes", 12)
    ws = Workspace(workspace_dir)
    before = ws.config_path.read_bytes()
    # batches of 5 files: 25 files (tags, transcripts, the codebook) make several
    with history.change("import-note notes"), ws.writing_together(per_batch=5):
        reports = import_notes(ws, paths)
    assert [r.tags for r in reports] == [1] * 12
    assert len(ws.tagged_video_ids()) == 12
    assert len(ws.transcript_ids()) == 12
    assert {f"talk-number-{n}" for n in range(12)} <= {t.slug for t in ws.codebook()}
    assert not list(workspace_dir.rglob("*.tmp"))
    r = cli("undo")
    assert r.exit_code == 0
    assert ws.tagged_video_ids() == [] and ws.transcript_ids() == []
    assert ws.config_path.read_bytes() == before


def test_a_batch_holds_each_files_lock_until_it_is_written(workspace_dir):
    taken: list[str] = []
    released: list[str] = []

    @contextmanager
    def watched(path: Path) -> Iterator[None]:
        taken.append(path.stem)
        yield
        released.append(path.stem)

    ws = Workspace(workspace_dir, file_lock=watched)
    with ws.writing_together(per_batch=2):
        with ws.editing_tags("aaaaaaaaaaa") as tags:
            tags.layouts.append({"name": "a.md"})
        assert released == []  # kept until the batch is written
        assert not ws.tags_path("aaaaaaaaaaa").exists()
        with ws.editing_tags("bbbbbbbbbbb") as tags:
            tags.layouts.append({"name": "b.md"})
        assert sorted(released) == ["tags-aaaaaaaaaaa", "tags-bbbbbbbbbbb"]  # two: written
        assert ws.tags_path("aaaaaaaaaaa").exists()
        with ws.editing_tags("aaaaaaaaaaa") as tags:
            tags.layouts.append({"name": "c.md"})
    assert [d["name"] for d in ws.load_tagfile("aaaaaaaaaaa").layouts] == ["a.md", "c.md"]
    assert taken == ["tags-aaaaaaaaaaa", "tags-bbbbbbbbbbb", "tags-aaaaaaaaaaa"]


def test_an_edit_of_a_staged_file_writes_the_batch_first(workspace_dir):
    ws = Workspace(workspace_dir)
    with ws.writing_together():
        with ws.editing_tags("aaaaaaaaaaa") as tags:
            tags.layouts.append({"name": "a.md"})
        with ws.editing_tags("aaaaaaaaaaa") as tags:
            assert [d["name"] for d in tags.layouts] == ["a.md"]
            tags.layouts.append({"name": "b.md"})
    assert [d["name"] for d in ws.load_tagfile("aaaaaaaaaaa").layouts] == ["a.md", "b.md"]


def test_codebook_lookups_follow_themes_added_one_at_a_time():
    book = Codebook((Theme("a", "Alpha", page="Alpha page"),))
    assert book.find("ALPHA PAGE") is not None
    grown = book.with_theme(Theme("b", "Beta")).with_theme(Theme("c", "Gamma", page="alpha"))
    assert grown.find("beta") == Theme("b", "Beta")
    assert grown.find("alpha").slug == "a"  # the first theme of a name keeps it
    assert "c" in grown and "c" not in book
    assert book.find("beta") is None  # the codebook it grew from still answers alone
    assert grown.get("c").label == "Gamma"
    replaced = grown.with_theme(Theme("b", "Bravo"))
    assert replaced.find("bravo").slug == "b" and replaced.find("beta") is None


def test_a_shared_word_index_matches_as_a_fresh_one():
    themes = [
        Theme("relationships", "Relationships and feedback loops"),
        Theme("feedback-budgets", "Feedback on budgets of local councils today"),
        Theme("local", "Local engagement"),
    ]
    names = ["Strengthened relationships and feedback loops", "local engagement work", "budgets"]
    shared = ThemeWords(themes[:1])
    book = Codebook(tuple(themes[:1]))
    for theme in themes[1:]:
        shared.add(theme)
        book = book.with_theme(theme)
    fresh = ThemeMatcher(book)
    indexed = ThemeMatcher(book, index=shared)
    assert [indexed.slug_for(n) for n in names] == [fresh.slug_for(n) for n in names]
    assert [fresh.slug_for(n) for n in names] == ["relationships", "local", None]
