"""``aftershock import-note``: notes in the source format become tags and metadata."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import _common

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..core.model import Codebook
    from ..ingest.note_import import ImportReport, Phase, SkippedNote
    from ..notes.statements import LostStatement


def import_note(
    ctx: typer.Context,
    notes: Annotated[
        list[Path],
        typer.Argument(
            help="Notes in the source format (.md files), or folders of them.",
            show_default=False,
        ),
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="HEADING=THEME",
            help="Read this heading (or wikilink) as this theme (repeatable).",
        ),
    ] = None,
    create_themes: Annotated[
        bool,
        typer.Option(
            "--create-themes", help="A heading that matches no theme becomes a new theme."
        ),
    ] = False,
    keep: Annotated[
        bool,
        typer.Option(
            "--keep",
            help="Keep an earlier import of the same note under another file name "
            "(by default it is replaced).",
        ),
    ] = False,
    coder: Annotated[
        str | None,
        typer.Option(
            "--coder",
            help="Who coded the statements (default: $AFTERSHOCK_CODER, else the 'coder' "
            "setting, else $USER).",
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Import the notes that can be imported and list the others "
            "(by default one such note stops the import).",
        ),
    ] = False,
    fmt: Annotated[
        _common.TableFormat,
        typer.Option("--format", "-f", help="json: print what was imported on stdout."),
    ] = _common.TableFormat.table,
) -> None:
    """Import notes: each statement citing the video becomes a tag of its themes.

    The note's title becomes a top-level theme (its page the file name), headings
    and wikilinks that name codebook themes add those themes, and the note is
    kept so that 'aftershock export VIDEO --format md' writes it back unchanged.
    Nothing is written when any of the files cannot be imported, unless
    --skip-invalid is given.

    Example: aftershock import-note notes/collaboration_in_public_sector.md
    """
    from ..ingest.note_import import import_notes

    ws = _common.workspace(ctx)
    files = _note_files(notes)
    mapping = _mapping(ws.codebook(), map_ or [])
    skipped: list[SkippedNote] | None = [] if skip_invalid else None
    with _common.progress(ctx, 3 * len(files), _PHASES["check"]) as bar:
        reports = import_notes(
            ws,
            files,
            coder,
            mapping=mapping,
            create_themes=create_themes,
            keep=keep,
            skipped=skipped,
            on_progress=lambda phase: _advance(bar, phase),
        )
    for report in reports:
        _tell(ctx, report)
    for note in skipped or []:
        _common.warn(f"skipped {note.reason}")
    if skipped:
        _common.notice(ctx, f"Imported {len(reports)} note(s), skipped {len(skipped)}")
    if fmt is _common.TableFormat.json:
        _print_json(reports, skipped)


def _print_json(reports: list[ImportReport], skipped: list[SkippedNote] | None) -> None:
    """What was imported (and skipped), as ``echo_json`` prints it, written one note at a
    time: the whole list at once took more memory than the import of 21,000 notes."""
    imported = (report.to_dict() for report in reports)
    if skipped is None:
        _write_list(imported, 0)
        sys.stdout.write("\n")
        return
    sys.stdout.write('{\n  "imported": ')
    _write_list(imported, 1)
    sys.stdout.write(',\n  "skipped": ')
    _write_list((note.to_dict() for note in skipped), 1)
    sys.stdout.write("\n}\n")


def _write_list(items: Iterator[dict[str, Any]], level: int) -> None:
    """``json.dumps(list(items), ensure_ascii=False, indent=2)`` nested ``level`` deep."""
    pad = "  " * (level + 1)
    start = "[\n"
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        sys.stdout.write(start + pad + text.replace("\n", "\n" + pad))
        start = ",\n"
    sys.stdout.write("[]" if start == "[\n" else "\n" + "  " * level + "]")


_PHASES: dict[Phase, str] = {
    "check": "Checking notes",
    "build": "Importing notes",
    "write": "Writing tags",
}


def _advance(bar: Progress | None, phase: Phase) -> None:
    """One note further in ``phase``; the bar names the pass it is in."""
    if bar is not None:
        bar.update(bar.task_ids[0], advance=1, description=_PHASES[phase])


def _note_files(paths: list[Path]) -> list[Path]:
    """The files given, and every .md below a folder given (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if p.is_file())
            if not found:
                _common.fail(f"{path} holds no .md note; give note files or folders of them")
            out += found
        else:
            out.append(path)
    return out


def _mapping(codebook: Codebook, pairs: list[str]) -> dict[str, str]:
    """``--map "HEADING=THEME"`` options as heading -> slug (the theme as tag names it)."""
    from ..tagging.themes import resolve_theme

    out: dict[str, str] = {}
    for pair in pairs:
        heading, sep, theme = pair.rpartition("=")
        if not sep or not heading.strip() or not theme.strip():
            _common.fail(
                f"--map '{pair}' is not HEADING=THEME; write it as "
                '--map "Strengthened Relationships=relationships"',
                code=2,
            )
        out[heading.strip()] = resolve_theme(codebook, theme.strip()).slug
    return out


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
    read = [c for c in report.choices if c.how != "exact"]
    if any(c.how != "none" for c in read):  # a choice worth showing was made
        _common.notice(
            ctx,
            f"{report.path}: read as themes: "
            + "; ".join(f"'{c.name}' -> {c.slug or 'no theme'}" + _HOW[c.how] for c in read),
        )
    see = f"see them with 'aftershock check {_common.shell_quote(report.path)}'"
    if report.adjusted:
        _common.warn(f"{report.path}: {report.adjusted}; {see}")
    if report.apart:  # a choice about the tag's range, not a fault of the note
        _common.notice(ctx, f"{report.path}: {report.apart}; {see}")
    if report.unread:
        _common.warn(
            f"{report.path}: did not import {report.unread}: statements are taken from "
            "paragraphs, list items and block quotes; move them out to make tags of them"
        )
    if report.not_imported:
        _common.warn(f"{report.path}: {_not_imported(report.not_imported)}; {see}")
    if not report.tags and not report.unread and not report.not_imported:
        _common.warn(
            f"{report.path} cites the video with no readable anchor, so it has no statement "
            'to export; add anchors such as <a class="yt-timestamp" data-t="00:01:02">'
            "[00:01:02]</a>"
        )


def _not_imported(lost: list[LostStatement], most: int = 3) -> str:
    """``2 statements not imported: "..." (line 14): time 01:41:97 is not a valid time; ...``"""
    shown = "; ".join(statement.describe() for statement in lost[:most])
    more = f"; and {len(lost) - most} more" if len(lost) > most else ""
    noun = "statement" if len(lost) == 1 else "statements"
    return f"{len(lost)} {noun} not imported: {shown}{more}"


_HOW = {
    "mapped": " (--map)",
    "words": " (by its words)",
    "created": " (new theme)",
    "none": "",
    "exact": "",
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("import-note")(import_note)
