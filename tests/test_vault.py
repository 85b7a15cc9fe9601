"""export --vault: notes by channel, channel and theme pages, no dangling links."""

from __future__ import annotations

from pathlib import Path

from aftershock_cli.export import ExportOptions
from aftershock_cli.export.vault import write_vault
from aftershock_cli.notes.note import parse_note
from aftershock_cli.workspace.folder import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "notes"
CIVIC = FIXTURES / "libraries_as_civic_infrastructure.md"
MEASURING = FIXTURES / "measuring_what_libraries_do.md"
VIDEO = "Zq3xA9bC1dE"


def read_all(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


def test_vault_has_channel_theme_and_note_pages_and_no_dangling_links(cli, tmp_path):
    assert cli("import-note", str(CIVIC), str(MEASURING)).exit_code == 0
    vault = tmp_path / "vault"
    r = cli("export", VIDEO, "--vault", str(vault), "--by", "theme")
    assert r.exit_code == 0
    files = read_all(vault)
    assert files["citylabtalks/libraries_as_civic_infrastructure.md"] == CIVIC.read_bytes()
    assert files["citylabtalks/measuring_what_libraries_do.md"] == MEASURING.read_bytes()
    assert "citylabtalks/citylabtalks.md" in files
    assert "themes/Human-centred design in public services.md" in files
    names = {Path(name).stem for name in files}
    for name, data in files.items():
        for link in parse_note(data.decode("utf-8")).links:
            assert link.target.split("#")[0].strip() in names, (name, link.raw)


def test_theme_page_gathers_statements_by_video_with_links_back(cli, workspace_dir, tmp_path):
    cli("import-note", str(CIVIC))
    vault = tmp_path / "vault"
    cli("export", VIDEO, "--vault", str(vault))
    page = (vault / "themes" / "Human-centred design in public services.md").read_text()
    imported = Workspace(workspace_dir).load_transcript(VIDEO).fetched_at[:10]  # the talk's date
    assert page == (
        "---\naliases:\n- Human-centred design\n- human-centred\n---\n\n"
        "# Human-centred design\n\n"
        "Services designed around people; rights, privacy and inclusion in digital government.\n\n"
        "Part of [[Public sector innovation and collaboration]]\n\n"
        "## [[libraries_as_civic_infrastructure | Libraries as civic infrastructure]] "
        f"({imported})\n\n"
        "- Staff redesigned the card sign-up after watching people give up halfway through it. "
        "The new form asks four questions instead of fourteen "
        f"[00:11:20](https://www.youtube.com/watch?v={VIDEO}&t=680s).\n"
    )
    channel = (vault / "citylabtalks" / "citylabtalks.md").read_text()
    assert channel.startswith(
        "# citylabtalks\n\n- [[libraries_as_civic_infrastructure | Libraries as civic "
        "infrastructure]]: [[libraries_as_civic_infrastructure | Libraries as civic "
        "infrastructure]], [[Local engagement and institutional diversity]]"
    )


def test_a_vault_written_twice_is_identical(workspace_dir, tmp_path):
    cli_ws = Workspace(workspace_dir)
    from aftershock_cli.ingest.note_import import import_notes

    import_notes(cli_ws, [CIVIC, MEASURING])
    vault = tmp_path / "vault"
    first = write_vault(cli_ws, [VIDEO], vault, ExportOptions())
    before = read_all(vault)
    second = write_vault(cli_ws, [VIDEO], vault, ExportOptions())
    assert (second.written, second.unchanged) == (0, first.written)
    assert read_all(vault) == before


def test_a_link_to_a_theme_label_opens_the_theme_page_not_a_stub(cli, workspace_dir, tmp_path):
    note = workspace_dir / "n.md"
    note.write_text(
        "---\ntitle: T\nvideoId: abcdefghijk\n---\n\nFrom: [[c]] <br/> \n\n"
        '- See [[Relationships and feedback loops]] <a class="yt-timestamp" '
        'data-t="00:09:51">[00:09:51]</a>.\n'
    )
    assert cli("import-note", str(note)).exit_code == 0
    vault = tmp_path / "vault"
    assert cli("export", "--all", "--vault", str(vault)).exit_code == 0
    assert not (vault / "pages" / "Relationships and feedback loops.md").exists()
    page = vault / "themes" / "Relationships and feedback loops in government.md"
    assert page.read_text().startswith(
        "---\naliases:\n- Relationships and feedback loops\n- relationships\n---\n"
    )


LONG_TITLE = "What/Why: is it? " + "very long " * 40
LONG_STEM = (
    "whatwhy_is_it_very_long_very_long_very_long_very_long_very_long_very_long_very_long_very"
    "_cebf1e91"
)


def _long_titled(root: Path, note: str) -> None:
    from aftershock_cli.core.model import Segment, Tag, Transcript

    ws = Workspace(root)
    segments = (Segment(60000, 5000, "Silos came down."),)
    ws.save_transcript(Transcript(VIDEO, LONG_TITLE, channel_handle="Panel", segments=segments))
    with ws.editing_tags(VIDEO) as tf:
        tf.tags.append(Tag("t1", VIDEO, 60000, 65000, ("cross-silo",), note=note))


def test_a_long_title_gives_a_short_unique_file_name_and_the_whole_vault(
    cli, workspace_dir, tmp_path
):
    _long_titled(workspace_dir, "Silos came down " + "[[" + "x" * 300 + "]]")
    vault = tmp_path / "vault"
    r = cli("export", "--all", "--vault", str(vault))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == f"Wrote the vault in {vault}: 11 file(s) written, 0 unchanged\n"
    files = read_all(vault)
    assert f"panel/{LONG_STEM}.md" in files
    assert files["panel/panel.md"].decode() == (
        f"# panel\n\n- [[{LONG_STEM} | {LONG_TITLE.strip()}]]: "
        "[[Intergovernmental and crosssectoral collaboration | Cross-sectoral and cross-silo "
        "work]]\n"
    )
    assert all(len(Path(name).name.encode()) < 255 for name in files)


def test_a_long_title_gives_a_short_file_name_in_out_dir(cli, workspace_dir, tmp_path):
    _long_titled(workspace_dir, "Silos came down")
    r = cli("export", "--all", "--out-dir", str(tmp_path / "out"))
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"{LONG_STEM}.md"]


