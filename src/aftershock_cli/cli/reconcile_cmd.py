"""``aftershock reconcile``: consensus tags from several coders, by a rule or one by one."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from . import _common

if TYPE_CHECKING:
    from ..core.model import Transcript
    from ..tagging.reconcile import Choice, Stretch


class RuleChoice(enum.StrEnum):
    union = "union"
    intersection = "intersection"
    majority = "majority"


class TagFormat(enum.StrEnum):
    text = "text"
    json = "json"


def reconcile(
    ctx: typer.Context,
    video: Annotated[str, typer.Argument(help="Video id or URL.")],
    coders: Annotated[
        str, typer.Option("--coders", "-c", help="The coders to reconcile, comma-separated.")
    ],
    into: Annotated[str, typer.Option("--into", help="Coder name of the consensus tags.")],
    rule: Annotated[
        RuleChoice | None,
        typer.Option(
            "--rule", help="Keep time any coder (union), all (intersection) or most marked."
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option("--interactive", "-i", help="Decide each difference; answers from stdin."),
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace an earlier consensus of --into.")
    ] = False,
    fmt: Annotated[TagFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TagFormat.text
    ),
) -> None:
    """Write consensus tags under a new coder name, keeping the originals; prints them.

    Time every coder marked with a theme is kept. Where they differ, --rule
    decides, or --interactive asks for each stretch: keep one coder's version,
    both, neither, or edit the range. Interactive answers are saved as they are
    given: stop with q and run the same command again to go on.

    Example: aftershock reconcile t8dJdL0Wyw8 --coders analyst,reviewer --into agreed --rule majority
    """
    from ..core.videoid import parse_video_id
    from ..tagging.reconcile import check_coders, consensus, write_consensus
    from ._tagview import show_tags

    if (rule is None) == (not interactive):
        _common.fail("give --rule or --interactive (one of them)", 2)
    ws, vid = _common.workspace(ctx), parse_video_id(video)
    names = [c.strip() for c in coders.split(",") if c.strip()]
    check_coders(names, into)
    tags, transcript = ws.load_tags(vid), ws.transcript_or_stub(vid)
    if rule is not None:
        ranges = consensus(tags, names, rule.value)
    else:
        decided = _ask_all(ctx, vid, names, into, transcript)
        if decided is None:
            return
        ranges = consensus(tags, names, None, decided)
    made = write_consensus(ws, vid, into, ranges, replace=replace)
    if interactive:
        from ..tagging.reconcile_progress import clear_choices

        clear_choices(ws, vid, into)
    show_tags([(t.id, t) for t in made], transcript, fmt is TagFormat.json)
    _common.notice(ctx, f"Wrote {len(made)} consensus tag(s) of '{into}' for {vid}")


def _ask_all(
    ctx: typer.Context, vid: str, coders: list[str], into: str, transcript: Transcript
) -> dict[str, Choice] | None:
    """Ask about every stretch not decided yet; None when stopped (answers are kept)."""
    from ..tagging.reconcile import stretches
    from ..tagging.reconcile_progress import load_choices, save_choices

    ws = _common.workspace(ctx)
    todo = stretches(ws.load_tags(vid), coders)
    choices = load_choices(ws, vid, into)
    open_ = [s for s in todo if s.key not in choices]
    if len(open_) < len(todo):
        _common.notice(ctx, f"Going on: {len(todo) - len(open_)} of {len(todo)} already decided")
    for number, stretch in enumerate(open_, len(todo) - len(open_) + 1):
        _describe(stretch, number, len(todo), transcript)
        choice = _answer(stretch, coders)
        if choice is None:
            _common.notice(
                ctx, "Stopped; the answers so far are kept: run the command again to go on"
            )
            return None
        choices[stretch.key] = choice
        save_choices(ws, vid, into, choices)
    return choices


def _describe(stretch: Stretch, number: int, total: int, transcript: Transcript) -> None:
    from ..core.model import video_url
    from ..core.spoken import covered_text
    from ._tagview import range_text

    out = sys.stderr
    out.write(
        f"\n[{number}/{total}] {stretch.theme}  {range_text(stretch.start_ms, stretch.end_ms)}  "
        f"marked by {', '.join(stretch.marked_by)}; not by {', '.join(stretch.not_marked_by)}\n"
    )
    words = covered_text(transcript, stretch.start_ms, stretch.end_ms)
    if words:
        out.write(f"    {words}\n")
    out.write(f"    {video_url(transcript.video_id, stretch.start_ms)}\n")


_HELP = "{coders}, b = both, n = neither, e = edit the range, q = stop for now"


def _answer(stretch: Stretch, coders: list[str]) -> Choice | None:
    """Read one answer from stdin (repeating the question after a bad answer)."""
    from ..tagging.reconcile import Choice

    numbered = ", ".join(f"{i} = keep {c}'s" for i, c in enumerate(coders, 1))
    while True:
        line = _ask(_HELP.format(coders=numbered))
        if line is None:  # end of input
            return None
        text = line.casefold()
        if text in ("q", "quit"):
            return None
        if text in ("b", "both"):
            return Choice(True)
        if text in ("n", "neither"):
            return Choice(False)
        if text.isdigit() and 1 <= int(text) <= len(coders):
            return Choice(coders[int(text) - 1] in stretch.marked_by)
        if text in ("e", "edit"):
            edited = _edit()
            if edited is not None:
                return edited
            continue
        sys.stderr.write(f"Not an answer: '{text}'\n")


def _ask(question: str) -> str | None:
    """Ask on stderr, read one line of stdin; None at the end of the input."""
    sys.stderr.write(f"{question}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    return line.strip() if line else None


def _edit() -> Choice | None:
    from ..core.errors import InvalidInputError
    from ..tagging.plan import parse_range
    from ..tagging.reconcile import Choice

    text = _ask("Range to keep instead (as 6:40-6:45; empty: none)")
    if text is None:
        return None
    if not text:
        return Choice(False)
    try:
        rng = parse_range(text)
    except InvalidInputError as exc:
        sys.stderr.write(f"{exc}\n")
        return None
    if rng.end_ms is None or rng.end_ms <= rng.start_ms:
        sys.stderr.write("Give a range with a start and a later end, as 6:40-6:45\n")
        return None
    return Choice(True, (rng.start_ms, rng.end_ms))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("reconcile")(reconcile)
