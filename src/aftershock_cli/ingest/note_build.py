"""Turning one parsed note into tags and the layout that lays it out again.

One tag per statement (a paragraph, list item or block quote, callouts
included, citing the video with at least one readable anchor; a block quote is
one statement, its ``>`` marks and a callout's title line kept as literal text): start at its earliest anchor, end at its latest
(with a transcript, from the start of the segment the earliest anchor names to
the end of the one the latest names, see ``anchor_segment``; anchors that cannot be
right are read as meant or left out, see ``note_times``), themes = the note's topic
first, then any codebook theme named by a heading above it or a wikilink in
it; the heading path becomes the tag's ``section``, the statement's text
(anchors removed, export's escapes undone) its ``note``. Everything else of the
note is kept as literal text in the layout (see ``notes.layout``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.model import Codebook, Segment, Tag, Transcript
from ..core.spoken import second_start, segment_span_at
from ..notes.layout import (
    AnchorSpan,
    ImportedStatement,
    NoteLayout,
    Part,
    StatementPart,
    TextPart,
)
from ..notes.statements import STATEMENT_KINDS, LostStatement, lost_statements, usable_times
from ..notes.text import heading_text, one_line
from ..notes.write import unescape_block
from ..tagging.theme_match import ThemeMatcher
from .note_times import AnchorTimes, anchor_times

if TYPE_CHECKING:
    from ..notes.note import Block, Heading, Link, Note
    from ..notes.parts import BlockKind

UNREAD_KINDS: dict[BlockKind, str] = {"table": "a table", "html": "an HTML block"}
"""Blocks whose citations are not imported (their cells and tags cannot be laid out
again around a statement), by kind -> how a report names one."""
_QUOTE_MARK = re.compile(r"[ \t]*>[ \t]?")
_CALLOUT_HEAD = re.compile(r"\[![^\]\s]+\][+-]?[^\n]*\n(?:[ \t]*>[ \t]?)?")
_INNER_MARK = re.compile(r"(?<=\n)[ \t]*>")
_SEPARATORS = {"", ",", "-", "–", "—", "and", ";", "&"}
_BLOCK_ID = re.compile(r"\s+\^[A-Za-z0-9-]+\s*$")
"""An Obsidian block id ending a statement (a vault's notes carry them); not its words."""


@dataclass(frozen=True)
class Built:
    """The tags and the layout made of one note."""

    tags: list[Tag]
    layout: NoteLayout
    times: AnchorTimes = field(default_factory=AnchorTimes)
    """Anchors read as another time or left out of the ranges (see ``note_times``)."""
    unread: Counter[BlockKind] = field(default_factory=Counter)
    """Blocks citing the video that made no tag, by kind (see ``UNREAD_KINDS``)."""
    lost: tuple[LostStatement, ...] = ()
    """Statements that made no tag because none of their times can be used."""


def statement_note(raw: str, spans: Sequence[tuple[int, int]]) -> str:
    """The statement's words with its anchors (and what separates them) taken out."""
    out: list[str] = []
    pos = 0
    for index, (start, end) in enumerate(spans):
        between = raw[pos:start]
        if index and between.strip() in _SEPARATORS:
            between = ""
        out.append(between.rstrip())
        pos = end
    out.append(raw[pos:])
    return one_line("".join(out))


def _content_start(block: Block) -> int:
    """Offset where a statement's text starts: after a list item's marker, after a block
    quote's ``>`` (and after a callout's ``[!type] title`` line when the citations all
    follow it); the block start otherwise."""
    if block.kind == "quote":
        mark = _QUOTE_MARK.match(block.text)
        if mark is None:
            return block.start
        head = _CALLOUT_HEAD.match(block.text, mark.end())
        if head is not None and all(a.start >= block.start + head.end() for a in block.anchors):
            return block.start + head.end()
        return block.start + mark.end()
    if block.kind != "list_item" or not block.marker:
        return block.start
    lead = len(block.text) - len(block.text.lstrip(" \t"))
    if block.text[lead:].startswith(block.marker):
        return block.start + lead + len(block.marker)
    return block.start


def named_theme(codebook: Codebook, name: str) -> str | None:
    """The slug of the theme a name means: label, slug or page, case-insensitively,
    with a snake_case spelling of a page (``crossborder_collaboration``) matching too."""
    name = name.strip()
    if not name:
        return None
    theme = codebook.find(name) or codebook.find(name.replace("_", " "))
    return theme.slug if theme is not None else None


def _link_theme(themes: ThemeMatcher, link: Link) -> str | None:
    return themes.slug_for(link.target.split("#", 1)[0])


def _heading_themes(note: Note, context: _Context, path: Sequence[Heading]) -> list[str]:
    found: list[str] = []
    for heading in path:
        found += context.heading(note, heading)[1]
    return found


@dataclass(frozen=True)
class _HeadingCache:
    """Each heading's words and the themes it names, worked out once per note (every
    statement under a heading asks again; each answer scans the note's links)."""

    read: dict[int, tuple[str, list[str]]] = field(default_factory=dict)

    def __call__(self, note: Note, heading: Heading, themes: ThemeMatcher) -> tuple[str, list[str]]:
        found = self.read.get(heading.start)
        if found is None:
            text = heading_text(note, heading)
            slugs = [themes.slug_for(text)]
            slugs += [
                _link_theme(themes, link)
                for link in note.links
                if heading.start <= link.start < heading.end
            ]
            found = self.read[heading.start] = (text, [s for s in slugs if s])
        return found


NEXT_WITHIN_MS = 5000
"""An anchor in a pause names the segment starting this soon after it (cited early)."""


def anchor_segment(transcript: Transcript | None, seconds: int) -> Segment | None:
    """The segment an anchor's whole second names: the first one starting within that
    second when there is one (segments start at fractions of a second), else the one
    playing at its start, else (the anchor falls in a pause) the first one starting
    within ``NEXT_WITHIN_MS`` after it; None when there is none of these."""
    if transcript is None:
        return None
    at_ms = seconds * 1000
    named = second_start(transcript.segments, at_ms)
    playing: Segment | None = None
    soon: Segment | None = None
    for seg in transcript.segments:
        if seg.start_ms == named and at_ms <= named < at_ms + 1000:
            return seg
        if seg.start_ms <= at_ms < seg.end_ms:
            playing = seg
        near = at_ms < seg.start_ms <= at_ms + NEXT_WITHIN_MS
        if near and (soon is None or seg.start_ms < soon.start_ms):
            soon = seg
    return playing or soon


def _range_ms(transcript: Transcript | None, first: int, last: int) -> tuple[int, int]:
    """A statement's range: from its earliest anchor's second (or the later start of the
    segment that second names) to where the segment its latest anchor names stops being
    spoken (``spoken``'s rule, the one ``tag`` snaps by)."""
    start_seg, end_seg = anchor_segment(transcript, first), anchor_segment(transcript, last)
    start_ms = max(start_seg.start_ms if start_seg is not None else 0, first * 1000)
    end_seg_ms = 0
    if transcript is not None and end_seg is not None:  # where that segment stops being spoken
        span = segment_span_at(transcript.segments, end_seg.start_ms)
        end_seg_ms = span[1] if span is not None else end_seg.end_ms
    end_ms = max(end_seg_ms, last * 1000, start_ms)
    return start_ms, end_ms


@dataclass(frozen=True)
class _Context:
    """What every tag made of one note shares."""

    layout: str
    topic: str
    themes: ThemeMatcher
    transcript: Transcript | None
    coder: str
    created: str
    headings: _HeadingCache = field(default_factory=lambda: _HeadingCache())

    def heading(self, note: Note, heading: Heading) -> tuple[str, list[str]]:
        """The heading's words, and the slugs of the themes it names."""
        return self.headings(note, heading, self.themes)


def build(
    note: Note,
    *,
    name: str,
    source: str,
    topic: str,
    codebook: Codebook,
    transcript: Transcript | None,
    new_id: Callable[[], str],
    coder: str,
    created: str,
    matcher: ThemeMatcher | None = None,
) -> Built:
    """The tags and layout of ``note`` (``topic`` = slug of the note's own theme).

    ``matcher`` decides which theme each heading and wikilink means (by default,
    by the words of ``codebook``'s themes), and keeps its choices for the report."""
    text = note.text
    themes = matcher if matcher is not None else ThemeMatcher(codebook)
    context = _Context(name, topic, themes, transcript, coder, created)
    parts: list[Part] = []
    tags: list[Tag] = []
    cursor = 0
    blocks = list(note.blocks)
    times = anchor_times(note, transcript)
    unread: Counter[BlockKind] = Counter()
    for index, block in enumerate(blocks):
        readable = usable_times(block, times.seconds)
        if readable and block.kind in UNREAD_KINDS:
            unread[block.kind] += 1
        if block.kind not in STATEMENT_KINDS or not readable:
            continue
        begin = _content_start(block)
        following = blocks[index + 1].start if index + 1 < len(blocks) else len(text)
        gap = text[block.end : following]
        after = gap if not gap.strip() else gap[: len(gap) - len(gap.lstrip())]
        if block.start > cursor:
            parts.append(TextPart(text[cursor : block.start]))
        tag = _statement_tag(note, block, begin, times, context, new_id())
        tags.append(tag)
        parts.append(StatementPart(tag.id, text[block.start : begin], after))
        cursor = block.end + len(after)
    if cursor < len(text) or not parts:
        parts.append(TextPart(text[cursor:]))
    layout = NoteLayout(name, source, note.title or "", topic, tuple(parts))
    lost = tuple(lost_statements(note, times.seconds, times.why))
    at = {statement.start for statement in lost}
    times.forget({a.start for b in blocks if b.start in at for a in b.anchors})
    return Built(tags, layout, times, unread, lost)


def _statement_tag(
    note: Note, block: Block, begin: int, times: AnchorTimes, context: _Context, tag_id: str
) -> Tag:
    found = [times.of(a.start, a.seconds) for a in block.anchors]
    seconds = [s for s in found if s is not None]
    start_ms, end_ms = _range_ms(context.transcript, min(seconds), max(seconds))
    raw = note.text[begin : block.end]
    spans = [(a.start - begin, a.end - begin) for a in block.anchors if a.start >= begin]
    path = note.heading_path(block.start)
    themes = [context.topic, *_heading_themes(note, context, path)]
    themes += [s for s in (_link_theme(context.themes, link) for link in block.links) if s]
    words = raw if block.kind != "quote" else _INNER_MARK.sub(lambda m: " " * len(m[0]), raw)
    clean = unescape_block(statement_note(words, spans))
    if "^" in clean:  # (the pattern is slow to search where it cannot match)
        clean = _BLOCK_ID.sub("", clean)
    record = ImportedStatement(
        raw=raw,
        anchors=tuple(
            AnchorSpan(a.start - begin, a.end - begin, times.of(a.start, a.seconds))
            for a in block.anchors
            if a.start >= begin
        ),
        note=clean,
        start_ms=start_ms,
        end_ms=end_ms,
        layout=context.layout,
    )
    return Tag(
        id=tag_id,
        video_id=note.video_id or "",
        start_ms=start_ms,
        end_ms=end_ms,
        themes=tuple(dict.fromkeys(themes)),
        note=clean,
        section=" / ".join(context.heading(note, h)[0] for h in path),
        coder=context.coder,
        created=context.created,
        extra={"md": record.to_dict()},
    )
