"""``aftershock themes``: list and change the codebook, and share it with others."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import _common, _complete

CODEBOOK_HEADER = "# aftershock codebook: load it with 'aftershock themes import FILE'\n"
"""The comment a codebook exported as YAML starts with."""

themes_app = typer.Typer(
    invoke_without_command=True, no_args_is_help=False, add_completion=False, rich_markup_mode=None
)


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class FileFormat(enum.StrEnum):
    yaml = "yaml"
    csv = "csv"
    qdc = "qdc"


LabelOpt = Annotated[str | None, typer.Option("--label", help="Human label (a heading).")]
PageOpt = Annotated[str | None, typer.Option("--page", help="Wikilink target of its page.")]
DescOpt = Annotated[str | None, typer.Option("--description", help="What the theme covers.")]
KeywordOpt = Annotated[
    list[str] | None,
    typer.Option("--keyword", "-k", help="A keyword for suggest (repeatable; replaces the list)."),
]
ParentOpt = Annotated[
    str | None, typer.Option("--parent", help="Parent theme ('' for none in edit).")
]
ColorOpt = Annotated[str | None, typer.Option("--color", help="Colour as #RRGGBB.")]


@themes_app.callback()
def themes(
    ctx: typer.Context,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
) -> None:
    """List the codebook as a tree with tag counts, or change it with the commands below.

    Example: aftershock themes --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..refi.codebook_file import codebook_to_csv, codebook_to_yaml
    from ..tagging.themes import tag_counts
    from ._tagview import print_themes_tree, themes_json

    ws = _common.workspace(ctx)
    book = ws.codebook()
    if fmt is ListFormat.yaml:
        sys.stdout.write(codebook_to_yaml(book, CODEBOOK_HEADER))
    elif fmt is ListFormat.csv:
        sys.stdout.write(codebook_to_csv(book))
    elif fmt is ListFormat.json:
        _common.echo_json(themes_json(book, tag_counts(ws)))
    else:
        print_themes_tree(book, tag_counts(ws))


@themes_app.command("add")
def add(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="Short name: lower-case words and hyphens.")],
    label: LabelOpt = None,
    page: PageOpt = None,
    description: DescOpt = None,
    keyword: KeywordOpt = None,
    parent: ParentOpt = None,
    color: ColorOpt = None,
    group: Annotated[
        bool,
        typer.Option(
            "--group", help="A grouping theme: it orders its sub-themes and is not applied to tags."
        ),
    ] = False,
) -> None:
    """Add a theme to the codebook.

    Example: aftershock themes add trust --label "Trust in government" --keyword trust --parent relationships
    """
    from ..core.model import Theme
    from ..tagging.themes import add_theme, resolve_theme

    ws = _common.workspace(ctx)
    with ws.editing_config() as config:
        up = resolve_theme(config.codebook, parent).slug if parent else None
        theme = Theme(
            slug, label or slug.replace("-", " ").capitalize(), page or "", description or "",
            tuple(keyword or ()), up, color=color or "", codable=not group,
        )  # fmt: skip
        config.codebook = add_theme(config.codebook, theme)
    kind = "grouping theme" if group else "theme"
    _common.notice(ctx, f"Added {kind} {slug} ({theme.label})")


