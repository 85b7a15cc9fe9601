"""One plain-text rendering of note Markdown, for places that show no Markdown.

What a wikilink shows is read once, by ``WIKILINK``; a purpose picks the rest:

- ``"show"`` (captions, chapter titles): timestamp citations are removed and
  ``**bold**`` / ``__bold__`` markers dropped; any other character is the user's
  text and stays (a ``<b>`` a note's author wrote as text, a ``snake_case`` word).
  A link shows the words after its last ``|``: notes chain aliases
  (``[[page | topic | words]]``) so that the sentence reads with the last one, and
  a link whose alias was only a timestamp shows nothing once the time is gone.
- ``"match"`` (the words a statement is scored by against a transcript): a link
  shows its alias, or its target without one (the note reader's rule,
  ``link_text``); every HTML-like tag and every ``*`` and ``_`` becomes a space,
  so ``cross_silo`` reads as two words. A citation's digits stay: the scorer
  has always seen the times of a block's earlier anchors, and its findings
  depend on that.

``heading_text`` gives a parsed heading's words (a tag's section), links by the
reader's rule.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from .inline import WIKILINK, link_parts

if TYPE_CHECKING:
    from .note import Note
    from .parts import Heading

Purpose = Literal["show", "match"]
"""What the plain text is for (see the module's docstring)."""

# Every pattern here costs time in proportion to the text, whatever it holds: a run of
# spaces is entered only at its start ((?<!\s)\s*+), an element's attributes end at the
# next "<" or ">", and what an anchor shows is at most MAX_ANCHOR_INNER characters (a
# real one shows [HH:MM:SS]); so 20,000 unclosed "<a " cost milliseconds, not minutes.
MAX_ANCHOR_INNER = 200
_ANCHOR = re.compile(
    r"(?<!\s)\s*+<a\b(?>[^<>]*?yt[-_=\"]*timestamp)[^<>]*+>"
    rf".{{0,{MAX_ANCHOR_INNER}}}?</a>",
    re.S,
)
# an older citation: [00:01:12], [00:01:12](#) or ([00:01:12](#))
_BARE_TIME = re.compile(r"(?<!\s)\s*+\(?\[\d{1,2}(?::\d{1,2}){1,3}\](?:\(#\))?\)?")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_TAG = re.compile(r"<[^<>]*>")


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def link_text(target: str, alias: str | None) -> str:
    """What a wikilink shows as the note reader reads it: its alias, or its target when
    it has none (or an empty one)."""
    return alias or target


def _last_alias(match: re.Match[str]) -> str:
    return match.group()[2:-2].rsplit("|", 1)[-1].strip()


def _link_text(match: re.Match[str]) -> str:
    return link_text(*link_parts(match))


def plain_text(markdown: str, purpose: Purpose = "show") -> str:
    """The words of a stretch of note Markdown on one line, for ``purpose``."""
    if purpose == "show":
        text = WIKILINK.sub(_last_alias, _BARE_TIME.sub("", _ANCHOR.sub("", markdown)))
        return one_line(_BOLD.sub(lambda m: m.group(2), text))
    text = _TAG.sub(" ", WIKILINK.sub(_link_text, markdown))
    return one_line(text.replace("*", " ").replace("_", " "))


def heading_text(note: Note, heading: Heading) -> str:
    """A heading's words: its ``#`` marks, anchors and extra spaces gone, its wikilinks
    as they show (only what the reader found: nothing inside inline code changes)."""
    pieces: list[tuple[int, int, str]] = []
    for link in note.links:
        if heading.start <= link.start < heading.end:
            pieces.append((link.start, link.end, link_text(link.target, link.alias)))
    for item in note.anchors:
        if heading.start <= item.start < heading.end:
            pieces.append((item.start, item.end, ""))
    text = note.text[heading.start : heading.end]
    for start, end, new in sorted(pieces, reverse=True):
        text = text[: start - heading.start] + new + text[end - heading.start :]
    return one_line(text.lstrip("#").strip().rstrip("#"))
