"""Paths built from data stay inside the folder the user named (vault, out-dir)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.core.model import Segment, Theme, Transcript
from aftershock_cli.export import ExportOptions
from aftershock_cli.export.batch import export_to_dir
from aftershock_cli.export.vault import write_vault
from aftershock_cli.files.paths import is_safe_component, safe_component, write_inside
from aftershock_cli.workspace.folder import Workspace
from hostile import assert_refused, snapshot

VIDEO = "AbCdEfGhIj0"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("plain name", "plain name"),
        ("../../etc", "_.._etc"),
        ("/etc/passwd", "_etc_passwd"),
        ("..", "_"),
        (".", "_"),
        ("", "_"),
        (".hidden", "hidden"),
        ("a\x00b\nc", "a_b_c"),
        ("C:\\Windows", "C__Windows"),
    ],
)
def test_a_name_from_data_becomes_one_safe_component(name, safe):
    assert safe_component(name) == safe
    assert is_safe_component(safe)


def test_a_long_name_is_cut_to_whole_characters_under_the_limit():
    name = safe_component("é" * 300)
    assert len(name.encode("utf-8")) <= 200
    assert name == "é" * 100


def test_a_write_through_a_link_out_of_the_folder_is_refused(tmp_path):
    root = tmp_path / "vault"
    root.mkdir()
    (root / "escape").symlink_to(tmp_path)
    with pytest.raises(InvalidInputError) as caught:
        write_inside(root, root / "escape" / "x.md")
    assert str(caught.value) == (
        f"refused to write {root}/escape/x.md: it would land outside {root} "
        f"(at {tmp_path}/x.md); nothing was written"
    )
    write_inside(root, root / "inside" / "x.md")


def _store(ws: Workspace, channel: str, title: str, video_id: str = VIDEO) -> None:
    ws.save_transcript(
        Transcript(
            video_id=video_id,
            title=title,
            channel=channel,
            channel_handle=channel,
            duration_ms=10_000,
            segments=(Segment(0, 4000, "Silos broke down across departments."),),
            source="file:test",
        )
    )


@pytest.mark.parametrize(
    "channel", ["../outside", "/tmp/abs", "../../../../deep", "..", "a/../../b"]
)
def test_a_hostile_channel_writes_only_inside_the_vault(cli, tmp_path, workspace_dir, channel):
    ws = Workspace.discover()
    _store(ws, channel, "Closing session")
    assert cli("tag", VIDEO, "0:00-0:04", "cross-silo").exit_code == 0
    around = tmp_path / "around"
    vault = around / "vault"
    vault.mkdir(parents=True)
    before = snapshot(tmp_path)
    r = cli("export", VIDEO, "--vault", str(vault))
    assert r.exit_code == 0, r.stderr
    after = snapshot(tmp_path)
    new = {k for k in after if k not in before}
    assert new, "the vault got its notes"
    assert all(k.startswith("around/vault/") for k in new), sorted(new)
    assert {k: v for k, v in after.items() if k in before} == before


def test_a_link_inside_the_vault_pointing_out_is_refused_before_anything_is_written(cli, tmp_path):
    ws = Workspace.discover()
    _store(ws, "chan", "Closing session")
    assert cli("tag", VIDEO, "0:00-0:04", "cross-silo").exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "chan").symlink_to(outside)
    before = snapshot(tmp_path)
    r = cli("export", VIDEO, "--vault", str(vault))
    assert_refused(r, str(vault / "chan"), "outside")
    assert snapshot(tmp_path) == before


_names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40
) | st.sampled_from(["..", ".", "../x", "/abs", "a/../../b", "\\..\\x", "~", "-", "\x00"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(channel=_names, title=_names, page=_names)
def test_any_channel_title_or_theme_page_stays_inside_the_named_folder(
    tmp_path_factory, channel, title, page
):
    base = tmp_path_factory.mktemp("prop")
    ws = Workspace.init(base / "ws")
    _store(ws, channel, title)
    with ws.editing_config() as config:
        config.codebook = config.codebook.with_theme(Theme("odd", "Odd theme", page=page))
    with ws.editing_tags(VIDEO) as tagfile:
        from aftershock_cli.core.model import Tag

        tagfile.tags.append(
            Tag(id="t1", video_id=VIDEO, start_ms=0, end_ms=4000, themes=("odd",), note=title)
        )
    for kind in ("vault", "dir"):
        out = base / "around" / kind
        out.mkdir(parents=True)
        before = {
            p
            for p in base.rglob("*")
            if not str(p).startswith(str(out)) and ".aftershock" not in p.parts
        }
        try:
            if kind == "vault":
                write_vault(ws, [VIDEO], out, ExportOptions())
            else:
                export_to_dir(ws, [VIDEO], "md", ExportOptions(), out, skip_untagged=True)
        except InvalidInputError:
            pass  # refusing a name is allowed; writing outside is not
        after = {
            p
            for p in base.rglob("*")
            if not str(p).startswith(str(out)) and ".aftershock" not in p.parts
        }
        assert after == before
        for path in out.rglob("*"):
            assert Path(str(path.resolve())).is_relative_to(out.resolve())


def test_the_video_id_of_a_file_name_is_checked(tmp_path):
    # a video id is a safe component by its own rule (11 characters of [A-Za-z0-9_-])
    assert is_safe_component(VIDEO)