@themes_app.command("edit")
def edit(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The theme (slug, label or prefix).", autocompletion=_complete.theme_slugs
        ),
    ],
    label: LabelOpt = None,
    page: PageOpt = None,
    description: DescOpt = None,
    keyword: KeywordOpt = None,
    add_keyword: Annotated[
        list[str] | None, typer.Option("--add-keyword", help="Add a keyword (repeatable).")
    ] = None,
    remove_keyword: Annotated[
        list[str] | None, typer.Option("--remove-keyword", help="Remove a keyword (repeatable).")
    ] = None,
    parent: ParentOpt = None,
    color: ColorOpt = None,
    group: Annotated[
        bool | None,
        typer.Option(
            "--group/--codable",
            help="Make it a grouping theme (refused while tags hold it), or codable again.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Change a theme's label, page, description, keywords, parent, colour or kind.

    Example: aftershock themes edit cross-silo --add-keyword "joined-up" --page "Cross-silo work"
    """
    from ..tagging.themes import check_can_group, edit_theme, resolve_theme

    given = (label, page, description, keyword, add_keyword, remove_keyword, parent, color, group)
    if all(v is None for v in given):
        _common.fail(
            "nothing to change; give --label, --page, --description, --keyword, "
            "--add-keyword, --remove-keyword, --parent, --color, --group or --codable"
        )
    ws = _common.workspace(ctx)
    with ws.editing_config() as config:
        theme = resolve_theme(config.codebook, name)
        if group:
            check_can_group(ws, theme)
        words = list(keyword) if keyword is not None else list(theme.keywords)
        words += [k for k in add_keyword or () if k not in words]
        words = [k for k in words if k not in (remove_keyword or ())]
        up = parent if not parent else resolve_theme(config.codebook, parent).slug
        config.codebook = edit_theme(
            config.codebook, theme.slug, label=label, page=page, description=description,
            keywords=tuple(words), parent=up, color=color,
            codable=None if group is None else not group,
        )  # fmt: skip
    _common.notice(ctx, f"Changed theme {theme.slug}")


@themes_app.command("rename")
def rename(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(
            help="The theme (slug, label or prefix).", autocompletion=_complete.theme_slugs
        ),
    ],
    new: Annotated[str, typer.Argument(help="Its new slug.")],
) -> None:
    """Give a theme a new slug; every tag and sub-theme follows.

    Example: aftershock themes rename cross-silo silos
    """
    from ..tagging.themes import rename_theme, resolve_theme

    ws = _common.workspace(ctx)
    slug = resolve_theme(ws.codebook(), old).slug
    changed = rename_theme(ws, slug, new)
    _common.notice(ctx, f"Renamed theme {slug} to {new} ({changed} tag(s) changed)")


@themes_app.command("remove")
def remove(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The theme (slug, label or prefix).", autocompletion=_complete.theme_slugs
        ),
    ],
    reassign: Annotated[
        str | None, typer.Option("--reassign", help="Give its tags this theme instead.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Drop it from its tags (tags left bare are deleted).")
    ] = False,
) -> None:
    """Remove a theme (refused while tags use it); its sub-themes move up a level.

    Example: aftershock themes remove anticipation --reassign experimentation
    """
    from ..tagging.themes import remove_theme

    theme, changed, deleted = remove_theme(
        _common.workspace(ctx), name, reassign=reassign, force=force
    )
    extra = f", {deleted} tag(s) deleted" if deleted else ""
    _common.notice(ctx, f"Removed theme {theme.slug} ({changed} tag(s) changed{extra})")


@themes_app.command("import")
def import_(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="A codebook: .yaml, .csv, .qdc or .qdpx.", exists=True, dir_okay=False),
    ],
) -> None:
    """Merge a codebook file into this workspace's codebook (same slug: updated).

    Example: aftershock themes import shared-codebook.yaml
    """
    from ..refi.codebook_file import import_codebook

    report, changed = import_codebook(_common.workspace(ctx), path)
    for line in report:
        _common.notice(ctx, line)
    summary = f"{changed} change(s)" if changed else "the codebook already had it all"
    _common.notice(ctx, f"Imported {path}: {summary}")


@themes_app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[FileFormat, typer.Option("--format", "-f", help="File format.")] = (
        FileFormat.yaml
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Write the codebook as YAML, CSV or REFI-QDA (.qdc) to share it.

    Example: aftershock themes export --format csv -o codebook.csv
    """
    from ..refi.codebook_file import codebook_bytes

    data = codebook_bytes(_common.workspace(ctx), fmt.value, CODEBOOK_HEADER)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from ..files.fsutil import is_stream, write_output

    write_output(output, data)
    if not is_stream(output):
        _common.notice(ctx, f"Wrote {output}")


def register(app: typer.Typer) -> None:
    app.add_typer(themes_app, name="themes")
