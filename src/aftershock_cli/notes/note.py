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

from bisect import bisect_right
from typing import Any

from ..core.errors import InvalidInputError
from .body import Body, read_body
from .inline import anchor_spelling_is_canonical, parse_anchor_time, render_anchor
from .meta import find_source, read_lines, read_yaml, split_front_matter, text_value
from .parts import ANCHOR, BARE, BLOCK_KINDS, LINK, Anchor, Block, Heading, Link

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


class Note:
    """A note in the source format, read without losing a byte.

    The head (front matter, source line) is read at once; the body's blocks,
    anchors, links and headings on first use of any of them.
    """

    __slots__ = (
        "_body",
        "_fm",
        "_fm_end",
        "_fm_valid",
        "_raw",
        "_raw_plain",
        "_source",
        "_yaml_text",
        "body_start",
        "channel",
        "channel_alias",
        "has_front_matter",
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

    def __init__(self, text: str) -> None:
        self.text = text
        head = split_front_matter(text)
        self.has_front_matter = head.has_front_matter
        self._fm_end = head.end
        self._yaml_text = head.yaml_text
        self._raw, self._raw_plain = (
            read_lines(head.yaml_text) if head.has_front_matter else ({}, True)
        )
        self._fm: dict[str, Any] | None = None
        self._fm_valid = True
        self._body: Body | None = None
        source = find_source(text, head.end)
        self._source = source
        self.channel = source.channel if source else None
        self.channel_alias = source.alias if source else None
        self.body_start = source.next_line if source else head.end

    # -- the body, read on first use -------------------------------------------------

    def _read(self) -> Body:
        if self._body is None:
            self._body = read_body(self.text, self._fm_end, self._source)
        return self._body

    @property
    def blocks(self) -> list[Block]:
        """The top-level blocks after the front matter, the source line included."""
        return self._read().blocks

    @property
    def anchors(self) -> list[Anchor]:
        """Every citation of the body in order (anchors, bare and link citations), none from code."""
        return self._read().anchors

    @property
    def links(self) -> list[Link]:
        """Every wikilink outside code in order, the source line's one included."""
        return self._read().links

    @property
    def headings(self) -> list[Heading]:
        """The heading lines in order."""
        return self._read().headings

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


def parse_note(text: str) -> Note:
    """Read a note in the source format; never raises, and ``to_markdown()`` gives ``text`` back."""
    return Note(text)
