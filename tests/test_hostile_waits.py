"""Waits a user cannot see the end of: a regular expression that backtracks for ever,
a workspace lock another process holds, Ctrl-C during a batch fetch."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment
from aftershock_cli.files.locks import LockWait, set_default_wait
from aftershock_cli.workspace.folder import Workspace
from hostile import assert_refused, snapshot
from tagging_data import VIDEO, store, transcript


@pytest.fixture(autouse=True)
def _default_wait() -> Iterator[None]:
    """The short waits these commands set stay out of the tests that follow."""
    yield
    set_default_wait(LockWait())


def _long_transcript() -> None:
    """A transcript with one long run of ``a`` (where ``(a+)+$`` backtracks for ever)."""
    base = transcript()
    segments = (*base.segments, Segment(60000, 1000, "a" * 5000 + "!"))
    Workspace.discover().save_transcript(
        dataclasses.replace(base, segments=segments, duration_ms=61000)
    )


def test_a_catastrophic_regex_is_stopped_with_one_line(cli, workspace_dir):
    _long_transcript()
    before = snapshot(workspace_dir)
    line = assert_refused(cli("tag", VIDEO, "--match", "(a+)+$", "--regex", "cross-silo"))
    assert line == (
        "Error: the regular expression '(a+)+$' took more than 2 seconds over the "
        "transcript and was stopped; simplify it (nested repeats such as (a+)+ can take "
        "for ever)"
    )
    assert snapshot(workspace_dir) == before


def test_a_quick_regex_on_the_same_transcript_still_tags(cli, workspace_dir):
    _long_transcript()
    r = cli("tag", VIDEO, "--match", "silos?", "--match", "a+!", "--regex", "cross-silo")
    assert r.exit_code == 0, r.stderr
    assert [(t.start_ms, t.end_ms) for t in Workspace.discover().load_tags(VIDEO)] == [
        (4000, 9000),
        (60000, 61000),
    ]


HOLDER = """\
import sys
from pathlib import Path
from aftershock_cli.workspace.folder import Workspace

with Workspace(Path(sys.argv[1])).lock(sys.argv[2]):
    print("held", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def held(tmp_path: Path, workspace_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the lock of the video's tags until its stdin closes."""
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    args = [sys.executable, str(script), str(workspace_dir), f"tags-{VIDEO}"]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    yield proc
    proc.kill()
    proc.wait()


def _who(proc: subprocess.Popen[str], workspace_dir: Path) -> str:
    return f"process {proc.pid} (holder.py {workspace_dir} tags-{VIDEO}) on {os.uname().nodename}"


def test_a_lock_held_by_another_process_is_waited_for_then_refused(cli, workspace_dir, held):
    store()
    before = snapshot(workspace_dir)
    r = cli("--wait", "1.5", "tag", VIDEO, "0:04-0:09", "cross-silo")
    lock = workspace_dir / ".aftershock" / "locks" / f"tags-{VIDEO}.lock"
    assert r.exit_code == 1
    assert r.stderr == (
        f"Waiting for {_who(held, workspace_dir)}, which is changing the workspace "
        f"(tags-{VIDEO}.lock); giving up after 1.5 seconds\n"
        f"Error: the workspace is busy: {_who(held, workspace_dir)} held {lock} for all of "
        "1.5 seconds and still does; nothing was changed; try again once it has finished, "
        "or wait longer with --wait SECONDS\n"
    )
    assert snapshot(workspace_dir) == before


def test_wait_zero_after_the_command_refuses_at_once_in_one_line(cli, workspace_dir, held):
    store()
    line = assert_refused(cli("tag", VIDEO, "0:04-0:09", "cross-silo", "--wait", "0"))
    assert line.startswith(f"Error: the workspace is busy: {_who(held, workspace_dir)} held ")
    assert Workspace.discover().load_tags(VIDEO) == []


def test_a_lock_released_during_the_wait_lets_the_command_go_on(cli, workspace_dir, held):
    store()
    assert held.stdin is not None
    threading.Timer(1.5, held.stdin.close).start()
    r = cli("tag", VIDEO, "0:04-0:09", "cross-silo")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.startswith(f"Waiting for {_who(held, workspace_dir)}, which is changing ")
    assert len(Workspace.discover().load_tags(VIDEO)) == 1


def test_quiet_waits_without_a_word(cli, workspace_dir, held):
    store()
    r = cli("-q", "--wait", "1.2", "tag", VIDEO, "0:04-0:09", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: the workspace is busy: ")
    assert len(r.stderr.splitlines()) == 1


@pytest.fixture
def silent_proxy() -> Iterator[tuple[str, threading.Event]]:
    """A local proxy that accepts connections and never answers; the event is set at
    the first connection."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    connected = threading.Event()

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                accepted.append(server.accept()[0])
                connected.set()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", connected
    server.close()
    for conn in accepted:
        conn.close()


def test_ctrl_c_stops_a_batch_fetch_hung_on_a_proxy_at_once(workspace_dir, silent_proxy):
    proxy, connected = silent_proxy
    ids = ["AbCdEfGhIj0", "AbCdEfGhIj1", "AbCdEfGhIj2", "AbCdEfGhIj3", "AbCdEfGhIj4"]
    args = [sys.executable, "-m", "aftershock_cli", "fetch", *ids, "--jobs", "2"]
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}  # SIGABRT then prints every thread's stack
    proc = subprocess.Popen(
        [*args, "--proxy", proxy],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert connected.wait(30), "the fetch never reached the proxy"
        proc.send_signal(signal.SIGINT)
        try:
            stdout, stderr = proc.communicate(timeout=20)  # hung for minutes before
        except subprocess.TimeoutExpired:
            pytest.fail(_why_still_running(proc))
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert stderr == "Interrupted; nothing half-written was kept.\n"
    assert stdout == ""
    assert not list((workspace_dir / "transcripts").iterdir())


def _why_still_running(proc: subprocess.Popen[str]) -> str:
    """What a process still running 20 s after Ctrl-C was doing: every thread's stack
    (faulthandler prints them on SIGABRT), or that its output stayed open without it."""
    alive = proc.poll() is None
    proc.send_signal(signal.SIGABRT)
    try:
        stderr = proc.communicate(timeout=10)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        return f"still running 20 s after Ctrl-C (alive: {alive}); its output never closed"
    return f"still running 20 s after Ctrl-C (alive: {alive}); its threads:\n{stderr}"
