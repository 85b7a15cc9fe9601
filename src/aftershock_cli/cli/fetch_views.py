"""The work and the rendering behind ``fetch``, ``videos`` and ``show`` (imported lazily)."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import typer

from ..core.errors import BrokenFileError, InvalidInputError
from ..core.model import Transcript
from ..core.videoid import parse_video_id
from ..files.fsutil import read_user_text
from ..ingest.fetch import FetchOptions, Outcome, fetch_many, store
from ..sources.listing import (
    ListedVideo,
    is_series_url,
    listing_from_text,
    looks_like_listing,
)
from ..workspace.folder import Workspace
from ._common import (
    TableFormat,
    advance,
    echo_json,
    err_console,
    notice,
    out_console,
    progress,
    warn,
    workspace,
)
from ._seams import list_series, new_session
from .hints import render_error, render_hint


def gather_ids(
    args: Sequence[str], from_file: str | None, need_some: bool
) -> tuple[list[str], dict[str, ListedVideo]]:
    """Video ids from the arguments and ``--from-file`` (``-`` = stdin; ``#`` comments),
    with playlists and channels expanded to their videos, and what their listings say."""
    listed: dict[str, ListedVideo] = {}
    items: list[str] = []
    for arg in args:
        if is_series_url(arg):
            videos = list_series(arg).videos
            listed |= {v.video_id: v for v in videos}
            items += [v.video_id for v in videos]
        else:
            items.append(arg)
    if from_file is not None:
        source = "stdin" if from_file == "-" else from_file
        if from_file == "-":
            text = sys.stdin.read()
        else:
            text = read_user_text(Path(from_file), "file of video ids")
        if looks_like_listing(text):
            listing = listing_from_text(text, source)
            listed |= {v.video_id: v for v in listing.videos}
            items += [v.video_id for v in listing.videos]
            text = ""
        lines = []
        for line in text.splitlines():
            line = re.split(r"\s#", line, maxsplit=1)[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
        if not lines and not items and need_some:
            raise InvalidInputError(
                f"{source} lists no video ids; put one id or URL on each line ('#' starts a comment)"
            )
        items += lines
    if not items and need_some:
        raise InvalidInputError(
            "no video given; name one or more ids or URLs, or use --from-file FILE"
        )
    return list(dict.fromkeys(parse_video_id(item) for item in items)), listed


def import_file(
    ctx: typer.Context,
    path: Path,
    ids: list[str],
    refresh: bool,
    fmt: TableFormat,
    record: tuple[Path | None, str | None, str | None] = (None, None, None),
) -> None:
    """Import a caption file; ``record`` is the recording, title and channel given
    beside it, which fill the video's record as ``videos edit`` would."""
    from ..ingest.videos import VideoChanges, media_value
    from ..sources.captions import read_caption_file

    if len(ids) > 1:
        raise InvalidInputError("--file imports one video at a time; give at most one id")
    ws = workspace(ctx)
    transcript = read_caption_file(path, ids[0] if ids else None)
    media, title, channel = record
    changes = VideoChanges(title=title, channel=channel)
    transcript = changes.apply(transcript, media_value(ws, media) if media is not None else None)
    outcome = store(ws, transcript, refresh)
    report(ctx, [outcome], fmt, verb="Imported")


def fetch_batch(
    ctx: typer.Context,
    ids: list[str],
    languages: list[str],
    prefer: str,
    translate: str | None,
    proxy: str | None,
    jobs: int,
    refresh: bool,
    fmt: TableFormat,
    listed: Mapping[str, ListedVideo] | None = None,
) -> None:
    options = FetchOptions(languages, prefer, translate, proxy, refresh)
    ws = workspace(ctx)
    with progress(ctx, len(ids), "Fetching") as bar:
        outcomes = fetch_many(
            ws,
            ids,
            options,
            jobs,
            on_done=lambda _: advance(bar),
            new_session=new_session,
            listed=listed,
        )
    report(ctx, outcomes, fmt, verb="Fetched")


def report(ctx: typer.Context, outcomes: list[Outcome], fmt: TableFormat, verb: str) -> None:
    """Failures as ``Error:`` lines; a notice per video, or a summary table for a batch."""
    failed = [o for o in outcomes if o.status == "failed"]
    if fmt == TableFormat.json:
        echo_json([{**o.to_dict(), "detail": _detail(o)} for o in outcomes])
    elif len(outcomes) == 1 and not failed:
        (only,) = outcomes
        word = verb if only.status == "fetched" else "Skipped"
        notice(ctx, f"{word} {only.video_id}: {_detail(only)}")
    elif len(outcomes) > 1:
        _summary(ctx, outcomes)
    for outcome in failed:
        sys.stderr.write(f"Error: {outcome.video_id}: {_detail(outcome)}\n")
    if failed:
        raise typer.Exit(1)


def _detail(outcome: Outcome) -> str:
    return render_hint(outcome.detail, outcome.hint)


def _summary(ctx: typer.Context, outcomes: list[Outcome]) -> None:
    from rich.table import Table

    counts = {s: sum(o.status == s for o in outcomes) for s in ("fetched", "skipped", "failed")}
    table = Table(title=None, show_edge=False)
    for name in ("Video", "Result", "Detail"):
        table.add_column(name, overflow="fold")
    for o in outcomes:
        table.add_row(o.video_id, o.status, _detail(o))
    console = err_console()
    if not ctx.find_root().obj or not getattr(ctx.find_root().obj, "quiet", False):
        console.print(table)
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()))


