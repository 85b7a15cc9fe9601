"""``aftershock tag``, ``tags``, ``untag`` and ``retag``: coding time ranges."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from . import _common, _complete


class TagOutput(enum.StrEnum):
    text = "text"
    json = "json"


NoteOpt = Annotated[str | None, typer.Option("--note", help="The statement about this range.")]
NoteFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--note-file", help="Read the note from this file ('-' for stdin).", dir_okay=False
    ),
]
CoderOpt = Annotated[
    str | None,
    typer.Option(
        "--coder",
        help="Who coded it (default: $AFTERSHOCK_CODER, else the 'coder' setting, else $USER).",
    ),
]
FormatOpt = Annotated[TagOutput, typer.Option("--format", "-f", help="Output format.")]


def _note(note: str | None, note_file: Path | None) -> str | None:
    if note is not None and note_file is not None:
        _common.fail("give --note or --note-file, not both")
    if note_file is None:
        return note
    from ..core.limits import MAX_NOTE_BYTES
    from ..files.fsutil import read_user_text

    text = read_user_text(note_file, "note file", "use --note TEXT", MAX_NOTE_BYTES).strip()
    where = "stdin" if str(note_file) == "-" else str(note_file)
    if not text:
        _common.fail(f"the note in {where} is empty; write the note there, or use --note TEXT")
    return text


def tag(
    ctx: typer.Context,
    video: Annotated[
        str, typer.Argument(help="Video id or URL.", autocompletion=_complete.video_ids)
    ],
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="RANGE THEME...",
            help="The range (9:14-9:36, 9:14+30s, 9:14 or a URL with t=) then one or more "
            "themes (slug, label or prefix). With --match, only themes.",
            show_default=False,
            autocompletion=_complete.range_then_themes,
        ),
    ] = None,
    note: NoteOpt = None,
    note_file: NoteFileOpt = None,
    section: Annotated[str, typer.Option("--section", help="Heading the note sits under.")] = "",
    coder: CoderOpt = None,
    exact: Annotated[
        bool, typer.Option("--exact", help="Keep the range as given (no widening to segments).")
    ] = False,
    match: Annotated[
        list[str] | None,
        typer.Option("--match", "-m", help="Tag every segment with these words (repeatable)."),
    ] = None,
    regex: Annotated[
        bool, typer.Option("--regex", help="--match is a regular expression.")
    ] = False,
    context: Annotated[
        str, typer.Option("--context", help="Widen --match hits: a time (5s) or N segments (2).")
    ] = "0",
    create: Annotated[
        bool, typer.Option("--create", help="Add unknown themes to the codebook.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show, save nothing.")] = False,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="With --match: only what this speaker says."),
    ] = None,
    no_transcript: Annotated[
        bool,
        typer.Option(
            "--no-transcript", help="Tag a video the workspace has no transcript of (no captions)."
        ),
    ] = False,
    fmt: FormatOpt = TagOutput.text,
) -> None:
    """Tag a time range (or every --match) of a video with themes; prints the new tag(s).

    Example: aftershock tag t8dJdL0Wyw8 9:14-9:36 cross-silo --note "Silos broke down"
    """
    from ..core.videoid import parse_video_id
    from ..tagging.plan import Request, check_url_video, commit, plan_tags
    from ..tagging.tags import resolve_coder
    from ._tagview import show_tags
    from .hints import render_notice

    ws, items, vid = _common.workspace(ctx), list(args or []), parse_video_id(video)
    if not no_transcript and not ws.has_transcript(vid):
        _common.fail(
            _common.unknown_video(
                ws,
                vid,
                f"fetch it first ('aftershock fetch {vid}'), or tag it without a transcript "
                "with --no-transcript",
            )
        )
    if speaker is not None and not match:
        _common.fail("--speaker goes with --match WORDS; give the words to find", code=2)
    rng = None if match else (items.pop(0) if items else None)
    if rng and len(items) >= 2 and items[0] in ("-", "\u2013", "\u2014"):
        rng = f"{rng}-{items[1]}"  # 0:10 - 0:20 typed with spaces: three words, one range
        del items[:2]
    if rng:
        check_url_video(rng, vid)  # a URL's time must be of this video (before the note is read)
    request = Request(
        range_text=rng,
        themes=items,
        match=tuple(match or ()),
        regex=regex,
        context=context,
        exact=exact,
        note=_note(note, note_file) or "",
        section=section,
        coder=resolve_coder(ws, coder),
        create=create,
        speaker=speaker,
    )
    plan = plan_tags(ws, vid, request)
    for line in plan.notices:
        _common.notice(ctx, render_notice(line))
    if dry_run:
        show_tags([("", d) for d in plan.drafts], plan.transcript, fmt is TagOutput.json)
        _common.notice(ctx, f"Dry run: {len(plan.drafts)} tag(s) not saved")
        return
    show_tags([(t.id, t) for t in commit(ws, plan)], plan.transcript, fmt is TagOutput.json)


def tags(
    ctx: typer.Context,
    video: Annotated[
        str | None,
        typer.Argument(help="Only this video (id or URL).", autocompletion=_complete.video_ids),
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Only these themes (and sub-themes).",
            autocompletion=_complete.theme_slugs,
        ),
    ] = None,
    coder: Annotated[str, typer.Option("--coder", help="Only tags of this coder.")] = "",
    fmt: Annotated[
        _common.TableCsvFormat, typer.Option("--format", "-f", help="Output format.")
    ] = _common.TableCsvFormat.table,
) -> None:
    """List tags, of one video or of the whole workspace, by video and time.

    Example: aftershock tags t8dJdL0Wyw8 --theme cross-silo --format json
    """
    from ..core.videoid import parse_video_id
    from ..tagging.tags import list_tags, tag_to_json
    from ._tagview import print_tags_table, write_tags_csv

    ws = _common.workspace(ctx)
    vid = parse_video_id(video) if video else None
    if vid is not None:
        _common.require_known_video(ws, vid)
    found = list_tags(ws, vid, themes=theme or (), coder=coder)
    if fmt is _common.TableCsvFormat.json:
        _common.echo_json([tag_to_json(t) for t in found])
    elif fmt is _common.TableCsvFormat.csv:
        write_tags_csv(found)
    elif found:
        print_tags_table(found, one_video=vid is not None)
    else:
        _common.notice(ctx, "No tags match" if (vid or theme or coder) else "No tags yet")


def untag(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID... | VIDEO RANGE",
            help="Ids of the tags to remove, or a video and a time or range (9:14, 9:14-9:36).",
            autocompletion=_complete.tag_ids,
        ),
    ],
) -> None:
    """Remove tags by id, or those of a video at a time or in a range (an unknown id
    removes nothing).

    A time picks the tags covering the line shown at that second; a range, the tags
    inside it.

    Example: aftershock untag k3v9q2xa
    """
    from ..tagging.plan import tags_at
    from ..tagging.tags import remove_tags
    from ._tagview import range_text

    ws = _common.workspace(ctx)
    if len(ids) == 2 and len(ids[0]) == 11 and ids[0] in ws.video_ids():
        found = tags_at(ws, ids[0], ids[1])
        if not found:
            _common.fail(f"{ids[0]} has no tag at {ids[1]}; 'aftershock tags {ids[0]}' lists them")
        ids = found
    for t in remove_tags(ws, ids):
        _common.notice(
            ctx,
            f"Removed {t.id} ({t.video_id} {range_text(t.start_ms, t.end_ms)} {', '.join(t.themes)})",
        )


def retag(
    ctx: typer.Context,
    tag_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Id of the tag to change.", autocompletion=_complete.tag_ids
        ),
    ],
    range_: Annotated[str | None, typer.Option("--range", "-r", help="New range.")] = None,
    exact: Annotated[bool, typer.Option("--exact", help="Keep --range as given.")] = False,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="New themes (replace the old).",
            autocompletion=_complete.theme_slugs,
        ),
    ] = None,
    note: NoteOpt = None,
    note_file: NoteFileOpt = None,
    section: Annotated[str | None, typer.Option("--section", help="New section.")] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="New coder.")] = None,
    fmt: FormatOpt = TagOutput.text,
) -> None:
    """Change a tag's range, themes, note, section or coder; prints the tag.

    Example: aftershock retag k3v9q2xa --range 9:10-9:40 --theme cross-silo --theme relationships
    """
    from ..tagging.plan import read_span
    from ..tagging.tags import update_tag
    from ._tagview import show_tags

    ws, text = _common.workspace(ctx), _note(note, note_file)
    if all(v is None for v in (range_, theme, text, section, coder)):
        _common.fail("nothing to change; give --range, --theme, --note, --section or --coder")
    old = ws.find_tag(tag_id)
    transcript = ws.transcript_or_stub(old.video_id)
    span = read_span(transcript, range_, exact=exact) if range_ else None
    new = update_tag(ws, tag_id, span=span, themes=theme, note=text, section=section, coder=coder)
    show_tags([(new.id, new)], transcript, fmt is TagOutput.json)


def register(app: typer.Typer) -> None:
    app.command("tag")(tag)
    app.command("tags")(tags)
    app.command("untag")(untag)
    app.command("retag")(retag)
