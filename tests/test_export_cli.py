"""``aftershock export``: where the output goes, filters, messages and errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "export"
GOLDEN = FIXTURES / "golden"
VIDEO = "t8dJdL0Wyw8"


@pytest.fixture(autouse=True)
def fixed_workspace(workspace_dir: Path) -> Path:
    shutil.copytree(FIXTURES / "workspace", workspace_dir, dirs_exist_ok=True)
    return workspace_dir


def golden(name: str) -> str:
    return (GOLDEN / name).read_bytes().decode("utf-8")


def test_one_video_goes_to_stdout(cli):
    result = cli("export", VIDEO, "--format", "csv")
    assert result.exit_code == 0
    # CliRunner reads stdout back with CRLF turned into LF; the file test below sees the bytes
    assert result.stdout == golden(f"{VIDEO}.csv").replace("\r\n", "\n")
    assert result.stderr == ""


def test_a_video_url_is_accepted(cli):
    result = cli("export", f"https://youtu.be/{VIDEO}?t=40", "-f", "txt")
    assert result.exit_code == 0
    assert result.stdout == golden(f"{VIDEO}.txt")


def test_chapters_say_what_was_adjusted(cli):
    result = cli("export", "abc_def-123", "--format", "chapters")
    assert result.exit_code == 0
    assert result.stdout == golden("abc_def-123.chapters.txt")
    assert result.stderr == (
        "abc_def-123: moved 'International cooperation' at 0:00:05 to 0:00:00: "
        "YouTube's first chapter starts at 0\n"
    )


def test_csv_file_keeps_crlf_rows(cli, workspace_dir: Path):
    result = cli("export", VIDEO, "-f", "csv", "-o", "tags.csv")
    assert result.exit_code == 0
    assert (workspace_dir / "tags.csv").read_bytes() == (GOLDEN / f"{VIDEO}.csv").read_bytes()


def test_output_file_is_written_once(cli, workspace_dir: Path):
    result = cli("export", VIDEO, "-f", "srt", "-o", "out/track.srt")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "Wrote out/track.srt\n"
    path = workspace_dir / "out" / "track.srt"
    assert path.read_text() == golden(f"{VIDEO}.srt")
    again = cli("export", VIDEO, "-f", "srt", "-o", "out/track.srt")
    assert again.stderr == "out/track.srt is already up to date\n"


def test_all_writes_one_file_per_tagged_video_and_skips_unchanged(cli, workspace_dir: Path):
    notes = workspace_dir / "notes"
    result = cli("export", "--all", "--format", "vtt")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Exported 2 video(s) to {notes}: 2 file(s) written, 0 unchanged\n"
    assert sorted(p.name for p in notes.iterdir()) == ["abc_def-123.vtt", f"{VIDEO}.vtt"]
    assert (notes / f"{VIDEO}.vtt").read_text() == golden(f"{VIDEO}.vtt")
    old = notes / f"{VIDEO}.vtt"
    os.utime(old, (1_000_000, 1_000_000))
    again = cli("export", "--all", "--format", "vtt")
    assert again.stderr == (
        f"Exported 2 video(s) to {notes}: 0 file(s) written, 2 unchanged; "
        "1 video(s) were up to date\n"
    )
    assert old.stat().st_mtime == 1_000_000


def test_several_videos_go_to_out_dir_with_their_messages(cli, workspace_dir: Path):
    result = cli("export", VIDEO, "abc_def-123", "-f", "chapters", "--out-dir", "chapters")
    assert result.exit_code == 0
    out = workspace_dir / "chapters"
    assert result.stderr == (
        f"{VIDEO}: added 'Intro' at 00:00 before 'Cross-sectoral and cross-silo work' at 00:40\n"
        "abc_def-123: moved 'International cooperation' at 0:00:05 to 0:00:00: "
        "YouTube's first chapter starts at 0\n"
        f"Exported 2 video(s) to chapters: 2 file(s) written, 0 unchanged\n"
    )
    assert (out / f"{VIDEO}.chapters.txt").read_text() == golden(f"{VIDEO}.chapters.txt")


def test_all_with_a_filter_skips_videos_without_matching_tags(cli, workspace_dir: Path):
    result = cli("export", "--all", "-f", "json", "--theme", "human")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Exported 1 video(s) to {workspace_dir / 'notes'}: 1 file(s) written, 0 unchanged\n"
        f"Skipped 1 video(s) without matching tags: {VIDEO}\n"
    )
    data = json.loads((workspace_dir / "notes" / "abc_def-123.json").read_text())
    assert [t["id"] for t in data["tags"]] == ["gggg7777", "hhhh8888"]
    assert data["filters"]["themes"] == ["human-centred"]


def test_a_parent_theme_takes_its_children(cli):
    result = cli("export", VIDEO, "-f", "json", "--theme", "public-sector-innovation")
    ids = [t["id"] for t in json.loads(result.stdout)["tags"]]
    assert ids == ["aaaa1111", "bbbb2222", "cccc3333", "dddd4444"]


def test_coder_and_time_filters(cli):
    result = cli("export", VIDEO, "-f", "json", "--coder", "ana", "--from", "1:10", "--to", "2:50")
    assert [t["id"] for t in json.loads(result.stdout)["tags"]] == [
        "aaaa1111",
        "cccc3333",
        "dddd4444",
    ]


def test_quiet_keeps_stderr_empty(cli):
    result = cli("--quiet", "export", "--all", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["zzzzzzzzzzz"],
            "no video zzzzzzzzzzz in {ws}; fetch it with 'aftershock fetch zzzzzzzzzzz' "
            "or import a note of it",
        ),
        (
            ["noTags00000"],
            "noTags00000 has no tags to export; tag it with "
            "'aftershock tag noTags00000 START-END THEME'",
        ),
        (
            [VIDEO, "--coder", "nobody"],
            f"no tag of {VIDEO} matches --theme/--coder/--from/--to; "
            f"see its tags with 'aftershock tags {VIDEO}'",
        ),
        ([], "name the video(s) to export, or give --all for every video"),
        ([VIDEO, "--all"], "give either video ids or --all, not both"),
        (
            [VIDEO, "abc_def-123", "-o", "x.csv"],
            "-o FILE takes one video; use --out-dir DIR for several",
        ),
        (
            [VIDEO, "-o", "x.csv", "--out-dir", "d"],
            "give either -o FILE or --out-dir DIR, not both",
        ),
        ([VIDEO, "-f", "qdpx"], "qdpx is a binary project file; give its path with -o FILE.qdpx"),
        (
            [VIDEO, "-f", "csv", "--quotes"],
            "--by, --link-style and --quotes shape md notes; drop them for csv",
        ),
        ([VIDEO, "--from", "2:00", "--to", "1:00"], "--to 1:00 is before --from 2:00; swap them"),
        ([VIDEO, "--from", "soon"], "'soon' is not a time; use 1:02:03, 62:03, 3723 or 1h2m3s"),
        (
            [VIDEO, "--vault", "v", "-f", "csv"],
            "--vault writes Markdown notes into a folder; drop --format/-o",
        ),
        (
            ["--all", "--coder", "nobody"],
            "no tag matches --theme/--coder/--from/--to in the 2 video(s); nothing written",
        ),
        (
            ["not a video"],
            "'not a video' is not a YouTube video id or video URL; give the 11-character id "
            "(as in t8dJdL0Wyw8) or a link such as https://www.youtube.com/watch?v=t8dJdL0Wyw8",
        ),
    ],
)
def test_errors(cli, workspace_dir: Path, args: list[str], message: str):
    result = cli("export", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: " + message.format(ws=workspace_dir) + "\n"
    assert not (workspace_dir / "notes").exists()


def test_unknown_theme_is_refused(cli):
    result = cli("export", VIDEO, "--theme", "zzz")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no theme 'zzz' in the codebook; ")


def test_out_dir_that_is_a_file(cli, workspace_dir: Path):
    (workspace_dir / "taken").write_text("keep me")
    result = cli("export", "--all", "-f", "txt", "--out-dir", "taken")
    assert result.exit_code == 1
    assert result.stderr == "Error: taken is a file, not a folder; choose another --out-dir\n"
    assert (workspace_dir / "taken").read_text() == "keep me"


def test_help_shows_an_example(cli):
    result = cli("export", "--help")
    assert result.exit_code == 0
    assert "Example: aftershock export t8dJdL0Wyw8 --format md --by theme" in result.stdout


# -- md, vault and qdpx are written by their own modules; export dispatches to them --


def test_md_note_reads_back_with_its_anchors(cli):
    from aftershock_cli.notes.note import parse_note

    result = cli("export", VIDEO)
    assert result.exit_code == 0
    assert result.stderr == ""
    note = parse_note(result.stdout)
    assert note.video_id == VIDEO
    assert note.title == "Government Aftershock: collaboration | lessons"
    assert note.channel == "oecdobservatoryofpublicsec3116"
    assert sorted({a.seconds for a in note.anchors if a.seconds is not None}) == [
        40,
        60,
        120,
        165,
        180,
    ]
    assert all(a.well_formed for a in note.anchors)


def test_md_markdown_links(cli):
    result = cli("export", VIDEO, "--link-style", "markdown")
    assert result.exit_code == 0
    assert "<a " not in result.stdout
    assert "[00:00:40](https://www.youtube.com/watch?v=t8dJdL0Wyw8&t=40s)" in result.stdout


def test_md_by_theme_needs_a_folder_when_it_makes_several_notes(cli):
    result = cli("export", VIDEO, "--by", "theme")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: md --by theme makes 2 files of {VIDEO}, too many for stdout; "
        "write them with --out-dir DIR\n"
    )


def test_md_by_theme_names_that_clash_get_the_video_id(cli, workspace_dir: Path):
    result = cli("export", "--all", "--by", "theme", "--out-dir", "topics")
    assert result.exit_code == 0
    assert result.stderr == (
        f"{VIDEO}: wrote public_sector_innovation_and_collaboration_{VIDEO}.md, as "
        "abc_def-123 already has public_sector_innovation_and_collaboration.md\n"
        "Exported 2 video(s) to topics: 3 file(s) written, 0 unchanged\n"
    )
    assert sorted(p.name for p in (workspace_dir / "topics").iterdir()) == [
        "public_sector_innovation_and_collaboration.md",
        f"public_sector_innovation_and_collaboration_{VIDEO}.md",
        "retired_theme.md",
    ]


def test_qdpx_is_written_to_the_file_given(cli, workspace_dir: Path):
    import zipfile

    result = cli("export", VIDEO, "abc_def-123", "-f", "qdpx", "-o", "study.qdpx")
    assert result.exit_code == 0
    assert result.stderr == "Wrote study.qdpx with 2 video(s)\n"
    with zipfile.ZipFile(workspace_dir / "study.qdpx") as archive:
        assert "project.qde" in archive.namelist()


def test_vault_is_written_then_left_alone(cli, workspace_dir: Path):
    result = cli("export", "--all", "--vault", "vault")
    assert result.exit_code == 0
    assert result.stdout == ""
    written = int(result.stderr.split(": ")[1].split(" ")[0])
    assert result.stderr == f"Wrote the vault in vault: {written} file(s) written, 0 unchanged\n"
    assert written >= 3
    notes = list((workspace_dir / "vault").rglob("*.md"))
    assert len(notes) == written
    again = cli("export", "--all", "--vault", "vault")
    assert again.stderr == f"Wrote the vault in vault: 0 file(s) written, {written} unchanged\n"
