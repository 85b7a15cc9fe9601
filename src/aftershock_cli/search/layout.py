"""How the rows of the full-text table are numbered: each id carries its row's kind and length.

A row's id is ``number << ID_SHIFT | kind << 8 | length``:

- ``number`` counts rows in the order they were added, so ids still sort in that
  order (bm25's ties are broken by id, as before) and one file's rows still span
  one range of ids;
- ``kind`` is 1 (``NOTE_BIT``) for a tag's note and 0 for a caption segment;
- ``length`` is the number of tokens FTS5's tokenizer makes of the row's text,
  or ``UNKNOWN_LENGTH`` when that is 255 or more, or when the text holds a
  character outside the ones ``length_code`` is sure to count as the tokenizer does.

With the length in the id, a one-word query is ranked exactly as bm25 ranks it
from the ids of the rows that hold the word (``quick``), without looking up the
length of every such row. Standard library only: a warm search imports it.
"""

from __future__ import annotations

import re

ID_SHIFT = 9
NOTE_BIT = 256
LENGTH_MASK = 255
UNKNOWN_LENGTH = 255

_TOKEN = re.compile(
    "[0-9A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be"
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f]+"
)
"""A token of the ``unicode61`` tokenizer, among the characters of ``_COUNTED``: letters
and digits (Unicode categories L* and N*) make tokens, everything else separates them."""
_COUNTED = re.compile("[\x00-\x7f\u00a0-\u017f\u2000-\u205f]*")
"""Text whose tokens ``_TOKEN`` counts as FTS5 does: ASCII (control characters
separate tokens, as punctuation does), Latin-1 and Latin Extended-A, and general
punctuation (curly quotes, dashes, ellipses). A test checks every one of these
characters against SQLite's tokenizer. Past U+205F are characters that SQLite's
Unicode tables (older than Python's) class otherwise."""
_ASCII_TO_SPACES = bytes(c if chr(c).isalnum() else 0x20 for c in range(128)) + bytes(128)
"""ASCII letters and digits kept, every other ASCII character made a space."""


def length_code(text: str) -> int:
    """The ``length`` part of the id of a row whose indexed text is ``text``."""
    if text.isascii():  # most captions: counted without a regular expression, 3x faster
        count = len(text.encode("ascii").translate(_ASCII_TO_SPACES).split())
    elif _COUNTED.fullmatch(text) is None:
        return UNKNOWN_LENGTH
    else:
        count = len(_TOKEN.findall(text))
    return min(count, UNKNOWN_LENGTH)


def row_id(number: int, is_note: bool, text: str) -> int:
    """The id of the ``number``-th row added, a tag's note or not, indexing ``text``."""
    return number << ID_SHIFT | (NOTE_BIT if is_note else 0) | length_code(text)


def first_id(number: int) -> int:
    """The smallest id the ``number``-th row can have (its file's range starts there)."""
    return number << ID_SHIFT
