"""The CLI's global behaviour: version, help, workspace creation, error conventions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import aftershock_cli


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"aftershock {aftershock_cli.__version__}\n"


@pytest.mark.bare_folder
def test_init_writes_default_codebook(cli, workspace_dir: Path):
    result = cli("init")
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"Created a workspace in {workspace_dir} with 8 themes in aftershock.yaml\n"
    )
    text = (workspace_dir / "aftershock.yaml").read_text()
    assert "slug: cross-silo" in text
    assert (workspace_dir / ".aftershock" / ".gitignore").read_text().endswith("*\n")


@pytest.mark.bare_folder
def test_init_twice_keeps_the_file(cli, workspace_dir: Path):
    cli("init")
    (workspace_dir / "aftershock.yaml").write_text("version: 1\nthemes: []\n")
    result = cli("init")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {workspace_dir}/aftershock.yaml already exists; it was left as it is "
        "(use --force to reset the settings and codebook)\n"
    )
    assert (workspace_dir / "aftershock.yaml").read_text() == "version: 1\nthemes: []\n"


def test_every_command_has_help_with_an_example(cli):
    from typer.main import get_command

    from aftershock_cli.cli.app import app

    group = get_command(app)
    names = group.list_commands(None)  # type: ignore[attr-defined]
    assert "init" in names
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"'{name} --help' shows no example"


def test_importing_the_library_stays_light():
    code = (
        "import sys, aftershock_cli; aftershock_cli.parse_time; "
        "heavy = {'typer', 'rich', 'requests', 'youtube_transcript_api'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_a_video_id_starting_with_a_dash_is_not_read_as_options(cli):
    result = cli(
        "tag", "-tDQ74I3Ovs", "0:10-0:20", "cross-silo", "--note", "dash id", "--no-transcript"
    )
    assert result.exit_code == 0, result.stderr
    listed = cli("tags", "-tDQ74I3Ovs", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    assert '"video_id": "-tDQ74I3Ovs"' in listed.stdout
    assert '"note": "dash id"' in listed.stdout


def test_the_command_table_names_every_command_each_module_registers():
    import importlib

    import typer

    from aftershock_cli.cli.app import COMMANDS

    registered = {}
    for module in sorted(set(COMMANDS.values())):
        holder = typer.Typer()
        importlib.import_module(f"aftershock_cli.cli.{module}").register(holder)
        for name in typer.main.get_group(holder).commands:
            registered[name] = module
    assert registered == COMMANDS


def test_running_one_command_imports_only_its_module():
    code = (
        "import sys; from aftershock_cli.cli.app import main; sys.argv = ['aftershock', 'videos', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('aftershock_cli.cli.') and m.endswith('_cmd')), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr == "['fetch_cmd']\n"


def test_init_gives_the_workspace_an_id_that_force_keeps(cli, workspace_dir: Path):
    import yaml

    cli("init")
    first = yaml.safe_load((workspace_dir / "aftershock.yaml").read_text())["workspace_id"]
    assert len(first) == 36
    assert cli("init", "--force").exit_code == 0
    again = yaml.safe_load((workspace_dir / "aftershock.yaml").read_text())["workspace_id"]
    assert again == first


def test_settings_of_another_version_or_bad_keywords_are_named(cli, workspace_dir: Path):
    config = workspace_dir / "aftershock.yaml"
    config.write_text("version: 7\nthemes: []\n")
    result = cli("themes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {config}: settings version 7 is not one this aftershock reads (1); "
        "fix the file by hand (it was left unchanged) and try again\n"
    )
    config.write_text("version: 1\nthemes:\n- slug: trust\n  keywords: 5\n")
    result = cli("themes")
    assert result.stderr == (
        f"Error: {config}: theme 'trust': 'keywords' must be a list of words and phrases; "
        "fix the file by hand (it was left unchanged) and try again\n"
    )
    assert config.read_text() == "version: 1\nthemes:\n- slug: trust\n  keywords: 5\n"
