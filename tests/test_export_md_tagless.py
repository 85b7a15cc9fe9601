"""export --format md of a note that had no readable anchor: it comes back as it was."""

from __future__ import annotations

from pathlib import Path

VIDEO = "Zq3xA9bC1dE"
NOTE = (
    f"---\ntitle: Quiet note\nvideoId: {VIDEO}\n---\n\nFrom: [[hall]] <br/> \n\n"
    '## Context\n\nThe talk was moved twice <a class="yt-timestamp" data-t="12:34:">'
    "[12:34:]</a>.\n\n- one\n- two\n"
)


def imported(tmp_path: Path, cli) -> Path:
    path = tmp_path / "quiet_note.md"
    path.write_text(NOTE, encoding="utf-8")
    r = cli("import-note", str(path))
    assert r.exit_code == 0, r.stderr
    return path


def test_a_note_without_tags_is_laid_out_again(cli, tmp_path):
    imported(tmp_path, cli)
    for by in ("video", "theme"):
        r = cli("export", VIDEO, "--format", "md", "--by", by)
        assert (r.exit_code, r.stdout, r.stderr) == (0, NOTE, "")


def test_a_note_without_tags_goes_into_an_out_dir_and_a_vault(cli, tmp_path):
    imported(tmp_path, cli)
    r = cli("export", "--all", "--out-dir", str(tmp_path / "out"))
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out" / "quiet_note.md").read_text(encoding="utf-8") == NOTE
    r = cli("export", "--all", "--vault", str(tmp_path / "vault"))
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "vault" / "hall" / "quiet_note.md").read_text(encoding="utf-8") == NOTE


def test_filters_and_other_formats_still_need_tags(cli, tmp_path):
    imported(tmp_path, cli)
    r = cli("export", VIDEO, "--format", "md", "--theme", "cross-silo")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: no tag of {VIDEO} matches --theme/--coder/--from/--to; "
        f"see its tags with 'aftershock tags {VIDEO}'\n",
    )
    r = cli("export", VIDEO, "--format", "csv")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {VIDEO} has no tags to export; tag it with "
        f"'aftershock tag {VIDEO} START-END THEME'\n",
    )
