"""Shared fixtures: every test runs in its own empty workspace, offline."""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from aftershock_cli.cli import _common, _seams
from aftershock_cli.cli.app import app
from aftershock_cli.sources.youtube_http import make_session
from aftershock_cli.tagging.meaning import Embedder, load_wordllama
from aftershock_cli.workspace.folder import Workspace


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "bare_folder: the test starts in a folder that is not a workspace"
    )
    config.addinivalue_line(
        "markers",
        "live: reaches YouTube through yt-dlp; runs only with AFTERSHOCK_LIVE_PLAYLIST=URL",
    )


@pytest.fixture(autouse=True)
def isolated_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Path:
    """Point the workspace at a fresh workspace (the default codebook) and work from
    inside it; a test marked ``bare_folder`` gets an empty folder instead."""
    ws = tmp_path / "ws"
    ws.mkdir()
    if request.node.get_closest_marker("bare_folder") is None:
        Workspace.init(ws)
    monkeypatch.setenv("AFTERSHOCK_WORKSPACE", str(ws))
    monkeypatch.chdir(ws)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    return ws


def _no_model() -> Embedder:
    """As without the 'meaning' extra: the library's loader, told that wordllama is absent."""

    def absent(name: str) -> ModuleType:
        raise ImportError(f"No module named '{name}'")

    return load_wordllama(import_module=absent)


@pytest.fixture(autouse=True)
def seams() -> Iterator[_seams.Seams]:
    """The CLI's seam (``cli._seams.SEAMS``), reset after each test. Its YouTube
    sessions never sleep between retries; a test may put its own index opener there.
    The model of meaning is missing (as without the extra) unless a test puts one there."""
    _seams.SEAMS.new_session = lambda proxy: make_session(proxy, sleep=lambda seconds: None)
    _seams.SEAMS.load_embedder = _no_model
    yield _seams.SEAMS
    _seams.SEAMS.new_session = _seams.SEAMS.open_index = None
    _seams.SEAMS.load_embedder = _seams.SEAMS.extract_listing = None


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run the CLI in-process: ``cli("tag", "abc", "9:14-9:36", "x")`` or ``cli("tags --format json")``."""

    def run(*args: str, input: str | None = None) -> Run:
        argv = shlex.split(args[0]) if len(args) == 1 and " " in args[0] else list(args)
        _common.reset_consoles()
        result = CliRunner().invoke(app, argv, input=input, env={"COLUMNS": "100"})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def workspace_dir() -> Path:
    return Path(os.environ["AFTERSHOCK_WORKSPACE"])
