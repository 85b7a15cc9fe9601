"""The parts of a note that the reader finds: anchors, wikilinks, headings and blocks.

Every part records its span (character offsets into the note's text) and its
exact spelling, so a note can always be written back byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

AnchorKind = Literal["anchor", "bare", "link"]
"""What kind of citation an :class:`Anchor` is."""
ANCHOR: Final = "anchor"
"""Kind of an ``<a class="yt-timestamp" ...>`` element, well formed or not."""
BARE: Final = "bare"
"""Kind of an older bare citation such as ``[02:04:15]``."""
LINK: Final = "link"
"""Kind of an older Markdown-link citation: ``[00:01:12](#)`` or ``([00:01:12](#))``."""

BlockKind = Literal[
    "paragraph",
    "list_item",
    "heading",
    "quote",
    "code",
    "table",
    "html",
    "rule",
    "math",
    "source",
]
"""What kind of block a :class:`Block` is."""
BLOCK_KINDS: tuple[BlockKind, ...] = get_args(BlockKind)
"""Every value a :class:`Block`'s ``kind`` can take."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A citation of a moment of the video."""

    start: int
    """Offset of the first character of the citation in ``Note.text``."""
    end: int
    """Offset just after the citation."""
    raw: str
    """``text[start:end]``, exactly as written."""
    kind: AnchorKind
    data_t: str | None
    """The value of ``data-t`` as written, or None when the element has none."""
    shown: str | None
    """The time shown between the brackets as written, or None when absent."""
    seconds: int | None
    """Seconds from the video's start (from data-t when readable, else the shown time)."""
    shown_seconds: int | None
    """Seconds of the shown time, or None when it cannot be read or is absent."""
    well_formed: bool
    """True only for ``<a class="yt-timestamp" data-t="HH:MM:SS">[HH:MM:SS]</a>``, one time twice."""
    line: int
    """1-based line of ``start``."""
    column: int
    """1-based column of ``start``."""


@dataclass(frozen=True, slots=True)
class Link:
    """A wikilink: ``[[target]]``, ``[[target | alias]]`` or ``[[target|alias]]``."""

    start: int
    """Offset of the first ``[``."""
    end: int
    """Offset just after the closing ``]]``."""
    raw: str
    """``text[start:end]``, exactly as written."""
    target: str
    """The page linked to, without surrounding spaces or isolation marks (nor a table's ``\\``)."""
    alias: str | None
    """The text shown instead of the target, or None when there is no bar."""
    line: int
    """1-based line of ``start``."""
    column: int
    """1-based column of ``start``."""


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX heading line such as ``## Key insights``."""

    start: int
    """Offset of the line's first character."""
    end: int
    """Offset of the end of the line, before its line ending."""
    level: int
    """The number of ``#``."""
    text: str
    """What follows the ``#`` and the spaces after them, as written."""
    line: int
    """1-based line number."""


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block of the body, in document order."""

    kind: BlockKind
    start: int
    """Offset of the block's first character (its line's start, indentation included)."""
    end: int
    """Offset of the end of its last line, before the line ending."""
    text: str
    """``text[start:end]``."""
    line: int
    """1-based line of ``start``."""
    marker: str = ""
    """For a list item: the marker with its spacing, such as ``"1.  "`` or ``"*   "``."""
    indent: int = 0
    """For a list item: its indentation in columns (a tab counts as 4)."""
    anchors: tuple[Anchor, ...] = ()
    """The citations inside the block."""
    links: tuple[Link, ...] = ()
    """The wikilinks inside the block."""
