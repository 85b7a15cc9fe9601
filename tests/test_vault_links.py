"""export --vault --link-style: theme pages link each statement to its moment; Synthesis.md."""

from __future__ import annotations

import json
from pathlib import Path

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

DEMO = Path(__file__).resolve().parent.parent / "src" / "aftershock_cli" / "data" / "demo"


def _two_talks(workspace_dir: Path, media: str = "") -> Workspace:
    ws = Workspace(workspace_dir)
    for video_id, title, date in (
        ("lInkTalk001", "Later talk", "2026-06-01"),
        ("lInkTalk002", "Earlier talk", "2026-02-01"),
    ):
        segments = (Segment(0, 10_000, "Silos fell."), Segment(70_000, 10_000, "Silos again."))
        ws.save_transcript(
            Transcript(
                video_id,
                title,
                channel_handle="chan",
                segments=segments,
                upload_date=date,
                media=media if video_id == "lInkTalk002" else "",
            )
        )
        with ws.editing_tags(video_id) as tf:
            tf.tags += [
                Tag("a" + video_id[-3:], video_id, 0, 10_000, ("cross-silo",), note="Silos fell."),
                Tag("b" + video_id[-3:], video_id, 70_000, 80_000, ("cross-silo",)),
            ]
    return ws


THEME_HEAD = (
    "---\naliases:\n- Cross-sectoral and cross-silo work\n- cross-silo\n---\n\n"
    "# Cross-sectoral and cross-silo work\n\n"
    "Working across departments, levels of government and sectors; silos breaking down; "
    "joined-up thinking.\n\n"
    "Part of [[Public sector innovation and collaboration]]\n\n"
)
THEME_PAGE = "themes/Intergovernmental and crosssectoral collaboration.md"


def test_block_links_go_to_the_statement_in_its_note(cli, workspace_dir, tmp_path):
    _two_talks(workspace_dir)
    vault = tmp_path / "vault"
    result = cli("export", "--all", "--vault", str(vault), "--link-style", "block")
    assert result.exit_code == 0, result.stderr
    assert (vault / THEME_PAGE).read_text() == THEME_HEAD + (
        "## [[earlier_talk | Earlier talk]] (2026-02-01)\n\n"
        "- Silos fell [[earlier_talk#^a002 | 00:00:00]].\n"
        "- Silos again [[earlier_talk#^b002 | 00:01:10]].\n\n"
        "## [[later_talk | Later talk]] (2026-06-01)\n\n"
        "- Silos fell [[later_talk#^a001 | 00:00:00]].\n"
        "- Silos again [[later_talk#^b001 | 00:01:10]].\n"
    )
    note = (vault / "chan" / "earlier_talk.md").read_text()
    assert 'Silos fell <a class="yt-timestamp" data-t="00:00:00">[00:00:00]</a>. ^a002\n' in note
    assert note.endswith(
        'Silos again <a class="yt-timestamp" data-t="00:01:10">[00:01:10]</a>. ^b002'
    )
    again = cli("export", "--all", "--vault", str(vault), "--link-style", "block")
    assert again.stderr == f"Wrote the vault in {vault}: 0 file(s) written, 12 unchanged\n"


def test_a_vault_note_with_block_ids_imports_without_them(cli, workspace_dir, tmp_path):
    _two_talks(workspace_dir)
    vault = tmp_path / "vault"
    cli("export", "--all", "--vault", str(vault), "--link-style", "block")
    other = tmp_path / "other"
    assert cli("init", str(other)).exit_code == 0
    result = cli("-w", str(other), "import-note", str(vault / "chan" / "earlier_talk.md"))
    assert result.exit_code == 0, result.stderr
    notes = [t.note for t in Workspace(other).load_tags("lInkTalk002")]
    assert notes == ["Silos fell.", "Silos again."]  # the block ids are not words
    exported = cli("-w", str(other), "export", "lInkTalk002").stdout
    assert exported == (vault / "chan" / "earlier_talk.md").read_text()


