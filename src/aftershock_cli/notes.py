"""The source-format note, read losslessly: ``parse_note(text).to_markdown() == text``.

A :class:`Note` keeps the exact text it was made from and records where each
part sits in it (front matter, source line, blocks, headings, timestamp
anchors, wikilinks). Nothing is re-rendered: an edit replaces one span and
reads the result again, so every other byte stays as it was.

    >>> note = parse_note('---\\ntitle: T\\nvideoId: abc\\n---\\n\\nSaid <a class="yt-timestamp" '
    ...                   'data-t="00:01:02">[00:01:02]</a>.')
    >>> note.anchors[0].seconds
    62
    >>> note.with_anchor_time(note.anchors[0], 75).anchors[0].raw
    '<a class="yt-timestamp" data-t="00:01:15">[00:01:15]</a>'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from .errors import InvalidInputError
from .notes_inline import (
    CITATIONS,
    anchor_spelling_is_canonical,
    code_spans,
    in_spans,
    make_anchor,
    make_link,
    parse_anchor_time,
    render_anchor,
)
from .notes_meta import find_source, read_lines, read_yaml, split_front_matter, text_value
from .notes_model import ANCHOR, BARE, BLOCK_KINDS, LINK, Anchor, Block, Heading, Link
from .notes_scan import Lines, RawBlock, scan_blocks

__all__ = [
    "ANCHOR",
    "BARE",
    "BLOCK_KINDS",
    "LINK",
    "Anchor",
    "Block",
    "Heading",
    "Link",
    "Note",
    "anchor_spelling_is_canonical",
    "parse_anchor_time",
    "parse_note",
    "render_anchor",
]

_UNREAD = object()


class Note:
    """A note in the source format, read without losing a byte."""

    __slots__ = (
        "_fm",
        "_fm_valid",
        "_raw",
        "_raw_plain",
        "_yaml_text",
        "anchors",
        "blocks",
        "body_start",
        "channel",
        "channel_alias",
        "has_front_matter",
        "headings",
        "links",
        "text",
    )

    text: str
    """The exact text the note was read from."""
    has_front_matter: bool
    """Whether the note starts with a ``---`` ... ``---`` block."""
    channel: str | None
    """The channel of the ``From: [[...]]`` source line, None without a source line."""
    channel_alias: str | None
    """The alias of the source line's wikilink, if it has one."""
    body_start: int
    """Offset where the body starts (after the front matter and the source line)."""
    headings: list[Heading]
    anchors: list[Anchor]
    """Every citation of the body in order (anchors, bare and link citations), none from code."""
    links: list[Link]
    """Every wikilink outside code in order, the source line's one included."""
    blocks: list[Block]
    """The top-level blocks after the front matter, the source line included."""

    def __init__(self, text: str) -> None:
        self.text = text
        head = split_front_matter(text)
        self.has_front_matter = head.has_front_matter
        self._yaml_text = head.yaml_text
        self._raw, self._raw_plain = (
            read_lines(head.yaml_text) if head.has_front_matter else ({}, True)
        )
        self._fm: dict[str, Any] | None = None
        self._fm_valid = True
        lines = Lines(text)
        first = (
            bisect_right(lines.starts, head.end) - 1 if head.end < len(text) else len(lines.lines)
        )
        raw_blocks, next_index = self._source_line(lines, first, head.end)
        raw_blocks.extend(scan_blocks(text, lines, next_index))
        self._attach(raw_blocks, lines, head.end)

    # -- reading -----------------------------------------------------------------

    def _source_line(self, lines: Lines, first: int, fm_end: int) -> tuple[list[RawBlock], int]:
        """Find the source line: the first non-blank line after the front matter.

        Returns its block (if any) and the index of the line where the body's
        blocks start.
        """
        self.channel = None
        self.channel_alias = None
        self.body_start = fm_end
        src = lines.lines
        index = first
        while index < len(src) and not src[index].strip():
            index += 1
        source = (
            find_source(self.text, src[index], lines.starts[index]) if index < len(src) else None
        )
        if source is None:
            return [], first
        self.channel = source.channel
        self.channel_alias = source.alias
        self.body_start = source.next_line
        return [RawBlock("source", source.start, source.end, index + 1, "", 0)], index + 1

    def _attach(self, raw_blocks: list[RawBlock], lines: Lines, scan_from: int) -> None:
        """Find the citations and wikilinks and give each block its own."""
        text = self.text
        starts = [block.start for block in raw_blocks]
        code_starts: list[int] = []
        code_ends: list[int] = []
        if "`" in text:
            for block in raw_blocks:
                if block.kind != "code" and "`" in text[block.start : block.end]:
                    for span_start, span_end in code_spans(text, block.start, block.end):
                        code_starts.append(span_start)
                        code_ends.append(span_end)
        anchors: list[Anchor] = []
        links: list[Link] = []
        per_block: dict[int, tuple[list[Anchor], list[Link]]] = {}
        line_starts = lines.starts
        for match in _hits(text, scan_from):
            position = match.start()
            index = bisect_right(starts, position) - 1
            if index < 0 or position >= raw_blocks[index].end:
                continue  # not in a block: cannot happen for body text, kept safe
            if raw_blocks[index].kind == "code":
                continue
            if code_starts and in_spans(position, code_starts, code_ends):
                continue
            line = bisect_right(line_starts, position)
            column = position - line_starts[line - 1] + 1
            bucket = per_block.setdefault(index, ([], []))
            if match.group("wt") is not None:
                link = make_link(match, line, column)
                links.append(link)
                bucket[1].append(link)
            else:
                anchor = make_anchor(match, line, column)
                anchors.append(anchor)
                bucket[0].append(anchor)
        blocks: list[Block] = []
        headings: list[Heading] = []
        for index, raw in enumerate(raw_blocks):
            found = per_block.get(index)
            block_text = text[raw.start : raw.end]
            blocks.append(
                Block(
                    kind=raw.kind,
                    start=raw.start,
                    end=raw.end,
                    text=block_text,
                    line=raw.line,
                    marker=raw.marker,
                    indent=raw.indent,
                    anchors=tuple(found[0]) if found else (),
                    links=tuple(found[1]) if found else (),
                )
            )
            if raw.kind == "heading":
                stripped = block_text.lstrip(" \t")
                level = len(stripped) - len(stripped.lstrip("#"))
                headings.append(
                    Heading(
                        start=raw.start,
                        end=raw.end,
                        level=level,
                        text=stripped[level:].lstrip(" \t"),
                        line=raw.line,
                    )
                )
        self.anchors = anchors
        self.links = links
        self.blocks = blocks
        self.headings = headings

    # -- front matter -------------------------------------------------------------

    def _yaml(self) -> dict[str, Any]:
        if self._fm is None:
            if self.has_front_matter:
                self._fm, self._fm_valid = read_yaml(self._yaml_text)
            else:
                self._fm = {}
        return self._fm

    @property
    def front_matter(self) -> dict[str, Any]:
        """All front-matter keys in order: read as YAML, or line by line when that fails."""
        data = self._yaml()
        if self._fm_valid:
            return dict(data)
        return dict(self._raw)

    @property
    def front_matter_valid(self) -> bool:
        """False when the front matter exists but is not valid YAML."""
        self._yaml()
        return self._fm_valid

    def _value(self, key: str) -> str | None:
        raw = self._raw.get(key)
        if self._raw_plain and raw is not None:
            return raw
        data = self._yaml()
        return text_value(data.get(key) if self._fm_valid else None, raw)

    @property
    def title(self) -> str | None:
        """The front matter's ``title`` as a string."""
        return self._value("title")

    @property
    def video_id(self) -> str | None:
        """The front matter's ``videoId`` as a string (not checked)."""
        return self._value("videoId")

    # -- writing ------------------------------------------------------------------

    def to_markdown(self) -> str:
        """The note's text: always exactly what it was read from."""
        return self.text

    def replace_span(self, start: int, end: int, new: str) -> Note:
        """A new note with ``text[start:end]`` replaced by ``new``; all else unchanged."""
        if not 0 <= start <= end <= len(self.text):
            raise InvalidInputError(
                f"span {start}-{end} is outside the note (0-{len(self.text)}); "
                "use offsets from this note's own anchors, links or blocks"
            )
        return Note(self.text[:start] + new + self.text[end:])

    def with_anchor_time(self, anchor: Anchor, seconds: int) -> Note:
        """A new note where ``anchor`` is the canonical element for ``seconds``; nothing else changes."""
        if self.text[anchor.start : anchor.end] != anchor.raw:
            raise InvalidInputError(
                f"the anchor {anchor.raw!r} (line {anchor.line}) is not in this note; "
                "take the anchor from this note's own anchors"
            )
        return self.replace_span(anchor.start, anchor.end, render_anchor(seconds))

    # -- finding ------------------------------------------------------------------

    def heading_path(self, offset: int) -> list[Heading]:
        """The headings a position sits under, outermost first (its own heading line included)."""
        path: list[Heading] = []
        for heading in self.headings:
            if heading.start > offset:
                break
            while path and path[-1].level >= heading.level:
                path.pop()
            path.append(heading)
        return path

    def block_at(self, offset: int) -> Block | None:
        """The block holding a position, or None (blank line, front matter)."""
        index = bisect_right([block.start for block in self.blocks], offset) - 1
        if index >= 0 and offset <= self.blocks[index].end:
            return self.blocks[index]
        return None

    def __repr__(self) -> str:
        return f"Note(video_id={self.video_id!r}, title={self.title!r}, chars={len(self.text)})"


def _hits(text: str, start: int) -> Iterator[re.Match[str]]:
    """Citation and wikilink matches in order, also citations inside a wikilink's alias."""
    for match in CITATIONS.finditer(text, start):
        yield match
        inside = match.group("wt")
        if inside is not None and ("<" in inside or "[" in inside or "(" in inside):
            yield from CITATIONS.finditer(text, match.start() + 2, match.end() - 2)


def parse_note(text: str) -> Note:
    """Read a note in the source format; never raises, and ``to_markdown()`` gives ``text`` back."""
    return Note(text)
