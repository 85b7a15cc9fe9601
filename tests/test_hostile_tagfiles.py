"""Tag files too big to read: a documented bound on tags and bytes, refused with one line
before parsing; a long tag file's list parsed in parts, so its memory stays bounded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from aftershock_cli.core import limits
from aftershock_cli.files.yaml_parts import load_in_parts
from hostile import assert_refused, snapshot
from tagging_data import VIDEO, store

KEPT = "; fix the file by hand (it was left unchanged) and try again"


def _tags_text(count: int, note: str = "Silos broke down across departments.") -> str:
    item = (
        "- id: t{i:07d}\n  start_ms: {i}000\n  end_ms: {j}000\n  themes:\n  - cross-silo\n"
        f"  note: {note}\n  section: ''\n  coder: ana\n  created: ''\n"
    )
    items = "".join(item.format(i=i, j=i + 5) for i in range(count))
    return f"version: 1\nvideo_id: {VIDEO}\ntags:\n{items}"


def test_a_tag_file_with_too_many_tags_is_refused_before_it_is_parsed(cli, workspace_dir):
    store()
    path = workspace_dir / "tags" / f"{VIDEO}.yaml"
    count = limits.MAX_TAGS_PER_FILE + 1
    path.write_text("version: 1\ntags:\n" + "- id: a\n  start_ms: x\n" * count)
    before = snapshot(workspace_dir)
    line = assert_refused(cli("tags", VIDEO), str(path))
    assert line == (
        f"Error: {path}: holds 100,001 tags, more than the 100,000 one video may have{KEPT}"
    )
    assert snapshot(workspace_dir) == before


def test_a_tag_file_over_its_size_limit_is_refused_unread(cli, workspace_dir):
    store()
    path = workspace_dir / "tags" / f"{VIDEO}.yaml"
    with open(path, "wb") as handle:
        handle.truncate(limits.MAX_TAG_FILE_BYTES + 1)  # sparse: never read
    before = snapshot(workspace_dir)
    line = assert_refused(cli("tag", VIDEO, "0:04-0:09", "cross-silo"), str(path))
    assert line == (
        f"Error: {path}: is 67,108,865 bytes, more than the 67,108,864 allowed, "
        f"not a YAML file{KEPT}"
    )
    assert snapshot(workspace_dir) == before


def test_no_more_tags_than_the_bound_are_written(workspace_dir):
    from aftershock_cli.core.errors import InvalidInputError
    from aftershock_cli.core.model import Tag
    from aftershock_cli.core.schema import TagFile, tagfile_to_dict

    tag = Tag("a", VIDEO, 0, 1, ("x",))
    with pytest.raises(InvalidInputError) as caught:
        tagfile_to_dict(TagFile(VIDEO, [tag] * (limits.MAX_TAGS_PER_FILE + 1)))
    assert str(caught.value) == (
        f"{VIDEO} would have 100,001 tags, more than the 100,000 one video may have; "
        "nothing was written"
    )


def _load(text: str) -> object:
    return yaml.load(text, Loader=yaml.SafeLoader)


ODD_NOTES = [
    "'quoted: with a colon'",
    '"double \\"quoted\\"\\n  with an escape"',
    "|\n    a block\n    of two lines",
    ">-\n    folded\n\n    paragraphs",
    "plain # with a comment after",
    '"\\u00e9t\\u00e9 \\U0001F600"',
    "'- looks like an item'",
]


@pytest.mark.parametrize("note", ODD_NOTES)
def test_a_list_parsed_in_parts_is_the_list_parsed_whole(note):
    text = _tags_text(7, note) + "layouts:\n- kind: note\n  blocks: [1, 2]\n# the end\n"
    parts = load_in_parts(text, _load, (yaml.YAMLError,), batch=3)
    assert parts is not None
    assert parts == _load(text)


def test_crlf_line_ends_parse_the_same_in_parts():
    text = _tags_text(5).replace("\n", "\r\n")
    assert load_in_parts(text, _load, (yaml.YAMLError,), batch=2) == _load(text)


@pytest.mark.parametrize(
    "text",
    [
        "version: 1\ntags:\n  - id: a\n",  # an indented list: nothing at the margin
        "tags:\n- id: a\ntags:\n- id: b\n",  # a key twice
        "---\ntags:\n- id: a\n---\ntags: []\n",  # two documents
        "tags:\n  a: 1\n",  # a mapping under the key
        "tags:\n- id: a\n  note: [unclosed\n",  # broken: the whole parse reports it
        "- a\n- b\n",  # not a mapping
    ],
)
def test_text_laid_out_otherwise_is_left_to_the_whole_parse(text):
    assert load_in_parts(text, _load, (yaml.YAMLError,), batch=1) is None


def test_a_long_tag_file_reads_within_a_small_address_space(tmp_path):
    """15,000 tags parsed whole take about 140 MiB (9.3 KiB a tag, see
    docs/limits.md); in parts about 25 MiB. The child may use 112 MiB in all."""
    root = tmp_path / "big"
    (root / "tags").mkdir(parents=True)
    (root / "aftershock.yaml").write_text("version: 1\n")
    (root / "tags" / f"{VIDEO}.yaml").write_text(_tags_text(15_000))
    code = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        from aftershock_cli.workspace.folder import Workspace
        ws = Workspace(Path({str(root)!r}))
        resource.setrlimit(resource.RLIMIT_AS, (112 * 2**20, 112 * 2**20))
        print(len(ws.load_tags({VIDEO!r})))
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr.decode()[-500:]
    assert r.stdout == b"15000\n"


def test_the_limits_are_in_the_docs():
    docs = (Path(__file__).parent.parent / "docs" / "limits.md").read_text()
    assert "| A tag file | 64 MiB and 100,000 tags |" in docs
    assert "| A time (segment, cue, chapter, tag, range) | 0 to 168:00:00 (seven days) |" in docs
