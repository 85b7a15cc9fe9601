"""import-note reads headings as themes by their words, maps and creates on request,
takes folders, and never doubles the tags of a note imported twice."""

from __future__ import annotations

import json
from pathlib import Path

from aftershock_cli.tagging.theme_match import ThemeMatcher, words
from aftershock_cli.workspace.folder import Workspace

VID = "hEadingsTk1"
NOTE = """---
title: Lessons from the panel
videoId: hEadingsTk1
---
From: [[civiclab]] <br/>SPACE

## Strengthened Relationships and Feedback Loops

- Ties between ministries grew <a class="yt-timestamp" data-t="00:00:05">[00:00:05]</a>.

## Working in the Open

- Drafts were shared early <a class="yt-timestamp" data-t="00:00:15">[00:00:15]</a>.
"""


def _note(folder: Path, name: str = "panel.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(NOTE.replace("SPACE", " "))
    return path


def _themes(workspace_dir: Path) -> list[tuple[str, ...]]:
    return [t.themes for t in Workspace(workspace_dir).load_tags(VID)]


def test_normalised_words_match_a_theme():
    assert words("Strengthened Relationships and Feedback Loops") == {
        "strengthened",
        "relationship",
        "feedback",
        "loop",
    }
    from aftershock_cli.core.codebook import default_codebook

    matcher = ThemeMatcher(default_codebook())
    assert matcher.slug_for("Strengthened Relationships and Feedback Loops") == "relationships"
    assert matcher.slug_for("Working in the Open") is None
    assert [c.how for c in matcher.choices.values()] == ["words", "none"]


def test_headings_are_read_as_themes_and_the_choice_is_shown(cli, workspace_dir: Path):
    path = _note(workspace_dir)
    result = cli("import-note", str(path))
    assert result.exit_code == 0, result.stderr
    assert (
        f"{path}: read as themes: 'Strengthened Relationships and Feedback Loops' -> "
        "relationships (by its words); 'Working in the Open' -> no theme\n"
    ) in result.stderr
    assert _themes(workspace_dir) == [
        ("lessons-from-the-panel", "relationships"),
        ("lessons-from-the-panel",),
    ]


def test_map_and_create_themes_cover_the_rest(cli, workspace_dir: Path):
    path = _note(workspace_dir)
    mapped = cli("import-note", str(path), "--map", "Working in the Open=experimentation")
    assert "'Working in the Open' -> experimentation (--map)" in mapped.stderr
    assert _themes(workspace_dir)[1] == ("lessons-from-the-panel", "experimentation")
    created = cli("import-note", str(path), "--create-themes", "-f", "json")
    report = json.loads(created.stdout)[0]
    assert report["created_themes"] == ["working-in-the-open"]
    assert {"name": "Working in the Open", "theme": "working-in-the-open", "how": "created"} in (
        report["themes_read"]
    )
    assert _themes(workspace_dir)[1] == ("lessons-from-the-panel", "working-in-the-open")
    theme = Workspace(workspace_dir).codebook().get("working-in-the-open")
    assert (theme.label, theme.parent) == ("Working in the Open", "lessons-from-the-panel")


def test_a_bad_map_is_a_usage_error(cli, workspace_dir: Path):
    result = cli("import-note", str(_note(workspace_dir)), "--map", "no equals sign")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --map 'no equals sign' is not HEADING=THEME; write it as "
        '--map "Strengthened Relationships=relationships"\n',
    )


def test_a_copy_under_another_name_replaces_the_earlier_import(cli, workspace_dir: Path):
    first = _note(workspace_dir, "panel.md")
    second = _note(workspace_dir, "panel copy.md")
    cli("import-note", str(first))
    again = cli("import-note", str(second))
    assert (
        f"Imported {second} ({VID}): 2 statement(s) as tags, replacing 2 of its earlier import\n"
        in (again.stderr)
    )
    assert len(_themes(workspace_dir)) == 2
    kept = cli("import-note", str(first), "--keep")
    assert kept.exit_code == 0
    assert len(_themes(workspace_dir)) == 4


def test_a_folder_imports_every_note_below_it(cli, workspace_dir: Path):
    _note(workspace_dir / "vault" / "a")
    result = cli("import-note", str(workspace_dir / "vault"))
    assert result.exit_code == 0, result.stderr
    assert len(_themes(workspace_dir)) == 2
    empty = workspace_dir / "empty"
    empty.mkdir()
    assert cli("import-note", str(empty)).stderr == (
        f"Error: {empty} holds no .md note; give note files or folders of them\n"
    )