def test_a_taken_page_name_gets_a_suffix_and_the_links_follow_it(cli, workspace_dir, tmp_path):
    from aftershock_cli.core.model import Segment, Tag, Theme, Transcript

    ws = Workspace(workspace_dir)
    segments = (Segment(60000, 5000, "Silos came down."),)
    other = "Yq3xA9bC1dE"
    for video_id, title in ((VIDEO, "ChanA"), (other, "Second talk")):
        ws.save_transcript(Transcript(video_id, title, channel_handle="ChanA", segments=segments))
        with ws.editing_tags(video_id) as tf:
            tf.tags.append(Tag("t1", video_id, 60000, 65000, ("second-talk",), note="Said."))
    with ws.editing_config() as config:
        config.codebook = config.codebook.with_theme(
            Theme("second-talk", "Second talk", page="second_talk")
        )
    vault = tmp_path / "vault"
    assert cli("export", "--all", "--vault", str(vault)).exit_code == 0
    files = read_all(vault)
    assert [name for name in files if not name.startswith("themes/")] == [
        "Synthesis.md",
        "chana/chana.md",
        f"chana/chana_{VIDEO}.md",
        "chana/second_talk.md",
    ]
    assert files["chana/chana.md"].decode() == (
        "# chana\n\n"
        f"- [[chana_{VIDEO} | ChanA]]: [[second_talk_theme | Second talk]]\n"
        "- [[second_talk | Second talk]]: [[second_talk_theme | Second talk]]\n"
    )
    assert (
        files["themes/second_talk_theme.md"]
        .decode()
        .startswith("---\naliases:\n- Second talk\n- second-talk\n---\n\n# Second talk\n")
    )
