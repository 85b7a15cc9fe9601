"""Commands run outside a workspace are refused instead of making one of the wrong folder."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTE = "\n".join(
    [
        "---",
        "title: A talk",
        "videoId: t8dJdL0Wyw8",
        "---",
        "From: [[Someone]] <br/> ",
        "",
        "## Theme",
        "",
        '- A statement <a class="yt-timestamp" data-t="00:00:05">[00:00:05]</a>',
        "",
    ]
)


def _unset_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AFTERSHOCK_WORKSPACE")


@pytest.mark.bare_folder
def test_a_command_outside_any_workspace_is_refused_and_writes_nothing(
    cli, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    _unset_env(monkeypatch)
    result = cli("tag", "abcdefghijk", "0:10-0:20", "cross-silo")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: no workspace here: no aftershock.yaml in {workspace_dir} or any folder "
        "above it; create one with 'aftershock init', or run this inside a workspace "
        "(or give --workspace DIR)\n"
    )
    assert list(workspace_dir.iterdir()) == []


@pytest.mark.bare_folder
def test_a_workspace_option_naming_a_plain_folder_is_refused(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    _unset_env(monkeypatch)
    plain = tmp_path / "my notes"
    plain.mkdir()
    result = cli("-w", str(plain), "tags")
    assert result.stderr == (
        f"Error: no workspace in {plain}: it has no aftershock.yaml; create one with "
        f"'aftershock init \"{plain}\"', or give the folder of an existing workspace\n"
    )
    assert list(plain.iterdir()) == []


@pytest.mark.bare_folder
def test_the_environment_variable_naming_a_plain_folder_is_refused(cli, workspace_dir: Path):
    result = cli("search", "anything")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no workspace in {workspace_dir} (named by AFTERSHOCK_WORKSPACE): it has no "
        f"aftershock.yaml; create one with 'aftershock init {workspace_dir}', or set "
        "AFTERSHOCK_WORKSPACE to a workspace\n"
    )
    assert list(workspace_dir.iterdir()) == []


@pytest.mark.bare_folder
def test_check_of_note_files_needs_no_workspace(cli, workspace_dir: Path):
    (workspace_dir / "n.md").write_text(NOTE)
    result = cli("check", "n.md")
    assert result.exit_code == 0
    assert result.stdout == "n.md: ok\nChecked 1 note: 0 errors, 0 warnings, 0 info\n"
    assert sorted(p.name for p in workspace_dir.iterdir()) == ["n.md"]


def test_a_command_inside_a_subfolder_finds_the_workspace(
    cli, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    _unset_env(monkeypatch)
    deeper = workspace_dir / "notes" / "drafts"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    assert cli("tags", "--format", "json").stdout == "[]\n"


def test_init_inside_a_workspace_is_refused_unless_forced(
    cli, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    _unset_env(monkeypatch)
    inner = workspace_dir / "inner"
    result = cli("init", str(inner))
    assert result.stderr == (
        f"Error: {inner} is inside the workspace {workspace_dir}, which commands run there "
        "would otherwise use; create the new workspace elsewhere, or use --force to create "
        "it inside anyway\n"
    )
    assert not inner.exists()
    assert cli("init", str(inner), "--force").exit_code == 0
    assert (inner / "aftershock.yaml").is_file()


@pytest.mark.bare_folder
def test_init_empty_starts_with_no_themes(cli, workspace_dir: Path):
    result = cli("init", "--empty")
    assert (
        result.stderr
        == f"Created a workspace in {workspace_dir} with 0 themes in aftershock.yaml\n"
    )
    assert cli("themes", "--format", "json").stdout == "[]\n"


def _video(workspace_dir: Path, video_id: str) -> None:
    from aftershock_cli.core.model import Segment, Transcript
    from aftershock_cli.workspace.folder import Workspace

    Workspace(workspace_dir).save_transcript(
        Transcript(video_id, title="A talk", segments=(Segment(0, 5000, "Hello there."),))
    )


def test_tagging_a_video_without_a_transcript_names_the_closest_ids(cli, workspace_dir: Path):
    _video(workspace_dir, "t8dJdL0Wyw8")
    result = cli("tag", "t8dJdL0Wyw9", "0:00-0:05", "cross-silo")
    assert result.stderr == (
        f"Error: no video t8dJdL0Wyw9 in the workspace {workspace_dir} (did you mean "
        "t8dJdL0Wyw8?); fetch it first ('aftershock fetch t8dJdL0Wyw9'), or tag it without "
        "a transcript with --no-transcript\n"
    )
    assert not (workspace_dir / "tags" / "t8dJdL0Wyw9.yaml").exists()
    forced = cli("tag", "t8dJdL0Wyw9", "0:00-0:05", "cross-silo", "--no-transcript")
    assert forced.exit_code == 0
    assert (workspace_dir / "tags" / "t8dJdL0Wyw9.yaml").is_file()


@pytest.mark.parametrize(
    "args",
    [("tags", "t8dJdL0Wyw9"), ("search", "hello", "--video", "t8dJdL0Wyw9")],
)
def test_listing_an_unknown_video_is_an_error(cli, workspace_dir: Path, args):
    _video(workspace_dir, "t8dJdL0Wyw8")
    result = cli(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: no video t8dJdL0Wyw9 in the workspace {workspace_dir} (did you mean "
        "t8dJdL0Wyw8?); 'aftershock videos' lists the videos it has\n"
    )
