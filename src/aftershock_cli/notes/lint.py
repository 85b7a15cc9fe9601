"""Checks of the citations of a note that need no transcript: their form and their times."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.timecode import format_hms
from .findings import Code, Finding, Severity
from .note import Anchor, anchor_spelling_is_canonical, parse_anchor_time, render_anchor

_CLEAN_ELEMENT = re.compile(r'<a class="yt-timestamp" data-t="([^"<>]*)">\[([^\]<>]*)\]</a>')
MIN_ANCHORS_FOR_PATTERN = 3
"""A note needs this many readable anchors before its own times say what is normal."""
SHIFTED_SHARE = 0.8
"""Share of ``HH:MM:00`` times that makes a whole note read as minutes and seconds moved left."""
SHIFTED_HOURS = 5
"""Without a known length, a note whose latest ``HH:MM:00`` time has at least this many hours.

A note cites to the second, so times that nearly all end in ``:00`` are either
rounded to the minute or minutes and seconds moved left; for a talk of five
hours or more (rare on YouTube) rounding is the less likely of the two. Below
that, a note is read as shifted only when one of its anchors shows the
``MM:SS`` it meant (``data-t="37:07:00">[37:07]``), or when the video's length
says so."""
LENGTH_SLACK_S = 2
"""Seconds an anchor may sit past the last caption (captions may end early)."""
MAX_VIDEO_S = 12 * 3600
"""YouTube takes uploads of at most 12 hours (and archives no longer live stream)."""
CEILING_SLACK_S = 600
"""Without a known length, an ``HH:MM:00`` time past every time of the note that has
seconds by more than this reads as minutes and seconds moved left."""
STATEMENT_SPAN_S = 1200
"""The longest stretch one statement's times may span; times outside it are apart."""
TIME_CODES: tuple[Code, ...] = ("beyond-video", "shifted-time", "outlier-time")
"""Findings whose time replaces the anchor's in a tag's range (None: left out of it)."""


def hms(seconds: int) -> str:
    return format_hms(seconds * 1000)


def shifted(seconds: int) -> int | None:
    """``37:07:00`` read as minutes and seconds moved left: ``00:37:07``; None if not that shape."""
    if seconds % 60 or seconds < 3600:
        return None
    return seconds // 60


def form_findings(anchor: Anchor) -> list[Finding]:
    """What is wrong with how one citation is written."""
    seconds = anchor.seconds
    if seconds is None:
        return [_unreadable(anchor)]
    if anchor.kind != "anchor":
        return [
            _finding(
                anchor,
                "info",
                "legacy-citation",
                f"older citation style; the source format writes {render_anchor(seconds)}",
                seconds,
                fix=False,
            )
        ]
    shown = anchor.shown_seconds
    if anchor.data_t is not None and shown is not None and seconds != shown:
        return [
            _finding(
                anchor,
                "error",
                "time-mismatch",
                f"data-t is {hms(seconds)} but the text shows {hms(shown)}",
                seconds,
            )
        ]
    clean = _CLEAN_ELEMENT.fullmatch(anchor.raw)
    if clean is None or shown is None or not _readable(anchor.data_t):
        return [
            _finding(
                anchor,
                "error",
                "malformed-anchor",
                "the timestamp element is broken; players will not link it",
                seconds,
            )
        ]
    odd = [s for s in clean.group(1, 2) if not anchor_spelling_is_canonical(s)]
    if odd:
        return [
            _finding(
                anchor,
                "warning",
                "noncanonical-time",
                f"'{odd[0]}' is not written HH:MM:SS",
                seconds,
            )
        ]
    return []


def _finding(
    anchor: Anchor,
    severity: Severity,
    code: Code,
    message: str,
    seconds: int | None,
    *,
    fix: bool = True,
) -> Finding:
    """A finding about ``anchor``; ``seconds``, when known, is the time it should show
    (the suggestion, and what a fix writes unless ``fix`` is False)."""
    return Finding(
        severity,
        code,
        anchor.line,
        anchor.column,
        message,
        anchor=anchor.raw,
        suggestion=render_anchor(seconds) if seconds is not None else None,
        start=anchor.start,
        fix_seconds=seconds if fix else None,
    )


def _time_finding(
    anchor: Anchor, severity: Severity, code: Code, message: str, likely: int | None
) -> Finding:
    """A finding about an anchor's time, naming the likely time when there is one."""
    if likely is not None:
        message += f"; likely {hms(likely)}"
    return _finding(anchor, severity, code, message, likely)


def _readable(value: str | None) -> bool:
    return value is not None and parse_anchor_time(value) is not None


