"""Who coded a tag: --coder, $AFTERSHOCK_CODER, the 'coder' setting, $USER; and `config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.tagging.tags import resolve_coder
from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store

NOTES = Path(__file__).parent / "fixtures" / "notes"
NOTE = NOTES / "libraries_as_civic_infrastructure.md"
OTHER_NOTE = NOTES / "measuring_what_libraries_do.md"


@pytest.fixture
def ws(cli, workspace_dir: Path) -> Workspace:
    return store(Workspace(workspace_dir))


def _coder_of_new_tag(cli, *extra: str) -> str:
    result = cli("tag", VIDEO, "0:04", "cross-silo", "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)[0]["coder"])


def test_the_coder_comes_from_the_option_then_env_then_setting_then_user(
    cli, ws, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("USER", "login")
    monkeypatch.delenv("AFTERSHOCK_CODER", raising=False)
    assert _coder_of_new_tag(cli) == "login"
    assert cli("config set coder ana").stderr == f"Set coder to 'ana' in {ws.config_path}\n"
    assert _coder_of_new_tag(cli) == "ana"
    monkeypatch.setenv("AFTERSHOCK_CODER", "ben")
    assert _coder_of_new_tag(cli) == "ben"
    assert _coder_of_new_tag(cli, "--coder", "cy") == "cy"


def test_resolve_coder_takes_an_environment(ws):
    ws.forget_config()
    env = {"USER": "login"}
    assert resolve_coder(ws, None, env) == "login"
    assert resolve_coder(ws, None, {**env, "AFTERSHOCK_CODER": " dee "}) == "dee"
    assert resolve_coder(ws, "", {**env, "AFTERSHOCK_CODER": "dee"}) == ""


def test_suggest_and_import_note_use_the_same_coder(cli, ws, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AFTERSHOCK_CODER", "ben")
    result = cli(f"suggest {VIDEO} --theme experimentation --min-score 1 --top 1 --apply")
    assert result.exit_code == 0, result.stderr
    assert cli("import-note", str(NOTE)).exit_code == 0
    assert cli("import-note", str(OTHER_NOTE), "--coder", "cy").exit_code == 0
    coders = {(t["video_id"] == VIDEO, t["coder"]) for t in json.loads(cli("tags -f json").stdout)}
    assert coders == {(True, "ben"), (False, "ben"), (False, "cy")}


def test_config_get_list_and_errors(cli, ws):
    assert cli("config get coder").stdout == "\n"
    cli("config set coder ana")
    assert cli("config get coder").stdout == "ana\n"
    listed = json.loads(cli("config list -f json").stdout)
    assert [(s["key"], s["value"], s["changeable"]) for s in listed][:2] == [
        ("coder", "ana", True),
        ("version", "1", False),
    ]
    assert ws.codebook() == Workspace(ws.root).codebook()  # the themes are kept
    bad = cli("config set version 2")
    assert (bad.exit_code, bad.stderr) == (
        1,
        "Error: the setting 'version' (the version of the settings file) is kept as "
        "aftershock wrote it; the settings you can change are: coder\n",
    )
    assert cli("config get colour").stderr == (
        "Error: no setting 'colour'; the settings are: coder, version, workspace_id\n"
    )
