"""``aftershock import-note``: notes in the source format become tags and metadata."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import _common

if TYPE_CHECKING:
    from ..ingest.note_import import ImportReport


def import_note(
    ctx: typer.Context,
    notes: Annotated[
        list[Path],
        typer.Argument(help="Notes in the source format (.md files).", show_default=False),
    ],
    coder: Annotated[
        str | None,
        typer.Option(
            "--coder",
            help="Who coded the statements (default: $AFTERSHOCK_CODER, else the 'coder' "
            "setting, else $USER).",
        ),
    ] = None,
    fmt: Annotated[
        _common.TableFormat,
        typer.Option("--format", "-f", help="json: print what was imported on stdout."),
    ] = _common.TableFormat.table,
) -> None:
    """Import notes: each statement citing the video becomes a tag of its themes.

    The note's title becomes a top-level theme (its page the file name), headings
    and wikilinks that name codebook themes add those themes, and the note is
    kept so that 'aftershock export VIDEO --format md' writes it back unchanged.
    Nothing is written when any of the files cannot be imported.

    Example: aftershock import-note notes/collaboration_in_public_sector.md
    """
    from ..ingest.note_import import import_notes

    reports = import_notes(_common.workspace(ctx), notes, coder)
    for report in reports:
        _tell(ctx, report)
    if fmt is _common.TableFormat.json:
        _common.echo_json([report.to_dict() for report in reports])


def _tell(ctx: typer.Context, report: ImportReport) -> None:
    """What importing one note did, as notices and warnings on stderr."""
    for theme in report.created_themes:
        _common.notice(
            ctx,
            f"Added theme '{theme.slug}' ({theme.label}) to the codebook, page [[{theme.page}]]",
        )
    replaced = f", replacing {report.replaced} of its earlier import" if report.replaced else ""
    _common.notice(
        ctx,
        f"Imported {report.path} ({report.video_id}): {report.tags} statement(s) as tags{replaced}",
    )
    see = f"see them with 'aftershock check {report.path}'"
    if report.adjusted:
        _common.warn(f"{report.path}: {report.adjusted}; {see}")
    if report.apart:  # a choice about the tag's range, not a fault of the note
        _common.notice(ctx, f"{report.path}: {report.apart}; {see}")
    if report.unread:
        _common.warn(
            f"{report.path}: did not import {report.unread}: statements are taken from "
            "paragraphs, list items and block quotes; move them out to make tags of them"
        )
    if not report.tags and not report.unread:
        _common.warn(
            f"{report.path} cites the video with no readable anchor, so it has no statement "
            'to export; add anchors such as <a class="yt-timestamp" data-t="00:01:02">'
            "[00:01:02]</a>"
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("import-note")(import_note)
