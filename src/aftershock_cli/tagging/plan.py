"""Turning a tag request (a range or words to match, theme names) into tags to add.

The range text a user types (``9:14-9:36``, ``9:14+30s``, ``9:14``, a YouTube
URL with ``t=``) is read here and nowhere else (``parse_range``), and fitted to
the transcript here (``fit_range``). Planning reads only; ``commit`` writes (new
themes first, then the tags, each under its lock), so a dry run shows exactly
what a real run would add.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import Hint, HintKind, InvalidInputError, Notice
from ..core.limits import MAX_TIME_MS
from ..core.model import Codebook, Segment, Tag, Theme, Transcript
from ..core.spoken import covered_segments, gap_around, second_start, segment_span_at, snap
from ..core.timecode import format_clock, format_range, parse_time
from ..core.values import TOO_LATE
from ..core.videoid import parse_video_id
from .match import compile_patterns, find_matches, parse_context
from .tags import Draft, Span, add_tags
from .themes import resolve_names

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


@dataclass
class Plan:
    video_id: str
    transcript: Transcript
    drafts: list[Draft] = field(default_factory=list)
    new_themes: list[Theme] = field(default_factory=list)
    """Themes that ``Request.create`` adds to the codebook."""
    notices: list[Notice] = field(default_factory=list)
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
    speaker: str | None = None
    """With ``match``: only what this speaker says."""


@dataclass(frozen=True)
class TimeRange:
    """A range as written on the command line; ``end_ms`` is None for a single time."""

    start_ms: int
    end_ms: int | None


def parse_range(text: str, *, video_id: str | None = None) -> TimeRange:
    """Read ``START-END``, ``START+DURATION`` or ``START`` alone (each time as
    ``core.timecode.parse_time`` reads it).

    With ``video_id``, a YouTube URL of another video is refused (its time
    belongs to that video).
    """
    raw = text.strip()
    if _is_url(raw):
        if video_id is not None:
            check_url_video(raw, video_id)
        return TimeRange(parse_time(raw), None)
    raw = _DASHES.sub("-", raw)  # 0:10 - 0:20 and 0:10–0:20, as pasted from documents
    _refuse_ambiguous(raw)
    for sep in ("+", "-"):
        if sep not in raw:
            continue
        start, _, rest = raw.partition(sep)
        if not start.strip() or not rest.strip():
            raise InvalidInputError(
                f"'{raw}' is not a range: it needs a time on both sides of '{sep}'; "
                "give START-END (9:14-9:36), START+DURATION (9:14+30s) or START alone"
            )
        start_ms = parse_time(start)
        other = parse_time(rest)
        end_ms = start_ms + other if sep == "+" else other
        if end_ms > MAX_TIME_MS:
            raise InvalidInputError(f"'{raw}' ends {TOO_LATE}; give a range within the video")
        return TimeRange(start_ms, end_ms)
    return TimeRange(parse_time(raw), None)


_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_AMBIGUOUS = re.compile(r"(?<![\d:.])(\d{1,2})\.(\d{2})(?![\d:.]|[a-z])")


def _refuse_ambiguous(raw: str) -> None:
    """Refuse ``0.10`` (and ``12.30-12.45``): a dot between minutes and seconds, or
    seconds with a two-digit fraction? Taken as seconds it makes a tag a tenth of a
    second long, covering no words, so it is asked again instead."""
    found = _AMBIGUOUS.search(raw)
    if found is None:
        return
    minutes, seconds = found.groups()
    as_clock = f"{int(minutes)}:{seconds}"
    raise InvalidInputError(
        f"'{found.group()}' in '{raw}' is ambiguous: {as_clock} (minutes and seconds) or "
        f"{found.group()} seconds? write {as_clock} or 0:{int(minutes):02d}.{seconds} "
        f"(or a range such as 0:10-0:20 or 10s-20s)"
    )


def _is_url(text: str) -> bool:
    return "://" in text or text.startswith(("www.", "youtu"))


def check_url_video(text: str, video_id: str) -> None:
    """Raise if ``text`` is a YouTube URL of a video other than ``video_id``."""
    url = text.strip()
    if not _is_url(url):
        return
    try:
        other = parse_video_id(url)
    except InvalidInputError:  # a URL with a time but no video id names no other video
        return
    if other != video_id:
        raise InvalidInputError(
            f"'{url}' is a link to another video ({other}), not to {video_id}; "
            f"give a time such as 9:14, or a link to {video_id}"
        )


def read_span(transcript: Transcript, text: str, *, exact: bool = False) -> Span:
    """Range text fitted to a video's transcript (a URL must be of that video)."""
    return fit_range(transcript, parse_range(text, video_id=transcript.video_id), exact=exact)


def _length_text(transcript: Transcript) -> str:
    return f"the video is {format_clock(transcript.end_ms)} long"


