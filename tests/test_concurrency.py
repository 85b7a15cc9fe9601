"""Never lose a tag: concurrent ``aftershock tag`` processes, and a writer killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import yaml

from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store


def _env(workspace_dir: Path) -> dict[str, str]:
    env = dict(os.environ, AFTERSHOCK_WORKSPACE=str(workspace_dir))
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_twenty_tag_processes_at_once_keep_twenty_tags(workspace_dir: Path):
    store()
    env = _env(workspace_dir)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aftershock_cli",
                "tag",
                VIDEO,
                "0:05",
                "cross-silo",
                "--note",
                f"note {i}",
                "--coder",
                f"c{i}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(20)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, [err for _, err in results]
    path = Workspace(workspace_dir).tags_path(VIDEO)
    data = yaml.safe_load(path.read_text())
    notes = sorted(t["note"] for t in data["tags"])
    assert notes == sorted(f"note {i}" for i in range(20))
    ids = {t["id"] for t in data["tags"]}
    assert len(ids) == 20
    printed = {out.split()[0] for out, _ in results}
    assert printed == ids


WRITER = textwrap.dedent(
    """
    import sys
    from aftershock_cli.tagging.tags import add_tag
    from aftershock_cli.workspace.folder import Workspace

    ws = Workspace.discover()
    big = "word " * 40000
    n = len(ws.load_tags(sys.argv[1]))
    while True:
        add_tag(ws, sys.argv[1], 4000, 9000, ["cross-silo"], note=big)
        n += 1
        print(n, flush=True)
    """
)


def test_a_writer_killed_mid_write_leaves_the_old_or_the_new_file(workspace_dir: Path):
    store()
    env = _env(workspace_dir)
    path = Workspace(workspace_dir).tags_path(VIDEO)
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, VIDEO],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # one write is done: now kill during the next ones
        assert first.strip().isdigit(), proc.stderr.read() if proc.stderr else ""
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        done = int((first + rest).split()[-1])
        tags = Workspace(workspace_dir).load_tags(VIDEO)  # parses: not half a file
        assert len(tags) in (done, done + 1)
        assert all(t.note == "word " * 40000 for t in tags)
    # an interrupted write leaves at most a hidden temporary file beside the tag file
    assert [p.name for p in path.parent.iterdir() if not p.name.startswith(".")] == [path.name]
