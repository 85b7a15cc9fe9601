"""Transcripts in and out of view: ``fetch``, ``videos`` and ``show``."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from . import _complete
from ._common import TableFormat


class Prefer(enum.StrEnum):
    manual = "manual"
    generated = "generated"
    any = "any"


class ShowFormat(enum.StrEnum):
    text = "text"
    json = "json"
    srt = "srt"
    vtt = "vtt"


def fetch(
    ctx: typer.Context,
    videos: Annotated[
        list[str] | None,
        typer.Argument(
            help="Video ids or YouTube URLs; a playlist or channel URL fetches its videos "
            "(needs yt-dlp).",
            show_default=False,
        ),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from-file",
            help="Read ids/URLs from a file ('-' for stdin), one a line, or a "
            "'yt-dlp --flat-playlist -J' listing.",
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="Import a caption file offline (.vtt, .srt, .sbv, .ass/.ssa, .ttml/.dfxp, .smi, "
            ".json3, yt-dlp .info.json, JSON).",
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="Wanted languages in priority order (repeat or a,b)."),
    ] = None,
    translate: Annotated[
        str | None, typer.Option("--translate", help="Translate into this language code.")
    ] = None,
    prefer: Annotated[
        Prefer, typer.Option("--prefer", help="Manual tracks first, generated first, or any.")
    ] = Prefer.manual,
    list_: Annotated[
        bool, typer.Option("--list", help="Show the caption tracks instead of fetching.")
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Replace transcripts already stored.")
    ] = False,
    proxy: Annotated[
        str | None, typer.Option("--proxy", help="HTTP(S) proxy URL for YouTube requests.")
    ] = None,
    media: Annotated[
        Path | None,
        typer.Option(
            "--media",
            help="With --file: a local recording of the talk (audio or video) for 'view'.",
            dir_okay=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="With --file: the talk's title.")
    ] = None,
    channel: Annotated[
        str | None,
        typer.Option("--channel", help="With --file: the channel's name or @handle."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=32, help="Workers.")] = 4,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
) -> None:
    """Fetch transcripts (with title, channel and duration) from YouTube, or import a caption file.

    Example: aftershock fetch t8dJdL0Wyw8 https://youtu.be/dQw4w9WgXcQ --lang de,en
    """
    from .fetch_views import fetch_batch, gather_ids, import_file, list_tracks

    if (media, title, channel) != (None, None, None) and file is None:
        from ._common import fail

        fail(
            "--media, --title and --channel go with --file; for a stored video use "
            "'aftershock videos edit'",
            code=2,
        )
    if file is not None:
        online = {"--list": list_, "--lang": lang, "--translate": translate, "--proxy": proxy}
        given = [name for name, value in online.items() if value]
        if prefer is not Prefer.manual:
            given.append("--prefer")
        if given:
            from ._common import fail

            fail(
                f"{', '.join(given)} cannot be used with --file, which imports the file as it is; "
                "drop them, or fetch from YouTube without --file",
                code=2,
            )
    ids, listed = gather_ids(videos or [], from_file, need_some=file is None)
    languages = [c.strip() for item in (lang or ["en"]) for c in item.split(",") if c.strip()]
    if file is not None:
        import_file(ctx, file, ids, refresh, fmt, (media, title, channel))
    elif list_:
        list_tracks(ids, proxy, fmt)
    else:
        fetch_batch(ctx, ids, languages, prefer.value, translate, proxy, jobs, refresh, fmt, listed)


class VideoSort(enum.StrEnum):
    id = "id"
    date = "date"


videos_app = typer.Typer(
    invoke_without_command=True, no_args_is_help=False, add_completion=False, rich_markup_mode=None
)


@videos_app.callback()
def videos(
    ctx: typer.Context,
    series: Annotated[
        str | None, typer.Option("--series", help="Only the videos of this series.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
    sort: Annotated[
        VideoSort | None,
        typer.Option(
            "--sort",
            help="Order: by id, or by date (upload date, else the day of the fetch; "
            "undated last) [default: id; a series' listing order with --series]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the workspace's videos: title, channel, upload date, language, duration,
    segments, tags.

    Example: aftershock videos --sort date --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from ._common import workspace
    from .fetch_views import list_videos

    list_videos(workspace(ctx), fmt, series, sort.value if sort else None)


@videos_app.command("edit")
def videos_edit(
    ctx: typer.Context,
    video: Annotated[str, typer.Argument(help="Video id or YouTube URL.")],
    title: Annotated[str | None, typer.Option("--title", help="The talk's title.")] = None,
    channel: Annotated[
        str | None,
        typer.Option("--channel", help="The channel's name or @handle (the From: line's link)."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language code (en, de, ...).")] = None,
    media: Annotated[
        Path | None,
        typer.Option(
            "--media",
            help="A local recording of the talk (audio or video) for 'view'; '' removes it.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Change a stored video's record: title, channel, language, local recording.

    Example: aftershock videos edit t8dJdL0Wyw8 --channel "Civic Futures Lab"
    """
    from ..core.videoid import parse_video_id
    from ..ingest.videos import VideoChanges, edit_video
    from ._common import fail, notice, workspace

    changes = VideoChanges(media=media, title=title, channel=channel, language_code=lang)
    if changes == VideoChanges():
        fail("nothing to change; give --title, --channel, --lang or --media", code=2)
    vid = parse_video_id(video)
    new = edit_video(workspace(ctx), vid, changes)
    shown = [f'"{new.title}"' if new.title else "no title"]
    shown.append(f"channel {new.channel} [[{new.handle}]]" if new.handle else "no channel")
    shown += [new.language_code or "no language", f"media {new.media}" if new.media else "no media"]
    notice(ctx, f"{vid}: " + ", ".join(shown))


