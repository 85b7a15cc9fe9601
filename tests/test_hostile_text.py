"""Text that is no text: command-line arguments that are not UTF-8 (lone surrogates once
Python has them) and JSON escapes of half a character. Refused with one line naming the
argument or the file, before anything is written."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hostile import snapshot
from tagging_data import VIDEO, store

TAIL = "is not valid UTF-8 text; type it again, or set the terminal to UTF-8"


def test_a_note_of_bytes_that_are_not_utf8_is_refused_naming_the_option(workspace_dir):
    store()
    before = snapshot(workspace_dir)
    argv = [sys.executable, "-m", "aftershock_cli", "tag", VIDEO, "0:04-0:09", "cross-silo"]
    r = subprocess.run([*argv, "--note", b"caf\xc3 ok"], capture_output=True, check=False)
    assert r.returncode == 1
    assert r.stderr.decode() == f"Error: the value of --note ('caf\\xc3 ok') {TAIL}\n"
    assert r.stdout == b""
    assert snapshot(workspace_dir) == before


@pytest.mark.parametrize(
    ("args", "which"),
    [
        (("tag", VIDEO, "0:04-0:09", "cross-silo", "--note=a\udcff"), "the value of --note"),
        (("tag", VIDEO, "0:04-0:09", "cross-\ud800silo"), "the argument 4"),
        (("themes", "add", "odd", "--label", "L\udc80"), "the value of --label"),
        (
            ("tag", VIDEO, "0:04-0:09", "cross-silo", "--section", "\udfff"),
            "the value of --section",
        ),
    ],
)
def test_lone_surrogates_in_any_argument_are_refused(cli, workspace_dir, args, which):
    store()
    before = snapshot(workspace_dir)
    r = cli(*args)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {which} ('")
    assert r.stderr.endswith(f"') {TAIL}\n")
    assert len(r.stderr.splitlines()) == 1
    assert snapshot(workspace_dir) == before


def test_a_caption_json_with_half_a_character_is_refused_at_its_line(cli, tmp_path, workspace_dir):
    path = tmp_path / f"Talk [{VIDEO}].en.json"
    path.write_text(
        '[{"text": "ok \\ud83d\\ude00", "start": 1},\n{"text": "hi \\udc80", "start": 2}]'
    )
    before = snapshot(workspace_dir)
    r = cli("fetch", "--file", str(path))
    assert r.stderr == (
        f"Error: {path}:2: holds a \\u escape of half a character (a lone surrogate), "
        "which is no text; fix the file or download it again\n"
    )
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


def test_a_caption_json_with_whole_characters_as_pairs_is_read(cli, tmp_path):
    path = tmp_path / f"Talk [{VIDEO}].en.json"
    path.write_text('[{"text": "ok \\ud83d\\ude00", "start": 1}]')
    assert cli("fetch", "--file", str(path)).exit_code == 0
    assert cli("show", VIDEO, "--format", "json").stdout.count("ok \U0001f600") == 1


def test_a_stored_transcript_with_half_a_character_is_refused(cli, workspace_dir):
    store()
    path = workspace_dir / "transcripts" / f"{VIDEO}.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps(data, indent=1).replace('"Closing session"', '"Closing \\udc80"'))
    line = path.read_text().splitlines().index(' "title": "Closing \\udc80",') + 1
    before = snapshot(workspace_dir)
    r = cli("tag", VIDEO, "0:04-0:09", "cross-silo", "--note", "fine")
    assert r.stderr == (
        f"Error: {path}:{line}: holds a \\u escape of half a character (a lone surrogate), "
        "which is no text; fix the file by hand (it was left unchanged) and try again\n"
    )
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


def test_a_note_file_that_is_a_device_is_refused_within_a_small_memory_limit(tmp_path):
    """Run in a child limited to 512 MiB of address space: reading /dev/zero whole would
    fail there with MemoryError instead of the one line."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))\n"
        "from aftershock_cli.cli.app import main\n"
        "sys.argv = ['aftershock', 'tag', 'AbCdEfGhIj0', '0:04-0:09', 'cross-silo',\n"
        "            '--no-transcript', '--note-file', '/dev/zero']\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert r.returncode == 1, r.stderr
    assert r.stderr.decode() == (
        "Error: /dev/zero is a character device, not a note file; give a regular file, "
        "or use --note TEXT\n"
    )
