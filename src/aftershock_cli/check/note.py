"""Check a note in the source format, alone or against its video's transcript.

``check_note`` returns findings (see ``notes.findings.Finding``); ``fixing``
rewrites the anchors whose finding carries a certain time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.model import VIDEO_ID_RE, Transcript
from ..notes.findings import Code, Finding, Severity, sort_key
from ..notes.lint import form_findings, hms, time_findings
from ..notes.note import Anchor, Block, Note, render_anchor
from ..notes.statements import lost_findings
from ..notes.text import plain_text
from .score import Support, TranscriptIndex, terms
from .vault_links import link_resolves

MIN_TERMS = 3
"""Statements with fewer distinct terms found in the transcript are not scored."""
FAR_S = 45
"""A better moment closer than this to a cited one is the cited moment."""
DISPLACED_MIN_COVER = 0.5
DISPLACED_GAIN = 0.25
"""A better moment is reported when it holds at least half of the statement's words
(idf-weighted) and this much more of them than the cited moment."""
CONFIDENT_GAIN = 0.4
CONFIDENT_MARGIN = 0.15
"""A fix re-times an anchor only when the best moment beats the cited one by
``CONFIDENT_GAIN`` and every other examined place by ``CONFIDENT_MARGIN``."""
WEAK_COVER = 0.25
"""Below this cover, the cited moment barely supports the statement."""

MAX_STATEMENT_REACH = 2500
"""How far before an anchor (in characters) the words of its statement are looked for
when the words since the anchor before it are too few. Among 300 real notes the
furthest an anchor sits from the start of its paragraph is 1,761 characters; the bound
keeps a paragraph of 20,000 anchors from costing its length squared."""
_GROUP_GAP = re.compile(r"[\s,;\-–—]*(?:and)?[\s,;\-–—]*")

Cited = list[tuple[Anchor, str, tuple[Anchor, ...]]]
"""Each anchor with the statement it cites and the anchors cited together with it."""


@dataclass
class CheckContext:
    """What a note is checked against besides itself."""

    transcript: Transcript | None = None
    vault_pages: set[str] | None = None
    _index: TranscriptIndex | None = field(default=None, repr=False)

    @property
    def index(self) -> TranscriptIndex | None:
        if self._index is None and self.transcript is not None and self.transcript.segments:
            self._index = TranscriptIndex(self.transcript.segments)
        return self._index

    @property
    def length_s(self) -> int | None:
        if self.transcript is None or not self.transcript.end_ms:
            return None
        return self.transcript.end_ms // 1000


def check_note(note: Note, context: CheckContext | None = None) -> list[Finding]:
    """Every finding of a note, in reading order."""
    ctx = context or CheckContext()
    out = structure_findings(note, ctx)
    for anchor in note.anchors:
        out.extend(form_findings(anchor))
    times = time_findings(note.anchors, ctx.length_s)
    out.extend(times)
    out.extend(lost_findings(note, times))
    cited = statements(note) if ctx.index is not None else []
    if ctx.index is not None:
        out.extend(support_findings(cited, ctx.index, ctx.length_s))
    out = _resolve_mismatches(note, out, ctx, cited)
    return sorted(out, key=sort_key)


def structure_findings(note: Note, ctx: CheckContext) -> list[Finding]:
    """Front matter, source line, empty sections, unresolved wikilinks, no anchors."""
    out: list[Finding] = []
    if not note.has_front_matter:
        out.append(
            _at(
                1,
                1,
                "error",
                "no-front-matter",
                "no front matter; start the note with a '---' block holding title and videoId",
            )
        )
    else:
        if not note.front_matter_valid:
            out.append(
                _at(
                    1,
                    1,
                    "warning",
                    "invalid-front-matter",
                    "the front matter is not valid YAML; quote values that hold ': '",
                )
            )
        if note.video_id is None:
            out.append(_at(1, 1, "error", "no-video-id", "the front matter has no videoId"))
        elif not VIDEO_ID_RE.match(note.video_id):
            out.append(
                _at(
                    1,
                    1,
                    "error",
                    "invalid-video-id",
                    f"videoId '{note.video_id}' is "
                    "not a YouTube video id (11 characters of A-Z, a-z, 0-9, - and _)",
                )
            )
        if not note.title:
            out.append(_at(1, 1, "warning", "no-title", "the front matter has no title"))
    if note.channel is None:
        line = _line_of(note.text, note.body_start)
        out.append(
            _at(
                line,
                1,
                "warning",
                "no-source-line",
                "no 'From: [[channel]] <br/>' line after the front matter",
            )
        )
    if not note.anchors:
        out.append(_at(1, 1, "info", "no-anchors", "the note cites no moment of the video"))
    out.extend(_empty_sections(note))
    if ctx.vault_pages is not None:
        for link in note.links:
            if not link_resolves(link.target, ctx.vault_pages):
                out.append(
                    _at(
                        link.line,
                        link.column,
                        "warning",
                        "unresolved-link",
                        f"[[{link.target}]] matches no page of the vault",
                    )
                )
    transcript = ctx.transcript
    if transcript is not None and note.video_id and transcript.video_id != note.video_id:
        out.append(
            _at(
                1,
                1,
                "warning",
                "other-video",
                f"the transcript is of {transcript.video_id}, the note of {note.video_id}",
            )
        )
    return out


def _empty_sections(note: Note) -> list[Finding]:
    out: list[Finding] = []
    levels = {h.start: h.level for h in note.headings}
    blocks = note.blocks
    for i, block in enumerate(blocks):
        if block.kind != "heading" or block.start not in levels:
            continue
        section = _until_next(blocks[i + 1 :], levels[block.start], levels)
        if not any(later.kind not in ("heading", "rule") for later in section):
            out.append(
                _at(
                    block.line,
                    1,
                    "warning",
                    "empty-section",
                    f"the section '{block.text.lstrip('#').strip()}' has no text",
                )
            )
    return out


def _until_next(blocks: list[Block], level: int, levels: dict[int, int]) -> Iterable[Block]:
    for block in blocks:
        if block.kind == "heading" and levels.get(block.start, 0) <= level:
            return
        yield block


def statements(note: Note) -> Cited:
    """Each anchor with the statement it cites and the anchors cited together with it."""
    out: Cited = []
    for block in note.blocks:
        groups: list[list[Anchor]] = []
        for anchor in sorted(block.anchors, key=lambda a: a.start):
            if groups and _GROUP_GAP.fullmatch(note.text[groups[-1][-1].end : anchor.start]):
                groups[-1].append(anchor)
            else:
                groups.append([anchor])
        boundary = block.start
        whole: list[str] = []  # the block's words, read once, when a statement needs them
        for group in groups:
            text = plain_text(note.text[boundary : group[0].start], "match")
            if len(terms(text)) < 3:
                reach = max(block.start, group[0].start - MAX_STATEMENT_REACH)
                text = plain_text(note.text[reach : group[0].start], "match")
                if not text:
                    whole = whole or [plain_text(block.text[:MAX_STATEMENT_REACH], "match")]
                    text = whole[0]
            members = tuple(group)
            out.extend((anchor, text, members) for anchor in group)
            boundary = group[-1].end
    return out


def support_findings(cited: Cited, index: TranscriptIndex, length_s: int | None) -> list[Finding]:
    """Anchors whose moment does not support their statement while another moment does."""
    out: list[Finding] = []
    assessed: dict[tuple[str, int], Support | None] = {}  # anchors cited together share words
    times: dict[int, list[int]] = {}
    for anchor, statement, group in cited:
        if anchor.seconds is None or (length_s is not None and anchor.seconds > length_s + 2):
            continue
        key = (statement, anchor.seconds)
        if key not in assessed:
            assessed[key] = index.assess(statement, anchor.seconds * 1000)
        support = assessed[key]
        if support is None or support.query_terms < MIN_TERMS:
            continue
        best_s = support.best_ms // 1000
        if id(group) not in times:
            times[id(group)] = _times(group)
        cited_times = times[id(group)]
        # the best moment may be cited already: beside it, or in the anchor's shown text
        at = bisect_left(cited_times, best_s - FAR_S)  # the first cited time not far before
        far = at == len(cited_times) or cited_times[at] > best_s + FAR_S
        gain = support.best - support.cited
        if far and support.best >= DISPLACED_MIN_COVER and gain >= DISPLACED_GAIN:
            sure = gain >= CONFIDENT_GAIN and support.best - support.runner_up >= CONFIDENT_MARGIN
            out.append(
                Finding(
                    "warning",
                    "displaced-anchor",
                    anchor.line,
                    anchor.column,
                    f"the transcript at {hms(anchor.seconds)} holds {support.cited:.0%} of the "
                    f"statement's words, at {hms(best_s)} {support.best:.0%}",
                    anchor=anchor.raw,
                    suggestion=render_anchor(best_s),
                    start=anchor.start,
                    fix_seconds=best_s if sure else None,
                )
            )
        elif support.cited < WEAK_COVER:
            out.append(
                Finding(
                    "info",
                    "weak-support",
                    anchor.line,
                    anchor.column,
                    f"the transcript at {hms(anchor.seconds)} holds only {support.cited:.0%} of "
                    "the statement's words, and no other moment clearly more",
                    anchor=anchor.raw,
                    start=anchor.start,
                )
            )
    return out


def _times(group: tuple[Anchor, ...]) -> list[int]:
    """Every time a group of anchors cites, as data-t or as shown, sorted and once each."""
    return sorted({t for a in group for t in (a.seconds, a.shown_seconds) if t is not None})


def _resolve_mismatches(
    note: Note, findings: list[Finding], ctx: CheckContext, cited: Cited
) -> list[Finding]:
    """Pick, for each data-t/text disagreement, the time the evidence favours."""
    by_start = {a.start: a for a in note.anchors}
    order = [a.seconds for a in note.anchors]
    # a time past the video's end or shifted already says which time is meant, so the
    # report suggests the time --fix writes
    retimed = {
        f.start: f.fix_seconds
        for f in findings
        if f.code in ("beyond-video", "shifted-time") and f.fix_seconds is not None
    }
    out = []
    for finding in findings:
        anchor = by_start.get(finding.start)
        if finding.code != "time-mismatch" or anchor is None or anchor.shown_seconds is None:
            out.append(finding)
            continue
        choice = retimed.get(anchor.start)
        if choice is None:
            choice = _choose_time(note, anchor, order, ctx, cited)
        out.append(
            Finding(
                finding.severity,
                finding.code,
                finding.line,
                finding.column,
                finding.message,
                anchor=finding.anchor,
                suggestion=render_anchor(choice),
                start=finding.start,
                fix_seconds=choice,
            )
        )
    return out


def _choose_time(
    note: Note, anchor: Anchor, order: list[int | None], ctx: CheckContext, cited: Cited
) -> int:
    data_t, shown = anchor.seconds, anchor.shown_seconds
    assert data_t is not None and shown is not None
    length = ctx.length_s
    if length is not None and (data_t > length) != (shown > length):
        return shown if data_t > length else data_t
    if ctx.index is not None:
        statement = next((s for a, s, _ in cited if a.start == anchor.start), "")
        a = ctx.index.assess(statement, data_t * 1000)
        b = ctx.index.assess(statement, shown * 1000)
        if a is not None and b is not None and a.cited != b.cited:
            return data_t if a.cited > b.cited else shown
    i = next(i for i, a in enumerate(note.anchors) if a.start == anchor.start)
    before = [t for t in order[:i] if t is not None]
    after = [t for t in order[i + 1 :] if t is not None]
    lo, hi = (before[-1] if before else 0), (after[0] if after else None)

    def fits(t: int) -> bool:
        return lo <= t and (hi is None or t <= hi)

    if fits(shown) and not fits(data_t):
        return shown
    return data_t


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _at(line: int, column: int, severity: Severity, code: Code, message: str) -> Finding:
    return Finding(severity, code, line, column, message)
