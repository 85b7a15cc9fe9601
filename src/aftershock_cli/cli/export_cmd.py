"""``aftershock export``: notes, a vault, and every format a user pastes elsewhere."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import _common, _complete

if TYPE_CHECKING:
    from ..export import ExportOptions
    from ..export.vault_pages import VaultReport
    from ..workspace.folder import Workspace


class ExportFormat(enum.StrEnum):
    md = "md"
    json = "json"
    csv = "csv"
    srt = "srt"
    vtt = "vtt"
    chapters = "chapters"
    txt = "txt"
    qdpx = "qdpx"


class By(enum.StrEnum):
    video = "video"
    theme = "theme"


class LinkStyle(enum.StrEnum):
    anchor = "anchor"
    markdown = "markdown"
    video = "video"
    block = "block"


def export(
    ctx: typer.Context,
    videos: Annotated[
        list[str] | None,
        typer.Argument(
            help="Video ids or URLs (one video alone goes to stdout).",
            autocompletion=_complete.video_ids,
        ),
    ] = None,
    all_videos: Annotated[bool, typer.Option("--all", help="Every video that has tags.")] = False,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExportFormat.md
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the one video's export here.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Folder for one file per video (default: notes/)."),
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Only tags of this theme (repeatable).",
            autocompletion=_complete.theme_slugs,
        ),
    ] = None,
    coder: Annotated[str, typer.Option("--coder", help="Only tags of this coder.")] = "",
    from_: Annotated[
        str | None, typer.Option("--from", help="Only tags ending at or after this time.")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Only tags starting at or before this time.")
    ] = None,
    by: Annotated[
        By, typer.Option("--by", help="md: one note per video or per top-level theme.")
    ] = (By.video),
    link_style: Annotated[
        LinkStyle | None,
        typer.Option(
            "--link-style",
            help="md: <a> anchors or Markdown links; --vault: how theme pages link a "
            "statement, to the video at that time or to its block in the note "
            "[default: anchor; video with --vault]",
            show_default=False,
        ),
    ] = None,
    quotes: Annotated[
        bool, typer.Option("--quotes", help="md: quote the transcript under each statement.")
    ] = False,
    primary_only: Annotated[
        bool,
        typer.Option(
            "--primary-only", help="md: a statement under its first theme only, not under each."
        ),
    ] = False,
    vault: Annotated[
        Path | None,
        typer.Option("--vault", help="Write a whole linked vault into this folder."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="--vault: overwrite pages changed by hand too (a copy of each is kept).",
        ),
    ] = False,
) -> None:
    """Export tagged videos as notes (md), json, csv, srt, vtt, chapters, txt or qdpx.

    One video without -o goes to stdout; several videos (or --all, or --out-dir)
    give one file each in --out-dir, and files already up to date are not rewritten.

    Example: aftershock export t8dJdL0Wyw8 --format md --by theme
    """
    from dataclasses import replace

    from ..core.videoid import parse_video_id
    from ..export.batch import choose_videos

    style = link_style or (LinkStyle.video if vault is not None else LinkStyle.anchor)
    if vault is None and style in (LinkStyle.video, LinkStyle.block):
        _common.fail(
            f"--link-style {style.value} links a vault's theme pages; use it with --vault DIR",
            code=2,
        )
    ws = _common.workspace(ctx)
    options = _options(ws, theme or [], coder, from_, to, by, style, quotes)
    options = replace(options, primary_only=primary_only)
    ids = choose_videos(ws, [parse_video_id(v) for v in videos or []], all_videos)
    if output is not None and out_dir is not None:
        _common.fail("give either -o FILE or --out-dir DIR, not both")
    if fmt is not ExportFormat.md and (by is By.theme or style is LinkStyle.markdown or quotes):
        _common.fail(f"--by, --link-style and --quotes shape md notes; drop them for {fmt.value}")
    if vault is not None:
        _to_vault(ctx, ws, ids, vault, (fmt, output, force), options)
    elif fmt is ExportFormat.qdpx:
        _to_qdpx(ctx, ws, ids, output, options)
    elif len(ids) > 1 or all_videos or out_dir is not None:
        if output is not None:
            _common.fail("-o FILE takes one video; use --out-dir DIR for several")
        _to_dir(ctx, ws, ids, fmt, options, out_dir or ws.notes_dir, skip_untagged=all_videos)
    else:
        _to_single(ctx, ws, ids[0], fmt, options, output)


def _options(
    ws: Workspace,
    themes: list[str],
    coder: str,
    from_: str | None,
    to: str | None,
    by: By,
    link_style: LinkStyle,
    quotes: bool,
) -> ExportOptions:
    from ..core.errors import InvalidInputError
    from ..core.timecode import parse_time
    from ..export import ExportOptions
    from ..export.batch import resolve_theme_names

    from_ms = parse_time(from_) if from_ is not None else None
    to_ms = parse_time(to) if to is not None else None
    if from_ms is not None and to_ms is not None and to_ms < from_ms:
        raise InvalidInputError(f"--to {to} is before --from {from_}; swap them")
    return ExportOptions(
        themes=resolve_theme_names(ws.codebook(), themes) if themes else (),
        coder=coder,
        from_ms=from_ms,
        to_ms=to_ms,
        by="theme" if by is By.theme else "video",
        link_style=link_style.value,
        quotes=quotes,
    )


def _to_single(
    ctx: typer.Context,
    ws: Workspace,
    video_id: str,
    fmt: ExportFormat,
    options: ExportOptions,
    output: Path | None,
) -> None:
    from ..export import as_format
    from ..export.batch import export_one
    from ..files.fsutil import is_stream, write_output

    files = export_one(ws, video_id, as_format(fmt.value), options)
    if fmt is ExportFormat.md and not ws.transcript_or_stub(video_id).handle:
        _common.notice(
            ctx,
            f"{video_id} has no channel, so its note has no From: line; set it with "
            f"'aftershock videos edit {video_id} --channel NAME' (or 'channel: NAME' in "
            "aftershock.yaml for every video imported after)",
        )
    for out in files:
        for message in out.messages:
            _common.notice(ctx, f"{video_id}: {message}")
    if len(files) != 1:
        where = "-o FILE" if output is not None else "stdout"
        _common.fail(
            f"{fmt.value} --by {options.by} makes {len(files)} files of {video_id}, "
            f"too many for {where}; write them with --out-dir DIR"
        )
    if output is None or str(output) == "-":
        text = files[0].text
        # the source format ends a note without a newline; a prompt should not follow it
        # on the same line of a terminal (a pipe or a file gets the note's exact bytes)
        end = "\n" if sys.stdout.isatty() and text and not text.endswith("\n") else ""
        sys.stdout.write(text + end)
        return
    if output.is_dir():
        _common.fail(
            f"{output} is a folder; give a file name to -o, or use --out-dir "
            f"{_common.shell_quote(output)}"
        )
    if is_stream(output):  # a device or a FIFO is written in place, never replaced
        write_output(output, files[0].text.encode("utf-8"))
        return
    changed = write_output(output, files[0].text.encode("utf-8"))
    _common.notice(ctx, f"Wrote {output}" if changed else f"{output} is already up to date")


def _to_dir(
    ctx: typer.Context,
    ws: Workspace,
    ids: list[str],
    fmt: ExportFormat,
    options: ExportOptions,
    out_dir: Path,
    *,
    skip_untagged: bool,
) -> None:
    from ..export import as_format, has_filters
    from ..export.batch import export_to_dir

    with _common.progress(ctx, len(ids), "Exporting") as bar:
        report = export_to_dir(
            ws,
            ids,
            as_format(fmt.value),
            options,
            out_dir,
            skip_untagged=skip_untagged,
            on_progress=lambda: _common.advance(bar),
        )
    for message in report.messages:
        _common.notice(ctx, message)
    exported = len(ids) - len(report.skipped)
    fresh = f"; {report.up_to_date} video(s) were up to date" if report.up_to_date else ""
    _common.notice(
        ctx,
        f"Exported {exported} video(s) to {out_dir}: {report.written} file(s) written, "
        f"{report.unchanged} unchanged{fresh}",
    )
    if report.skipped:
        _common.notice(
            ctx,
            f"Skipped {len(report.skipped)} video(s) without "
            + ("matching tags: " if has_filters(options) else "tags: ")
            + ", ".join(report.skipped),
        )


def _to_vault(
    ctx: typer.Context,
    ws: Workspace,
    ids: list[str],
    vault: Path,
    how: tuple[ExportFormat, Path | None, bool],
    options: ExportOptions,
) -> None:
    fmt, output, force = how
    if fmt is not ExportFormat.md or output is not None:
        _common.fail("--vault writes Markdown notes into a folder; drop --format/-o")
    from ..export.vault import write_vault
    from .synthesis_views import vault_synthesis

    with _common.progress(ctx, len(ids), "Writing the vault") as bar:
        report = write_vault(
            ws,
            ids,
            vault,
            options,
            on_progress=lambda: _common.advance(bar),
            force=force,
            extra=vault_synthesis,
        )
    _common.notice(
        ctx,
        f"Wrote the vault in {vault}: {report.written} file(s) written, "
        f"{report.unchanged} unchanged",
    )
    _tell_vault(ctx, report)


def _tell_vault(ctx: typer.Context, report: VaultReport) -> None:
    """What the vault export left alone, removed or overwrote, one line each."""
    for path in report.edited:
        _common.warn(
            f"left {path} as it is: it was changed since aftershock wrote it; "
            "export with --force to overwrite it (a copy is kept)"
        )
    for path in report.stale:
        _common.warn(
            f"{path} no longer has a source (its video or theme page is gone) but was "
            "changed by hand, so it was left; remove it yourself if it is not wanted"
        )
    for path in report.removed:
        _common.notice(ctx, f"Removed {path}: it no longer has a source")
    if report.overwritten and report.copies is not None:
        _common.notice(
            ctx,
            f"Overwrote {len(report.overwritten)} page(s) changed by hand; "
            f"their copies are in {report.copies}",
        )


def _to_qdpx(
    ctx: typer.Context, ws: Workspace, ids: list[str], output: Path | None, options: ExportOptions
) -> None:
    if output is None:
        _common.fail("qdpx is a binary project file; give its path with -o FILE.qdpx")
    from ..refi.qdpx import write_qdpx

    write_qdpx(ws, ids, output, options)
    _common.notice(ctx, f"Wrote {output} with {len(ids)} video(s)")


def register(app: typer.Typer) -> None:
    app.command("export")(export)