def test_video_links_open_youtube_or_the_local_recording(cli, workspace_dir, tmp_path):
    (workspace_dir / "talk.mp4").write_bytes(b"")
    _two_talks(workspace_dir, media="talk.mp4")
    vault = tmp_path / "vault"
    assert cli("export", "--all", "--vault", str(vault)).exit_code == 0
    local = (workspace_dir / "talk.mp4").resolve().as_uri()
    assert (vault / THEME_PAGE).read_text() == THEME_HEAD + (
        "## [[earlier_talk | Earlier talk]] (2026-02-01)\n\n"
        f"- Silos fell [00:00:00](<{local}#t=0>).\n"
        f"- Silos again [00:01:10](<{local}#t=70>).\n\n"
        "## [[later_talk | Later talk]] (2026-06-01)\n\n"
        "- Silos fell [00:00:00](https://www.youtube.com/watch?v=lInkTalk001&t=0s).\n"
        "- Silos again [00:01:10](https://www.youtube.com/watch?v=lInkTalk001&t=70s).\n"
    )


def test_the_vault_has_a_synthesis_page_linked_to_its_notes(cli, workspace_dir, tmp_path):
    _two_talks(workspace_dir)
    vault = tmp_path / "vault"
    cli("export", "--all", "--vault", str(vault), "--link-style", "block")
    page = (vault / "Synthesis.md").read_text()
    section = page.split("## [[Intergovernmental and crosssectoral collaboration | ")[1]
    assert section.split("\n\n## ")[0] == (
        "Cross-sectoral and cross-silo work]]\n\n"
        "Raised in 2 of 2 talks, 0.7 minutes in all; first on 2026-02-01 in "
        "[[earlier_talk | Earlier talk]], last on 2026-06-01 in [[later_talk | Later talk]].\n\n"
        "In each talk, by date:\n\n"
        "- 2026-02-01, [[earlier_talk | Earlier talk]]: 2 tags, 0.3 min (25% of the talk)\n"
        "- 2026-06-01, [[later_talk | Later talk]]: 2 tags, 0.3 min (25% of the talk)\n\n"
        "Strongest in:\n\n"
        "- [[earlier_talk | Earlier talk]] (0.3 min), at [[earlier_talk#^a002 | 00:00:00]]:\n"
        "  > Silos fell.\n"
        "- [[later_talk | Later talk]] (0.3 min), at [[later_talk#^a001 | 00:00:00]]:\n"
        "  > Silos fell."
    )


def test_video_and_block_styles_need_a_vault(cli, workspace_dir):
    _two_talks(workspace_dir)
    result = cli("export", "lInkTalk001", "--link-style", "block")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --link-style block links a vault's theme pages; use it with --vault DIR\n"
    )


def test_series_sync_reads_a_listing_file_offline(cli, workspace_dir):
    for caption in sorted(DEMO.glob("*.en.vtt")):
        assert cli("fetch", "--file", str(caption)).exit_code == 0
    url = "https://www.youtube.com/playlist?list=PLaftershockDemoTalks0000000000001"
    assert cli("series", "add", "talks", url).exit_code == 0
    listing = str(DEMO / "series.json")
    refused = cli("series", "sync", "--from-file", listing)
    assert refused.exit_code == 2
    assert refused.stderr.endswith(
        "Error: --from-file holds the listing of one series; name that series\n"
    )
    result = cli("series", "sync", "talks", "--from-file", listing, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "[]\n"
    assert result.stderr == "talks: nothing new (4 listed, all in the workspace)\n"
    rows = json.loads(cli("videos", "--series", "talks", "-f", "json").stdout)
    assert [(r["video_id"], r["upload_date"]) for r in rows] == [
        ("aftershock1", "2026-09-17"),
        ("aftershock2", "2026-10-08"),
        ("aftershock3", "2026-10-29"),
        ("t8dJdL0Wyw8", None),
    ]
