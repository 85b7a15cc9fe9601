"""``aftershock check``: verify (and fix) the anchors of notes against their transcripts."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

from . import _common

if TYPE_CHECKING:
    from ..check.run import NoteResult, TranscriptLookup
    from ..core.model import Transcript
    from ..workspace.folder import Workspace


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"


def check(
    ctx: typer.Context,
    notes: Annotated[
        list[str],
        typer.Argument(
            metavar="NOTE...", help="Note files, folders of notes (every .md below) or video ids."
        ),
    ],
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite the anchors whose right time is certain.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="With --fix: print a unified diff, write nothing.")
    ] = False,
    transcript: Annotated[
        Path | None,
        typer.Option(
            "--transcript",
            help="Check against this caption file (.vtt, .srt, .sbv, .ttml, ...) instead of the "
            "workspace's transcript.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch each note's transcript from YouTube.")
    ] = False,
    vault: Annotated[
        Path | None,
        typer.Option(
            "--vault", help="Report wikilinks that match no page of this vault.", file_okay=False
        ),
    ] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")] = (
        CheckFormat.text
    ),
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
) -> None:
    """Check the front matter, source line, sections and timestamp anchors of notes.

    With a transcript (the workspace's, --transcript FILE or --fetch) it also scores
    how well the moment each anchor cites supports its statement and reports a
    better moment when there is one. Exit status 1 when an error is found
    (a warning too with --strict).

    Example: aftershock check notes/ --fix --dry-run
    """
    from ..check.run import (
        CheckOptions,
        check_sources,
        collect_sources,
        failed,
        report_json,
        report_text,
    )
    from ..export.md import note_text

    if transcript is not None and fetch:
        _common.fail("give either --transcript or --fetch, not both")
    if vault is not None and not vault.is_dir():
        _common.fail(f"the vault folder {vault} does not exist; give the folder of your notes")
    ws = _common.workspace(ctx, required=False)
    sources = collect_sources(notes)
    if not sources:
        _common.fail("no notes found (a folder holds no .md file); give note files or folders")
    options = CheckOptions(vault, fix or dry_run, dry_run)
    lookup = _transcripts(ws, transcript, fetch)
    with _common.progress(ctx, len(sources), "Checking") as bar:
        results = check_sources(
            sources,
            lambda video_id: note_text(ws, video_id),
            lookup,
            options,
            lambda: _common.advance(bar),
        )
    if dry_run:
        sys.stdout.write("".join(r.diff for r in results))
    elif fmt is CheckFormat.json:
        _common.echo_json(report_json(results))
    else:
        sys.stdout.write(report_text(results, fixable="fixable with --fix"))
    if options.fix:
        _report_fixes(ctx, results, dry_run)
    if failed(results, strict):
        raise typer.Exit(1)


def _transcripts(ws: Workspace, file: Path | None, fetch: bool) -> TranscriptLookup:
    """Where each note's transcript comes from: the file given, YouTube, or the workspace."""
    from ..check.run import workspace_transcripts

    if file is not None:
        from ..sources.captions import read_caption_file

        return lambda video_id: (read_caption_file(file, video_id or None), f"file:{file.name}")
    if fetch:
        import functools

        from ..sources.youtube import fetch_transcript
        from ._seams import new_session

        @functools.cache  # a fix looks each one up twice: fetch it once
        def fetched(video_id: str) -> tuple[Transcript | None, str | None]:
            if not video_id:
                return None, None
            return fetch_transcript(video_id, session=new_session(None)), "youtube"

        return fetched
    return workspace_transcripts(ws)


def _report_fixes(ctx: typer.Context, results: list[NoteResult], dry_run: bool) -> None:
    for r in results:
        if r.source.path is None and any(f.fixable for f in r.findings):
            _common.warn(f"{r.source.label} is made from tags; fix the tags, not the note")
    fixed = [r for r in results if r.fixed]
    if fixed:
        anchors = sum(r.fixed for r in fixed)
        verb = "Would fix" if dry_run else "Fixed"
        noun = "anchor" if anchors == 1 else "anchors"
        notes = "note" if len(fixed) == 1 else "notes"
        _common.notice(ctx, f"{verb} {anchors} {noun} in {len(fixed)} {notes}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("check")(check)