def fit_range(transcript: Transcript, rng: TimeRange, *, exact: bool = False) -> Span:
    """Check ``rng`` against the video and widen it to whole segments unless ``exact``.

    A time given to the whole second names the segment that starts within that
    second, when one does (``spoken.second_start``: the line ``show`` prints at that
    second). A single time means the segment spoken at it. Widening and "spoken"
    follow the one rule of ``spoken`` (overlapping segments are read as spoken until
    the next one starts). A transcript without segments takes explicit ranges as
    given; ``exact`` keeps the range to the millisecond.
    """
    start, end = rng.start_ms, rng.end_ms
    if not exact and transcript.segments:
        start = second_start(transcript.segments, start)
        if end is not None and end > rng.start_ms:
            end = max(start, second_start(transcript.segments, end))
    length = transcript.end_ms
    if end is not None and end < start:
        raise InvalidInputError(
            f"the range {format_range(start, end)} ends before it starts; "
            "give START-END with END after START"
        )
    if end is not None and end == start:
        raise InvalidInputError(
            f"the range {format_range(start, end)} is empty; give START-END "
            "with END after START, or START alone for the segment that holds it"
        )
    if length and (start >= length or (end is not None and end > length)):
        shown = format_clock(start) if end is None else format_range(start, end)
        raise InvalidInputError(
            f"the range {shown} lies past the end of the video; {_length_text(transcript)}"
        )
    segments = transcript.segments
    if not segments:
        if end is None:
            raise InvalidInputError(
                f"{transcript.video_id} has no transcript segments to find the one at "
                f"{format_clock(start)}; give a range START-END (or fetch the transcript)"
            )
        return Span(start, end)
    if end is None:
        whole = segment_span_at(segments, start)
        if whole is None:
            raise InvalidInputError(
                f"no transcript segment holds {format_clock(start)}"
                f"{_gap_text(segments, start)}; give a range START-END"
            )
        return Span(whole[0], whole[1], snapped=True)
    if exact:
        span = Span(start, end)
    else:
        new_start, new_end = snap(segments, start, end)
        if length:
            new_end = min(new_end, length)
        snapped = (new_start, new_end) != (start, end)
        span = Span(new_start, new_end, snapped=snapped)
    if not covered_segments(segments, span.start_ms, span.end_ms):
        raise InvalidInputError(
            f"the range {format_range(rng.start_ms, end)} covers no words of the transcript"
            f"{_gap_text(segments, start)}; give a range around the words, such as "
            "0:10-0:20 or 10s-20s"
        )
    return span


def _gap_text(segments: Sequence[Segment], ms: int) -> str:
    """`` (it falls between 0:57 and 1:02)``: the silence around a time no segment holds."""
    before, after = gap_around(segments, ms)
    if before is not None and after is not None:
        return f" (it falls between {format_clock(before)} and {format_clock(after)})"
    if after is not None:
        return f" (the first segment starts at {format_clock(after)})"
    return ""


def plan_tags(ws: Workspace, video_id: str, request: Request) -> Plan:
    """Check everything and work out the tags to add; nothing is written."""
    transcript = ws.transcript_or_stub(video_id)
    plan = Plan(video_id, transcript)
    codebook = ws.codebook()
    if not request.themes:
        raise InvalidInputError(
            "name at least one theme to tag with", hint=Hint(HintKind.LIST_THEMES)
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
        hits = find_matches(
            transcript, pattern, parse_context(request.context), speaker=request.speaker
        )
        if not hits:
            plan.notices.append(Notice(f"Nothing in {plan.video_id} matches; no tags to add"))
        return [Span(h.start_ms, h.end_ms, snapped=True) for h in hits]
    if not request.range_text:
        raise InvalidInputError(
            "give a range such as 9:14-9:36, or words to match",
            hint=Hint(HintKind.GIVE_RANGE_OR_MATCH),
        )
    vid = plan.video_id
    rng = parse_range(request.range_text, video_id=vid)
    span = fit_range(transcript, rng, exact=request.exact)
    if not ws.has_transcript(vid):
        plan.notices.append(
            Notice(
                f"No transcript of {vid} in the workspace: the range was taken as given, "
                "not checked or snapped",
                Hint(HintKind.FETCH_VIDEO_ASIDE, video_id=vid),
            )
        )
    elif not transcript.has_segments:
        plan.notices.append(
            Notice(
                f"{vid} has only note metadata, no transcript text: the range was taken as "
                "given, not snapped to segments"
            )
        )
    elif span.snapped and rng.end_ms is not None:
        plan.notices.append(
            Notice(
                f"Widened to whole segments: {format_range(span.start_ms, span.end_ms)}",
                Hint(HintKind.EXACT_KEEPS_RANGE),
            )
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
        f"'{first}' looks like a range, but matching tags every match, not a range; "
        "give either a range and themes, or words to match and themes",
        hint=Hint(HintKind.RANGE_WITH_MATCH, name=first),
    )


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


def tags_at(ws: Workspace, video_id: str, range_text: str) -> list[str]:
    """The ids of ``video_id``'s tags at a time or in a range, read as ``tag`` reads it:
    a single time picks the tags covering the segment spoken then; a range, the tags
    that lie inside it (once fitted to whole segments)."""
    transcript = ws.transcript_or_stub(video_id)
    span = read_span(transcript, range_text)
    single = "-" not in _DASHES.sub("-", range_text.strip()) and "+" not in range_text
    found = []
    for tag in ws.load_tags(video_id):
        if single:
            hit = tag.start_ms <= span.start_ms < max(tag.end_ms, tag.start_ms + 1)
        else:
            hit = span.start_ms <= tag.start_ms and tag.end_ms <= span.end_ms
        if hit:
            found.append(tag.id)
    return found
