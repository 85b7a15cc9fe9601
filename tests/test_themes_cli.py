"""``aftershock themes``: listing, adding, editing, renaming, removing, import/export."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import yaml

from aftershock_cli.core.codebook import default_codebook
from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.core.model import Codebook, Theme
from aftershock_cli.refi.ids import theme_guid
from aftershock_cli.tagging.tags import add_tag
from aftershock_cli.tagging.themes import resolve_theme
from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store

TREE = (
    "Theme                     Label                                         Tags\n"
    "public-sector-innovation  Public sector innovation and collaboration       0\n"
    "  cross-silo              Cross-sectoral and cross-silo work               1\n"
    "  relationships           Relationships and feedback loops                 1\n"
    "  local-engagement        Local engagement and institutional diversity     0\n"
    "  international           International cooperation                        0\n"
    "  human-centred           Human-centred design                             0\n"
    "  experimentation         Experimentation and learning                     0\n"
    "  anticipation            Anticipation and futures                         0\n"
)


def fresh() -> Workspace:
    return Workspace.discover()


@pytest.fixture
def tagged() -> Workspace:
    ws = store()
    add_tag(ws, VIDEO, 4000, 9000, ["cross-silo", "relationships"])
    return ws


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("cross-silo", "cross-silo"),
        ("Cross-Sectoral and cross-silo work", "cross-silo"),
        ("Anticipatory innovation and futures thinking", "anticipation"),
        ("exp", "experimentation"),
        ("HUMAN", "human-centred"),
        ("Crossb", "international"),
    ],
)
def test_resolve_theme(name, slug):
    assert resolve_theme(default_codebook(), name).slug == slug


def test_resolve_theme_errors():
    book = Codebook((Theme("alpha-one", "A1"), Theme("alpha-two", "A2")))
    with pytest.raises(
        InvalidInputError, match=r"theme 'alp' is ambiguous: it could be alpha-one, alpha-two"
    ):
        resolve_theme(book, "alp")
    with pytest.raises(
        InvalidInputError,
        match=r"no theme 'alpha-3' in the codebook; closest: alpha-two, alpha-one",
    ):
        resolve_theme(book, "alpha-3")


def test_list_tree_with_counts(cli, tagged):
    r = cli("themes")
    assert r.exit_code == 0
    assert r.stdout == TREE


def test_list_json_yaml_csv(cli, tagged):
    data = json.loads(cli("themes", "--format", "json").stdout)
    assert data[1] == {
        "slug": "cross-silo",
        "label": "Cross-sectoral and cross-silo work",
        "page": "Intergovernmental and crosssectoral collaboration",
        "description": "Working across departments, levels of government and sectors; silos "
        "breaking down; joined-up thinking.",
        "keywords": list(default_codebook().get("cross-silo").keywords),
        "parent": "public-sector-innovation",
        "color": "",
        "guid": "",
        "codable": True,
        "tags": 1,
    }
    listed = yaml.safe_load(cli("themes", "--format", "yaml").stdout)
    assert [t["slug"] for t in listed["themes"]] == [t.slug for t in default_codebook()]
    csv_lines = cli("themes", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "slug,label,page,description,keywords,parent,color,guid,codable"
    assert len(csv_lines) == 9


def test_add_and_edit(cli):
    r = cli(
        "themes",
        "add",
        "trust",
        "--label",
        "Trust in government",
        "-k",
        "trust",
        "--parent",
        "relat",
    )
    assert (r.exit_code, r.stderr) == (0, "Added theme trust (Trust in government)\n")
    theme = fresh().codebook().get("trust")
    assert (theme.label, theme.keywords, theme.parent) == (
        "Trust in government",
        ("trust",),
        "relationships",
    )
    r = cli(
        "themes",
        "edit",
        "Trust in gov",
        "--add-keyword",
        "confidence",
        "--parent",
        "",
        "--color",
        "#112233",
    )
    assert (r.exit_code, r.stderr) == (0, "Changed theme trust\n")
    theme = fresh().codebook().get("trust")
    assert (theme.keywords, theme.parent, theme.color) == (("trust", "confidence"), None, "#112233")
    r = cli(
        "themes",
        "edit",
        "trust",
        "--remove-keyword",
        "trust",
        "--description",
        "Faith in institutions.",
    )
    theme = fresh().codebook().get("trust")
    assert (theme.keywords, theme.description) == (("confidence",), "Faith in institutions.")


def test_edit_without_a_change_is_an_error(cli):
    before = fresh().config_path.read_text() if fresh().config_path.exists() else None
    r = cli("themes", "edit", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: nothing to change; give --label, --page, --description, --keyword, "
        "--add-keyword, --remove-keyword, --parent, --color, --group or --codable\n"
    )
    after = fresh().config_path.read_text() if fresh().config_path.exists() else None
    assert after == before


def test_rename_by_prefix_names_the_slug(cli, tagged):
    r = cli("themes", "rename", "cross", "silos")
    assert (r.exit_code, r.stderr) == (0, "Renamed theme cross-silo to silos (1 tag(s) changed)\n")


def test_add_errors(cli):
    assert cli("themes", "add", "Bad Slug").stderr == (
        "Error: 'Bad Slug' is not a theme slug (lower-case letters, digits and single hyphens); "
        "try 'bad-slug'\n"
    )
    assert cli("themes", "add", "cross-silo").stderr == (
        "Error: theme 'cross-silo' already exists; change it with 'aftershock themes edit cross-silo'\n"
    )
    assert cli("themes", "add", "x", "--color", "red").stderr == (
        "Error: colour 'red' is not #RRGGBB (as in #1f77b4)\n"
    )
    assert cli("themes", "add", "x", "--parent", "zzz").stderr.startswith("Error: no theme 'zzz'")


def test_parent_loop_is_refused(cli):
    cli("themes", "add", "child", "--parent", "cross-silo")
    r = cli("themes", "edit", "cross-silo", "--parent", "child")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: 'child' cannot be the parent of 'cross-silo': that would make a loop in the hierarchy\n"
    )


def test_rename_moves_tags_and_children(cli, tagged):
    cli("themes", "add", "silo-breaking", "--parent", "cross-silo")
    r = cli("themes", "rename", "cross-silo", "silos")
    assert (r.exit_code, r.stderr) == (0, "Renamed theme cross-silo to silos (1 tag(s) changed)\n")
    ws = fresh()
    assert ws.load_tags(VIDEO)[0].themes == ("silos", "relationships")
    assert ws.codebook().get("silo-breaking").parent == "silos"
    assert "cross-silo" not in ws.codebook()
    assert cli("themes", "rename", "silos", "relationships").stderr == (
        "Error: theme 'relationships' already exists; choose another slug\n"
    )


def test_remove_is_refused_while_used(cli, tagged):
    r = cli("themes", "remove", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: theme 'cross-silo' is used by 1 tag; move them with --reassign OTHER, "
        "or drop the theme from them with --force\n"
    )
    assert "cross-silo" in fresh().codebook()


def test_remove_with_reassign_and_force(cli, tagged):
    r = cli("themes", "remove", "cross-silo", "--reassign", "experimentation")
    assert (r.exit_code, r.stderr) == (0, "Removed theme cross-silo (1 tag(s) changed)\n")
    assert fresh().load_tags(VIDEO)[0].themes == ("experimentation", "relationships")
    r = cli("themes", "remove", "relationships", "--force")
    assert r.stderr == "Removed theme relationships (1 tag(s) changed)\n"
    r = cli("themes", "remove", "experimentation", "--force")
    assert r.stderr == "Removed theme experimentation (0 tag(s) changed, 1 tag(s) deleted)\n"
    assert fresh().load_tags(VIDEO) == []


def test_remove_unused_moves_children_up(cli):
    cli("themes", "add", "grandchild", "--parent", "cross-silo")
    assert cli("themes", "remove", "cross-silo").exit_code == 0
    assert fresh().codebook().get("grandchild").parent == "public-sector-innovation"


def test_export_import_yaml_and_csv(cli, tmp_path: Path):
    out = tmp_path / "book.yaml"
    assert cli("themes", "export", "-o", str(out)).stderr == f"Wrote {out}\n"
    text = out.read_text().replace("label: Human-centred design", "label: People first")
    text += "- slug: trust\n  label: Trust\n  parent: relationships\n"
    out.write_text(text)
    r = cli("themes", "import", str(out))
    assert r.stderr == (
        f"updated human-centred (label)\nadded trust\nImported {out}: 2 change(s)\n"
    )
    book = fresh().codebook()
    assert book.get("human-centred").label == "People first"
    assert book.get("trust").parent == "relationships"
    csv_path = tmp_path / "book.csv"
    csv_path.write_text(cli("themes", "export", "--format", "csv").stdout)
    r = cli("themes", "import", str(csv_path))
    assert r.stderr == f"Imported {csv_path}: the codebook already had it all\n"


def test_import_errors_leave_the_codebook(cli, tmp_path: Path):
    before = fresh().config_path.read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes:\n- slug: a\n  parent: nowhere\n")
    assert cli("themes", "import", str(bad)).stderr == (
        "Error: theme 'a' names the parent 'nowhere', which is in neither the file nor the "
        "codebook; nothing was changed\n"
    )
    broken = tmp_path / "broken.csv"
    broken.write_text("name,label\nx,y\n")
    assert cli("themes", "import", str(broken)).stderr == (
        f"Error: {broken}:1: the first row must name the columns, with at least 'slug'; "
        "fix the file by hand (it was left unchanged) and try again\n"
    )
    txt = tmp_path / "book.txt"
    txt.write_text("x")
    assert cli("themes", "import", str(txt)).stderr == (
        f"Error: {txt}: cannot read a codebook from a '.txt' file; give a .yaml, .csv, .qdc or .qdpx file\n"
    )
    assert fresh().config_path.read_text() == before


def test_export_qdc_uses_a_stable_workspace_namespace(cli, tmp_path: Path):
    first = cli("themes", "export", "--format", "qdc").stdout
    assert first.startswith("<?xml")
    assert 'name="Cross-sectoral and cross-silo work"' in first
    assert cli("themes", "export", "--format", "qdc").stdout == first
    path = tmp_path / "book.qdc"
    path.write_text(first)
    r = cli("themes", "import", str(path))
    assert r.exit_code == 0
    assert r.stderr.endswith(f"Imported {path}: {len(r.stderr.splitlines()) - 1} change(s)\n")


def test_import_qdc_counts_only_changes(cli, tmp_path: Path):
    path = tmp_path / "book.qdc"
    path.write_text(cli("themes", "export", "--format", "qdc").stdout)
    first = cli("themes", "import", str(path)).stderr.splitlines()
    assert first[-1] == f"Imported {path}: 8 change(s)"
    assert len(first) == 9
    assert all(line.startswith("linked ") for line in first[:-1])
    r = cli("themes", "import", str(path))
    assert r.exit_code == 0
    assert r.stderr == f"Imported {path}: the codebook already had it all\n"


def test_unknown_theme_hint_fits_the_command(cli):
    r = cli("themes", "edit", "silo-work", "--label", "Silos")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: no theme 'silo-work' in the codebook; closest: cross-silo "
        "(add it with 'aftershock themes add')\n"
    )
    r = cli("tags", "--theme", "zzzz")
    assert r.stderr == (
        "Error: no theme 'zzzz' in the codebook; list themes with 'aftershock themes' "
        "(add one with 'aftershock themes add')\n"
    )


def test_import_refuses_a_bad_slug(cli, tmp_path: Path):
    before = fresh().config_path.read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("- slug: Bad Slug\n")
    r = cli("themes", "import", str(bad))
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: 'Bad Slug' is not a theme slug (lower-case letters, digits and single hyphens); "
        "try 'bad-slug'; nothing was changed\n",
    )
    assert fresh().config_path.read_text() == before


def test_import_names_what_kind_of_file_it_cannot_read(cli, tmp_path):
    odd = tmp_path / "codebook"
    odd.write_text("slug,label\n")
    result = cli("themes", "import", str(odd))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {odd}: cannot read a codebook from a file without an extension; "
        "give a .yaml, .csv, .qdc or .qdpx file\n"
    )
    odd_pdf = tmp_path / "codebook.pdf"
    odd_pdf.write_text("x")
    result = cli("themes", "import", str(odd_pdf))
    assert result.stderr == (
        f"Error: {odd_pdf}: cannot read a codebook from a '.pdf' file; "
        "give a .yaml, .csv, .qdc or .qdpx file\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("rename", "cross-silo", "silos"),
        ("remove", "cross-silo", "--reassign", "experimentation"),
        ("remove", "cross-silo", "--force"),
    ],
)
def test_a_broken_tag_file_stops_rename_and_remove_before_any_change(cli, tagged, args):
    broken = tagged.tags_path("zzzzzzzzzzz")  # read after VIDEO's file
    broken.write_text("tags: [unclosed\n")
    tags_before = tagged.tags_path(VIDEO).read_text()
    config_before = tagged.config_path.read_text()
    r = cli("themes", *args)
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {broken}:2: invalid YAML (did not find expected ',' or ']'); "
        "fix the file by hand (it was left unchanged) and try again\n",
    )
    assert tagged.tags_path(VIDEO).read_text() == tags_before
    assert tagged.config_path.read_text() == config_before
    assert broken.read_text() == "tags: [unclosed\n"


def test_export_qdc_writes_nothing_in_a_workspace_without_an_id(cli, tmp_path: Path):
    plain = tmp_path / "plain"
    Workspace.init(plain)
    config = plain / "aftershock.yaml"
    config.write_text(config.read_text().replace("workspace_id:", "old_id:"))
    before = config.read_text()
    first = cli("-w", str(plain), "themes", "export", "--format", "qdc")
    assert (first.exit_code, first.stderr) == (0, "")
    assert config.read_text() == before
    guid = str(uuid.uuid5(uuid.NAMESPACE_URL, plain.resolve().as_uri()))
    assert f'guid="{theme_guid(default_codebook().get("cross-silo"), guid)}"' in first.stdout
    assert cli("-w", str(plain), "themes", "export", "--format", "qdc").stdout == first.stdout


def test_export_qdc_keeps_the_guids_of_a_workspace_with_an_id(cli):
    ws = fresh()
    with ws.editing_config() as config:
        config.settings["workspace_id"] = "0b5e1d2c-0000-4000-8000-000000000001"
    before = ws.config_path.read_text()
    out = cli("themes", "export", "--format", "qdc").stdout
    guid = theme_guid(default_codebook().get("cross-silo"), "0b5e1d2c-0000-4000-8000-000000000001")
    assert f'guid="{guid}"' in out
    assert fresh().config_path.read_text() == before


def test_an_empty_theme_name_picks_no_theme(cli):
    store()
    assert cli("themes", "add", "trust", "--label", "Trust").exit_code == 0
    empty = (
        "Error: a theme name is empty; give a theme's slug, label or the start of one "
        "(list them with 'aftershock themes')\n"
    )
    r = cli("themes", "remove", " ")
    assert (r.exit_code, r.stderr) == (1, empty)
    assert "trust" in fresh().codebook()
    tag = add_tag(fresh(), VIDEO, 4000, 9000, ["cross-silo"])
    r = cli("retag", tag.id, "--theme", "")
    assert (r.exit_code, r.stderr) == (1, empty)
    assert fresh().load_tags(VIDEO)[0].themes == ("cross-silo",)
    r = cli("tag", VIDEO, "0:05", "", "--create")
    assert (r.exit_code, r.stderr) == (1, empty)
    assert len(fresh().load_tags(VIDEO)) == 1


@pytest.mark.parametrize(
    ("rows", "loop"),
    [
        ("a,A,b\nb,B,a\n", "a -> b -> a"),
        ("c,C,c\n", "c -> c"),
        ("d,D,a\na,A,b\nb,B,a\n", "a -> b -> a"),
    ],
)
def test_import_refuses_a_parent_loop(cli, tmp_path: Path, rows, loop):
    before = fresh().config_path.read_text()
    book = tmp_path / "loop.csv"
    book.write_text("slug,label,parent\n" + rows)
    r = cli("themes", "import", str(book))
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        f"Error: the parents make a loop in the hierarchy ({loop}); "
        "fix the parents in the file; nothing was changed\n"
    )
    assert fresh().config_path.read_text() == before


def test_grouping_themes_are_made_and_undone_from_the_command_line(cli, tagged):
    r = cli("themes", "add", "governance", "--label", "Governance", "--group")
    assert (r.exit_code, r.stderr) == (0, "Added grouping theme governance (Governance)\n")
    assert fresh().codebook().get("governance").codable is False
    cli("themes", "edit", "anticipation", "--parent", "governance")
    assert cli("themes").stdout.splitlines()[-2:] == [
        "governance                Governance (grouping theme)                      0",
        "  anticipation            Anticipation and futures                         0",
    ]
    r = cli("tag", VIDEO, "0:10-0:20", "governance")
    assert r.stderr == (
        "Error: theme 'governance' groups other themes and is not codable; tag with a theme "
        "under it (anticipation)\n"
    )
    assert cli("themes", "edit", "governance", "--codable").exit_code == 0
    assert fresh().codebook().get("governance").codable is True
    assert cli("themes", "edit", "governance", "--group").exit_code == 0
    assert fresh().codebook().get("governance").codable is False


def test_a_theme_tags_hold_is_not_made_a_group(cli, tagged):
    before = (fresh().config_path.read_bytes(), fresh().tags_path(VIDEO).read_bytes())
    r = cli("themes", "edit", "cross-silo", "--group", "--label", "Silos")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: theme 'cross-silo' is used by 1 tag, and a grouping theme holds none; "
        "list them with 'aftershock tags --theme cross-silo' and give them other themes "
        "with 'aftershock retag ID --theme OTHER'\n"
    )
    assert (fresh().config_path.read_bytes(), fresh().tags_path(VIDEO).read_bytes()) == before