def list_tracks(ids: list[str], proxy: str | None, fmt: TableFormat) -> None:
    from ..sources.youtube import list_tracks as fetch_tracks

    rows = [(vid, t) for vid in ids for t in fetch_tracks(vid, session=new_session(proxy))]
    if fmt == TableFormat.json:
        echo_json(
            [
                {
                    "video_id": vid,
                    "language_code": t.language_code,
                    "language": t.language,
                    "kind": t.kind,
                    "translatable": t.translatable,
                }
                for vid, t in rows
            ]
        )
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for name in ("Video", "Code", "Language", "Kind", "Translatable"):
        table.add_column(name)
    for vid, t in rows:
        table.add_row(vid, t.language_code, t.language, t.kind, "yes" if t.translatable else "no")
    out_console().print(table)


def list_videos(
    ws: Workspace, fmt: TableFormat, series: str | None = None, sort: str | None = None
) -> None:
    """List every video (of ``series``, when given, in its listing's order; ``sort``
    ``id`` or ``date`` for another order); a file broken by hand is named on stderr,
    left out, and exit is 1."""
    from ..core.series import date_order, talk_date
    from ..ingest.series import series_videos

    rows: list[dict[str, Any]] = []
    dates: dict[str, str] = {}
    broken = 0
    held = set(ws.video_ids())
    ids = ws.video_ids() if series is None else [v for v in series_videos(ws, series) if v in held]
    for vid in ids:
        try:  # one file broken by hand must not hide every other video
            t = ws.transcript_or_stub(vid)
            tag_count = len(ws.load_tags(vid))
        except BrokenFileError as exc:
            warn(f"{render_error(exc)} (the video is left out of this list)")
            broken += 1
            continue
        rows.append(
            {
                "video_id": vid,
                "title": t.title,
                "channel": t.channel,
                "channel_handle": t.channel_handle,
                "upload_date": t.upload_date or None,
                "language_code": t.language_code,
                "duration_ms": t.end_ms or None,
                "segments": len(t.segments),
                "tags": tag_count,
                "source": t.source,
            }
        )
        dates[vid] = talk_date(t.upload_date, t.fetched_at)[0]
    if sort == "id":
        rows.sort(key=lambda r: r["video_id"])
    elif sort == "date":
        rows.sort(key=lambda r: date_order(dates[r["video_id"]], r["title"], r["video_id"]))
    _print_videos(ws, rows, fmt)
    if broken:
        raise typer.Exit(1)


def _print_videos(ws: Workspace, rows: list[dict[str, Any]], fmt: TableFormat) -> None:
    from ..core.timecode import format_duration

    if fmt == TableFormat.json:
        echo_json(rows)
        return
    if not rows:
        warn(f"no videos in {ws.root} yet; add one with 'aftershock fetch VIDEO'")
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for name in ("Video", "Title", "Channel", "Uploaded", "Lang", "Duration", "Segments", "Tags"):
        table.add_column(name, justify="right" if name in ("Segments", "Tags") else "left")
    for r in rows:
        dur = format_duration(r["duration_ms"]) if r["duration_ms"] else ""
        table.add_row(
            r["video_id"],
            r["title"],
            r["channel"],
            r["upload_date"] or "",
            r["language_code"],
            dur,
            str(r["segments"]),
            str(r["tags"]),
        )
    out_console().print(table)


def show_transcript(
    ws: Workspace,
    video: str,
    start: str | None,
    end: str | None,
    grep: str,
    with_tags: bool,
    fmt: str,
) -> None:
    from ..core.timecode import parse_time
    from ..export import lines as view

    vid = parse_video_id(video)
    start_ms = parse_time(start) if start else None
    end_ms = parse_time(end) if end else None
    if start_ms is not None and end_ms is not None and end_ms < start_ms:
        raise InvalidInputError(f"--to {end} is before --from {start}; swap them")
    tags = ws.load_tags(vid)
    transcript = _transcript(ws, vid, bool(tags))
    lines = view.select(transcript, start_ms, end_ms, grep, tags if with_tags else ())
    if fmt == "json":
        echo_json(view.to_json(transcript, lines, with_tags))
    elif fmt == "srt":
        sys.stdout.write(view.to_srt(lines))
    elif fmt == "vtt":
        sys.stdout.write(view.to_vtt(lines))
    elif with_tags:
        from .fetch_tags_view import print_tagged

        print_tagged(ws, transcript, lines, tags, start_ms, end_ms)
    else:
        sys.stdout.write(view.to_text(lines))
    if not lines and transcript.has_segments:
        from ..core.timecode import format_clock

        length = transcript.end_ms
        if start_ms is not None and length and start_ms >= length:
            warn(f"--from {start} lies past the end: the video is {format_clock(length)} long")
        else:
            warn("no segment matches; widen --from/--to or change --grep")


def _transcript(ws: Workspace, vid: str, has_tags: bool) -> Transcript:
    if ws.has_transcript(vid):
        return ws.load_transcript(vid)
    if has_tags:
        return Transcript(video_id=vid)
    ws.load_transcript(vid)  # raises NotFoundError with the way out
    raise AssertionError("unreachable")  # pragma: no cover
