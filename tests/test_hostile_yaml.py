"""Workspace YAML and JSON that would exhaust memory or the stack: refused with one line."""

from __future__ import annotations

import pytest

from aftershock_cli.files.fsutil import dump_yaml
from hostile import assert_refused, snapshot
from tagging_data import VIDEO, store
from test_hostile_inputs import run_limited


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        refs = ",".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_the_settings_is_refused_with_its_line(cli, workspace_dir):
    config = workspace_dir / "aftershock.yaml"
    config.write_text(billion_laughs())
    before = snapshot(workspace_dir)
    r = cli("themes")
    assert r.stderr == (
        f"Error: {config}:2: holds a YAML alias (*a0), which aftershock files never use; "
        "fix the file by hand (it was left unchanged) and try again\n"
    )
    assert r.exit_code == 1
    assert snapshot(workspace_dir) == before


def test_an_alias_bomb_in_a_tag_file_is_refused_within_bounded_memory(workspace_dir):
    store()
    tags = workspace_dir / "tags" / f"{VIDEO}.yaml"
    tags.write_text(f"video_id: {VIDEO}\n" + billion_laughs() + "tags: *a8\n")
    before = snapshot(workspace_dir)
    r = run_limited(["tags", VIDEO], workspace_dir, mib=300)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith(f"Error: {tags}:3: holds a YAML alias (*a0)"), r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert snapshot(workspace_dir) == before


def test_a_value_used_twice_is_written_out_twice_never_as_an_alias():
    shared = ["a", "b"]
    assert dump_yaml({"x": shared, "y": shared}) == "x:\n- a\n- b\ny:\n- a\n- b\n"


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_a_transcript_nested_deeper_than_any_real_file_is_refused(cli, workspace_dir, depth):
    store()
    path = workspace_dir / "transcripts" / f"{VIDEO}.json"
    path.write_text("[" * depth + "]" * depth)
    before = snapshot(workspace_dir)
    line = assert_refused(cli("show", VIDEO), str(path))
    assert line == (
        f"Error: {path}: invalid JSON (nested too deeply); "
        "fix the file by hand (it was left unchanged) and try again"
    )
    assert snapshot(workspace_dir) == before
