"""What saves a user a trip to the docs: did-you-mean, global options anywhere,
``aftershock help``, shell completion, and a note that ends its line on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

VID = "t8dJdL0Wyw8"


def _tagged(root: Path) -> None:
    ws = Workspace(root)
    ws.save_transcript(
        Transcript(VID, title="A talk", channel="Lab", segments=(Segment(0, 5000, "Hello there."),))
    )
    with ws.editing_tags(VID) as tf:
        tf.tags.append(Tag("tagid001", VID, 0, 5000, ("cross-silo",), note="A greeting."))


def test_a_mistyped_command_gets_the_closest_names(cli):
    result = cli("tgs")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: No such command 'tgs'. Did you mean 'tags' or 'tag'? "
        "'aftershock --help' lists them."
    )


def test_global_options_may_follow_the_command(cli, workspace_dir: Path, tmp_path: Path):
    _tagged(workspace_dir)
    other = tmp_path / "other"
    Workspace.init(other)
    assert cli("tags", "--format", "json", "-w", str(other)).stdout == "[]\n"
    quiet = cli("tags", "--theme", "human-centred", "--quiet")
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    loud = cli("tags", "--theme", "human-centred")
    assert loud.stderr == "No tags match\n"


def test_help_of_a_command_is_its_help_option(cli):
    assert cli("help", "tag").stdout == cli("tag", "--help").stdout
    assert cli("help", "themes", "add").stdout == cli("themes", "add", "--help").stdout
    assert cli("help").stdout == cli("--help").stdout
    wrong = cli("help", "tga")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "Error: no command 'tga'; 'aftershock --help' lists them\n",
    )


def _complete(workspace: Path, words: str) -> list[str]:
    env = dict(
        os.environ,
        _AFTERSHOCK_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - 1),
        AFTERSHOCK_WORKSPACE=str(workspace),
    )
    code = "from aftershock_cli.cli.app import main; main()"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    return out.stdout.split()


def test_completion_offers_the_workspace_s_ids_and_slugs(workspace_dir: Path):
    _tagged(workspace_dir)
    assert _complete(workspace_dir, "aftershock show t8") == [VID]
    assert _complete(workspace_dir, "aftershock retag tagi") == ["tagid001"]
    assert _complete(workspace_dir, f"aftershock tag {VID} 0:00 human") == ["human-centred"]
    assert _complete(workspace_dir, "aftershock tags --theme cross") == ["cross-silo"]


def test_a_note_printed_on_a_terminal_ends_its_line(workspace_dir: Path):
    _tagged(workspace_dir)
    env = dict(os.environ, AFTERSHOCK_WORKSPACE=str(workspace_dir))
    command = [sys.executable, "-m", "aftershock_cli", "export", VID, "--format", "md"]
    piped = subprocess.run(command, env=env, capture_output=True, check=True).stdout
    assert not piped.endswith(b"\n")
    leader, follower = pty.openpty()
    with subprocess.Popen(command, env=env, stdout=follower, stderr=subprocess.DEVNULL) as proc:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        proc.wait()
    os.close(leader)
    assert shown.replace(b"\r\n", b"\n") == piped + b"\n"