def _unreadable(anchor: Anchor) -> Finding:
    value = anchor.data_t if anchor.data_t is not None else anchor.shown
    what = f"the time '{value}'" if value is not None else "the citation's time"
    message = f"{what} cannot be read; write the moment as HH:MM:SS"
    return _finding(anchor, "error", "unreadable-time", message, None)


def time_findings(anchors: Sequence[Anchor], length_s: int | None) -> list[Finding]:
    """The one judgement of a note's anchor times, which ``check`` reports and
    ``import-note`` follows: times that cannot belong to the video (past its length,
    past 12 hours, far past the note's others, or minutes and seconds moved left),
    then times too far from the rest of their statement to share a tag's range."""
    out = _plain_time_findings(anchors, length_s)
    if length_s is None:
        out += _unknown_length_findings(anchors, {f.start: f for f in out})
    out += apart_findings(anchors, {f.start: f.fix_seconds for f in out if f.code in TIME_CODES})
    return out


def _plain_time_findings(anchors: Sequence[Anchor], length_s: int | None) -> list[Finding]:
    """Times that cannot belong to the video: past its length, or far past the note's others."""
    readable = [a for a in anchors if a.seconds is not None]
    times = [a.seconds for a in readable if a.seconds is not None]
    note_shifted = _note_is_shifted(times, length_s, any(map(_shows_minutes, readable)))
    latest_index = max(range(len(times)), key=times.__getitem__, default=0)
    second_latest = max((t for i, t in enumerate(times) if i != latest_index), default=0)
    out: list[Finding] = []
    for index, anchor in enumerate(readable):
        seconds = anchor.seconds
        assert seconds is not None
        candidate = shifted(seconds)
        if note_shifted and seconds % 60 == 0 and seconds >= 60:
            candidate = seconds // 60  # in such a note 00:49:00 is 00:00:49 too
        if length_s is not None and seconds > length_s + LENGTH_SLACK_S:
            end = length_s + LENGTH_SLACK_S
            # the time the anchor shows, when it differs and fits, is the author's own
            shown = anchor.shown_seconds
            if shown is not None and shown <= end:
                likely: int | None = shown
            else:
                likely = candidate if candidate is not None and candidate <= end else None
            out.append(
                _time_finding(
                    anchor,
                    "error",
                    "beyond-video",
                    f"{hms(seconds)} is past the end of the video ({hms(length_s)})",
                    likely,
                )
            )
        elif note_shifted and candidate is not None:
            out.append(
                _time_finding(
                    anchor,
                    "warning",
                    "shifted-time",
                    f"{hms(seconds)} reads as minutes and seconds moved left "
                    "(nearly every time of this note ends in :00)",
                    candidate,
                )
            )
        elif length_s is None and not note_shifted and len(times) > MIN_ANCHORS_FOR_PATTERN:
            # the latest of the other times, without copying the list for every anchor
            latest = second_latest if index == latest_index else times[latest_index]
            if seconds > 2 * latest + 600:
                likely = candidate if candidate is not None and candidate <= latest + 600 else None
                out.append(
                    _time_finding(
                        anchor,
                        "warning",
                        "outlier-time",
                        f"{hms(seconds)} is far past the note's other anchors "
                        f"(latest {hms(latest)})",
                        likely,
                    )
                )
    return out


def _note_is_shifted(times: list[int], length_s: int | None, shown_mmss: bool) -> bool:
    if len(times) < MIN_ANCHORS_FOR_PATTERN:
        return False
    on_minute = [t for t in times if t % 60 == 0]
    if len(on_minute) < SHIFTED_SHARE * len(times):
        return False
    latest = max(on_minute)
    if length_s is not None:
        return latest > length_s + LENGTH_SLACK_S
    return latest >= SHIFTED_HOURS * 3600 or (shown_mmss and latest >= 3600)


def _shows_minutes(anchor: Anchor) -> bool:
    """An anchor whose ``data-t`` is ``HH:MM:00`` while its text shows that ``HH:MM`` as ``MM:SS``."""
    shown, data_t = anchor.shown_seconds, anchor.seconds
    return shown is not None and data_t is not None and data_t >= 3600 and data_t == shown * 60


