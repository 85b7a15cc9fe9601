"""``-o`` naming a device, a FIFO or ``-``: written in place, never replaced or read back."""

from __future__ import annotations

import os
import stat

from hostile import assert_refused
from tagging_data import VIDEO, store


def _tagged(cli):
    store()
    assert cli("tag", VIDEO, "0:00-0:04", "cross-silo").exit_code == 0


def test_dev_null_stays_a_device(cli):
    _tagged(cli)
    r = cli("export", VIDEO, "-o", "/dev/null")
    assert (r.exit_code, r.stderr) == (0, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_standard_output(cli):
    _tagged(cli)
    r = cli("export", VIDEO, "--format", "txt", "-o", "-")
    assert r.exit_code == 0
    assert r.stdout == cli("export", VIDEO, "--format", "txt").stdout != ""


def test_a_fifo_nobody_reads_is_refused_at_once(cli, tmp_path):
    _tagged(cli)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    line = assert_refused(cli("export", VIDEO, "-o", str(fifo)), str(fifo))
    assert line == f"Error: cannot write {fifo}: nothing reads from it; give a regular file name"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_with_a_reader_gets_the_export(cli, tmp_path):
    _tagged(cli)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there first
    try:
        r = cli("export", VIDEO, "--format", "txt", "-o", str(fifo))
        got = os.read(fd, 1 << 16)
    finally:
        os.close(fd)
    assert r.exit_code == 0, r.stderr
    assert got == cli("export", VIDEO, "--format", "txt").stdout.encode()


def test_a_full_device_is_one_line(cli):
    _tagged(cli)
    if not os.path.exists("/dev/full"):
        return
    line = assert_refused(cli("export", VIDEO, "-o", "/dev/full"), "/dev/full")
    assert line.startswith("Error: cannot write /dev/full: No space left on device")
