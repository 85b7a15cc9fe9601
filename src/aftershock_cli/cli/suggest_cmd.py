"""``aftershock suggest``: rank stretches by the themes' words, by meaning or both; review them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from . import _common, _complete
from .tag_cmd import CoderOpt

if TYPE_CHECKING:
    from ..tagging.meaning import Embedder
    from ..workspace.folder import Workspace


class By(enum.StrEnum):
    words = "words"
    meaning = "meaning"
    both = "both"


def _videos(ws: Workspace, videos: list[str] | None, every: bool) -> list[str]:
    from ..core.videoid import parse_video_id

    if videos and every:
        _common.fail("give video ids or --all, not both")
    if every:
        ids = ws.transcript_ids()
        if not ids:
            _common.fail(
                "no transcripts in the workspace yet; fetch one with 'aftershock fetch VIDEO'"
            )
        return ids
    if not videos:
        _common.fail("name the video(s) to rank, or give --all for every video")
    return list(dict.fromkeys(parse_video_id(v) for v in videos))


def _embedder(by: By | None) -> tuple[By, Embedder | None]:
    """The method and its model: by default both when the model loads, else words."""
    from ..tagging.meaning import MeaningMissingError
    from ._seams import load_embedder

    if by is By.words:
        return By.words, None
    try:
        return by or By.both, load_embedder()
    except MeaningMissingError:
        if by is not None:
            raise
        return By.words, None


def suggest(
    ctx: typer.Context,
    videos: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="VIDEO...",
            help="Video ids or URLs.",
            show_default=False,
            autocompletion=_complete.video_ids,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Rank every video of the workspace.")
    ] = False,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Rank for these themes only.",
            autocompletion=_complete.theme_slugs,
        ),
    ] = None,
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            help="Rank by the themes' words, by meaning (the 'meaning' extra), or both "
            "[default: both with the extra, else words].",
            show_default=False,
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many to show.")] = 5,
    window: Annotated[str, typer.Option("--window", help="Length of a stretch.")] = "60s",
    min_score: Annotated[
        int, typer.Option("--min-score", min=1, help="Lowest score kept (--by words).")
    ] = 4,
    apply: Annotated[bool, typer.Option("--apply", help="Tag the stretches shown.")] = False,
    review: Annotated[
        bool, typer.Option("--review", help="Accept, reject, skip or edit each in turn.")
    ] = False,
    coder: CoderOpt = None,
    fmt: Annotated[
        _common.TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = _common.TableFormat.table,
) -> None:
    """Rank stretches of transcripts for themes, by words, by meaning or both.

    Stretches already tagged with a theme, or rejected for it in a review, are not
    suggested again for it.

    Example: aftershock suggest --all --theme cross-silo --by meaning --review
    """
    from ..tagging.rank import run_suggestions
    from ..tagging.tags import resolve_coder
    from ._tagview import print_suggestions

    ws = _common.workspace(ctx)
    vids = _videos(ws, videos, every)
    method, embedder = _embedder(by)
    steps = len(vids) + (len(ws.tagged_video_ids()) if embedder is not None else 0)
    with _common.progress(ctx, steps, "Reading transcripts") as bar:
        found = run_suggestions(
            ws, vids, theme or (), by=method.value, top=top, window=window,
            min_score=min_score, embedder=embedder, step=lambda: _common.advance(bar),
        )  # fmt: skip
    if fmt is _common.TableFormat.json and not review:
        _common.echo_json([s.to_json() for s in found])
    elif found and not review:
        print_suggestions(found, several=len(vids) > 1)
    who = resolve_coder(ws, coder)
    if not found:
        where = vids[0] if len(vids) == 1 else "the videos"
        if method is By.words:
            _common.notice(
                ctx, f"No stretch of {where} scores {min_score} or more; try --min-score"
            )
        else:
            _common.notice(ctx, f"No stretch of {where} is left to suggest")
    elif review:
        from ._review import review_all

        review_all(ctx, ws, found, who)
    elif apply:
        from ..tagging.rank import apply_all

        made = apply_all(ws, found, who)
        _common.notice(ctx, f"Added {len(made)} tag(s): {', '.join(t.id for t in made)}")


def register(app: typer.Typer) -> None:
    app.command("suggest")(suggest)