def _unknown_length_findings(anchors: Sequence[Anchor], found: dict[int, Finding]) -> list[Finding]:
    """Without a known length: a time past 12 hours; an ``HH:MM:00`` time past every
    time with seconds (plus ten minutes), and every ``HH:MM:00`` time cited on the same
    line as one (a statement is read one way); then, in a note so read, a time still
    far past the bulk of the others."""
    rest = [a for a in anchors if a.seconds is not None and a.start not in found]
    out: dict[int, Finding] = {}
    for anchor in rest:
        seconds = anchor.seconds
        assert seconds is not None
        if seconds > MAX_VIDEO_S:
            likely = shifted(seconds)
            message = f"{hms(seconds)} is past 12 hours, longer than any YouTube video"
            out[anchor.start] = _time_finding(anchor, "error", "beyond-video", message, likely)
    plain = [
        a.seconds
        for a in rest
        if a.seconds is not None and shifted(a.seconds) is None and a.start not in out
    ]
    if len(plain) >= MIN_ANCHORS_FOR_PATTERN:
        ceiling = max(plain) + CEILING_SLACK_S
        late_lines: set[int] = set()
        for anchor in rest:
            candidate = shifted(anchor.seconds or 0)
            if anchor.start in out or candidate is None or candidate > ceiling:
                continue
            if (anchor.seconds or 0) > ceiling:
                late_lines.add(anchor.line)
        for anchor in rest:
            candidate = shifted(anchor.seconds or 0)
            if anchor.start in out or candidate is None or anchor.line not in late_lines:
                continue
            reason = (
                f"later than every time of this note with seconds, the latest {hms(max(plain))}"
                if (anchor.seconds or 0) > ceiling
                else "like the other :00 times of its statement"
            )
            message = (
                f"{hms(anchor.seconds or 0)} reads as minutes and seconds moved left ({reason})"
            )
            out[anchor.start] = _time_finding(anchor, "warning", "shifted-time", message, candidate)
    if any(f.code == "shifted-time" for f in out.values()):
        _far_past_bulk(anchors, found, out)
    return list(out.values())


def _far_past_bulk(
    anchors: Sequence[Anchor], found: dict[int, Finding], out: dict[int, Finding]
) -> None:
    """In a note read as minutes moved left, a time still far past the bulk of the
    others (``05:06:07`` among times up to ``01:10:47``) cannot be placed."""
    judged = {k: v.fix_seconds for k, v in found.items() if v.code in TIME_CODES}
    judged.update({k: v.fix_seconds for k, v in out.items()})
    known = [(a, judged.get(a.start, a.seconds)) for a in anchors if a.seconds is not None]
    times = sorted(t for _, t in known if t is not None)
    if len(times) <= MIN_ANCHORS_FOR_PATTERN:
        return
    bulk = times[(len(times) * 9) // 10 - 1]
    for anchor, seconds in known:
        if seconds is not None and seconds > 2 * bulk + 600 and anchor.start not in judged:
            message = (
                f"{hms(seconds)} is far past the note's other anchors (most end by {hms(bulk)})"
            )
            out[anchor.start] = _time_finding(anchor, "warning", "outlier-time", message, None)


def apart_findings(anchors: Sequence[Anchor], judged: dict[int, int | None]) -> list[Finding]:
    """Times of a statement (its line) outside the stretch of ``STATEMENT_SPAN_S`` that
    holds most of its times (ties: the one holding its first time): one tag cannot
    cover them all. ``judged`` maps an anchor's offset to the time read (None: none)."""
    lines: dict[int, list[tuple[Anchor, int]]] = {}
    for anchor in anchors:
        seconds = judged.get(anchor.start, anchor.seconds)
        if anchor.seconds is not None and seconds is not None:
            lines.setdefault(anchor.line, []).append((anchor, seconds))
    out: list[Finding] = []
    for cited in lines.values():
        low, high = statement_window([s for _, s in cited])
        kept = hms(low) if low == high else f"{hms(low)} to {hms(high)}"
        for anchor, seconds in cited:
            if not low <= seconds <= high:
                message = (
                    f"{hms(seconds)} lies outside the {STATEMENT_SPAN_S // 60}-minute stretch "
                    f"holding most of its statement's times ({kept}); one tag cannot span "
                    "them all, so import leaves it out of the tag's range"
                )
                out.append(_time_finding(anchor, "info", "apart-time", message, None))
    return out


def statement_window(times: Sequence[int]) -> tuple[int, int]:
    """The earliest and latest of ``times`` (in the order written) inside the stretch of
    at most ``STATEMENT_SPAN_S`` holding the most of them, the first time's on a tie."""
    ordered = sorted(times)
    best: tuple[int, int, int] | None = None  # (count, holds first, -start index)
    window = (ordered[0], ordered[0]) if ordered else (0, 0)
    end = 0
    for begin, low in enumerate(ordered):
        while end < len(ordered) and ordered[end] - low <= STATEMENT_SPAN_S:
            end += 1
        high = ordered[end - 1]
        rank = (end - begin, int(low <= times[0] <= high), -begin)
        if best is None or rank > best:
            best, window = rank, (low, high)
    return window