@videos_app.command("remove")
def videos_remove(
    ctx: typer.Context,
    video: Annotated[
        str, typer.Argument(help="Video id or YouTube URL.", autocompletion=_complete.video_ids)
    ],
    keep_tags: Annotated[
        bool, typer.Option("--keep-tags", help="Remove the transcript only, keep the tags.")
    ] = False,
) -> None:
    """Remove a video from the workspace: its transcript and its tags ('undo' brings
    them back).

    Example: aftershock videos remove t8dJdL0Wyw9
    """
    from ..core.videoid import parse_video_id
    from ..ingest.videos import remove_video
    from ._common import notice, workspace

    vid = parse_video_id(video)
    done = remove_video(workspace(ctx), vid, keep_tags=keep_tags)
    parts = ["its transcript"] if done.transcript else []
    parts += [f"{done.tags} tag(s)"] if not keep_tags else []
    notice(ctx, f"Removed {vid}: " + (" and ".join(parts) or "nothing was stored"))


def show(
    ctx: typer.Context,
    video: Annotated[
        str, typer.Argument(help="Video id or YouTube URL.", autocompletion=_complete.video_ids)
    ],
    start: Annotated[str | None, typer.Option("--from", help="Start time (1:02:03, 3723).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="End time (62:03, 1h2m3s).")] = None,
    grep: Annotated[str, typer.Option("--grep", help="Only segments with all these words.")] = "",
    tags: Annotated[
        bool, typer.Option("--tags", help="Colour tagged stretches, tag ids in the margin.")
    ] = False,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ShowFormat.text
    ),
) -> None:
    """Show a transcript with timestamps, or part of it.

    Example: aftershock show t8dJdL0Wyw8 --from 9:00 --to 12:30 --tags
    """
    from ._common import workspace
    from .fetch_views import show_transcript

    show_transcript(workspace(ctx), video, start, end, grep, tags, fmt.value)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(fetch)
    app.add_typer(videos_app, name="videos")
    app.command()(show)
