"""A statement coded with several themes appears under each of them in a note."""

from __future__ import annotations

from pathlib import Path

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace

VID = "mUltiTheme1"


def _talk(workspace_dir: Path) -> None:
    segments = tuple(Segment(i * 5000, 5000, f"Words of line {i}.") for i in range(8))
    Workspace(workspace_dir).save_transcript(
        Transcript(VID, title="Two themes", channel="Lab", segments=segments)
    )


def test_a_statement_with_two_themes_is_under_both_sections(cli, workspace_dir: Path):
    _talk(workspace_dir)
    cli("tag", VID, "0:05-0:10", "cross-silo", "relationships", "--note", "Shared.")
    note = cli("export", VID, "--format", "md").stdout
    shared = 'Shared <a class="yt-timestamp" data-t="00:00:05">[00:00:05]</a>.'
    assert note.split("\n---\n", 1)[1] == (
        "\nFrom: [[lab]] <br/> \n\n"
        "## Public sector innovation and collaboration\n\n"
        f"### Cross-sectoral and cross-silo work\n{shared}\n\n"
        f"### Relationships and feedback loops\n{shared}"
    )
    primary = cli("export", VID, "--format", "md", "--primary-only").stdout
    assert primary.count("Shared") == 1
    assert "Relationships and feedback loops" not in primary


def test_a_tag_section_is_a_heading_under_its_theme(cli, workspace_dir: Path):
    _talk(workspace_dir)
    cli("tag", VID, "0:05-0:10", "cross-silo", "--note", "One.", "--section", "Ministries")
    cli("tag", VID, "0:15-0:20", "cross-silo", "--note", "Two.")
    note = cli("export", VID, "--format", "md").stdout
    assert note.endswith(
        "### Cross-sectoral and cross-silo work\n"
        'Two <a class="yt-timestamp" data-t="00:00:15">[00:00:15]</a>.\n\n'
        "#### Ministries\n"
        'One <a class="yt-timestamp" data-t="00:00:05">[00:00:05]</a>.'
    )
