"""Turning a ``tag`` request (a range or ``--match``, theme names) into tags to add.

Planning reads only; ``commit`` writes (new themes first, then the tags, each
under its lock), so ``--dry-run`` shows exactly what a real run would add.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import InvalidInputError
from ..core.model import Codebook, Tag, Theme, Transcript
from ..core.timecode import format_clock, parse_range
from .match import compile_patterns, find_matches, parse_context
from .tags import Draft, Span, add_tags, fit_range
from .themes import resolve_names

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


@dataclass
class Plan:
    video_id: str
    transcript: Transcript
    drafts: list[Draft] = field(default_factory=list)
    new_themes: list[Theme] = field(default_factory=list)
    """Themes ``--create`` will add to the codebook."""
    notices: list[str] = field(default_factory=list)
    """One-line remarks for the user (no transcript, snapped range, ...)."""


@dataclass(frozen=True)
class Request:
    """What the user asked for: ``range_text`` or ``match``, and theme names."""

    range_text: str | None
    themes: Sequence[str]
    match: Sequence[str] = ()
    regex: bool = False
    context: str = "0"
    exact: bool = False
    note: str = ""
    section: str = ""
    coder: str = ""
    create: bool = False


def plan_tags(ws: Workspace, video_id: str, request: Request) -> Plan:
    """Check everything and work out the tags to add; nothing is written."""
    transcript = ws.transcript_or_stub(video_id)
    plan = Plan(video_id, transcript)
    codebook = ws.codebook()
    if not request.themes:
        raise InvalidInputError(
            "name at least one theme to tag with; list them with 'aftershock themes'"
        )
    if request.match:
        _refuse_range_with_match(codebook, request.themes)
    book, slugs = resolve_names(codebook, request.themes, create=request.create)
    plan.new_themes = [t for t in book if t.slug not in codebook]
    spans = _spans(ws, plan, request)
    plan.drafts = [
        Draft(s.start_ms, s.end_ms, tuple(slugs), request.note, request.section, request.coder)
        for s in spans
    ]
    return plan


def _spans(ws: Workspace, plan: Plan, request: Request) -> list[Span]:
    transcript = plan.transcript
    if request.match:
        pattern = compile_patterns(request.match, regex=request.regex)
        hits = find_matches(transcript, pattern, parse_context(request.context))
        if not hits:
            plan.notices.append(f"Nothing in {plan.video_id} matches; no tags to add")
        return [Span(h.start_ms, h.end_ms, snapped=True) for h in hits]
    if not request.range_text:
        raise InvalidInputError("give a RANGE such as 9:14-9:36, or --match WORDS")
    span = fit_range(transcript, parse_range(request.range_text), exact=request.exact)
    vid = plan.video_id
    if not ws.has_transcript(vid):
        plan.notices.append(
            f"No transcript of {vid} in the workspace: the range was taken as given, "
            f"not checked or snapped (fetch it with 'aftershock fetch {vid}')"
        )
    elif not transcript.has_segments:
        plan.notices.append(
            f"{vid} has only note metadata, no transcript text: the range was taken as given, "
            "not snapped to segments"
        )
    elif span.snapped and request.range_text and _is_range(request.range_text):
        plan.notices.append(
            f"Widened to whole segments: {format_clock(span.start_ms)}-{format_clock(span.end_ms)}"
            " (--exact keeps the range as given)"
        )
    return [span]


def _refuse_range_with_match(codebook: Codebook, names: Sequence[str]) -> None:
    first = names[0]
    if codebook.find(first) is not None:
        return
    try:
        parse_range(first)
    except InvalidInputError:
        return
    raise InvalidInputError(
        f"'{first}' looks like a range, but --match tags every match, not a range; "
        "give either RANGE THEME... or --match WORDS THEME..."
    )


def _is_range(text: str) -> bool:
    return parse_range(text).end_ms is not None


def commit(ws: Workspace, plan: Plan) -> list[Tag]:
    """Add the planned themes to the codebook, then the tags; returns the new tags."""
    if plan.new_themes:
        with ws.editing_config() as config:
            for theme in plan.new_themes:
                if theme.slug not in config.codebook:
                    config.codebook = config.codebook.with_theme(theme)
    if not plan.drafts:
        return []
    return add_tags(ws, plan.video_id, plan.drafts)
