"""Cutting a note's body into top-level blocks, one line-classifying match per line.

Blocks are whole lines: paragraphs, list items (each nested item its own
block), headings, block quotes, fenced code, tables, HTML blocks, rules and
``$$`` math. Blank lines separate blocks and belong to none. The scanner never
raises: every line ends up in some block or is blank.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from .parts import BlockKind

_HTML_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|"
    "optgroup|option|p|param|pre|script|search|section|style|summary|table|tbody|td|"
    "textarea|tfoot|th|thead|title|tr|track|ul"
)

_LINE = re.compile(
    r"(?P<blank>[ \t]*\r?$)"
    r"|(?P<fence>[ \t]*(?P<fchars>`{3,}(?=[^`]*$)|~{3,})(?P<info>.*))"
    r"|(?P<heading>[ \t]{0,3}(?P<hashes>#{1,6})(?:[ \t]+|(?=\r?$)))"
    r"|(?P<rule>[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\r?$)"
    r"|(?P<item>(?P<indent>[ \t]*)(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]+|(?=\r?$)))"
    r"|(?P<quote>[ \t]{0,3}>)"
    r"|(?P<math>[ \t]{0,3}\$\$)"
    r"|(?P<table>[ \t]{0,3}\|)"
    rf"|(?P<html>[ \t]{{0,3}}<(?:!--|/?(?i:{_HTML_TAGS})(?=[\s/>]|$)))"
    r"|(?P<tag>[ \t]{0,3}</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>[ \t]*\r?$)"
)
_DELIMITER_ROW = re.compile(
    r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?\r?"
)
_WRAPPER_INFO = {"markdown", "md"}
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*\r?$", re.M)


class RawBlock(NamedTuple):
    """A block before its anchors and links are attached."""

    kind: BlockKind
    start: int
    end: int
    line: int
    marker: str
    indent: int


class Lines:
    """The lines of a text with the offset where each starts."""

    __slots__ = ("lines", "starts")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.lines[:-1])]

    def end(self, index: int) -> int:
        """Offset of the end of line ``index`` without its ``\\r\\n`` or ``\\n``."""
        line = self.lines[index]
        return self.starts[index] + len(line) - (1 if line.endswith("\r") else 0)


def _closing_fence(text: str, chars: str, start: int) -> int:
    """Offset of the line that closes a fence opened with ``chars``, or -1."""
    for match in _FENCE_LINE.finditer(text, start):
        found = match.group(1)
        if found[0] == chars[0] and len(found) >= len(chars):
            return match.start()
    return -1


def _last_closing_fence(text: str, chars: str, start: int) -> int:
    """Offset of the last line that could close a fence opened with ``chars``, or -1."""
    last = -1
    for match in _FENCE_LINE.finditer(text, start):
        found = match.group(1)
        if found[0] == chars[0] and len(found) >= len(chars):
            last = match.start()
    return last


def _classify(line: str) -> tuple[str, re.Match[str] | None]:
    match = _LINE.match(line)
    if match is None or match.lastgroup is None:
        return "paragraph", None
    return match.lastgroup, match


def scan_blocks(text: str, lines: Lines, first: int) -> list[RawBlock]:
    """Cut the lines from index ``first`` on into blocks."""
    out: list[RawBlock] = []
    src = lines.lines
    count = len(src)
    wrapper_close = -1
    i = first
    while i < count:
        line = src[i]
        kind, match = _classify(line)
        block: BlockKind
        if kind == "blank":
            i += 1
            continue
        start = lines.starts[i]
        if i == wrapper_close:
            out.append(RawBlock("code", start, lines.end(i), i + 1, "", 0))
            i += 1
            continue
        last = i
        marker, indent = "", 0
        if kind == "fence" and match is not None:
            chars = match.group("fchars")
            after = lines.starts[i + 1] if i + 1 < count else len(text)
            if match.group("info").strip().lower() in _WRAPPER_INFO:
                # A generator's wrapper around Markdown: read what it holds as Markdown.
                closes = _last_closing_fence(text, chars, after)
                if closes >= 0:
                    wrapper_close = _line_index(lines, closes)
                out.append(RawBlock("code", start, lines.end(i), i + 1, "", 0))
                i += 1
                continue
            found = _closing_fence(text, chars, after)
            last = _line_index(lines, found) if found >= 0 else count - 1
            column = _item_column(out, line)
            if column > 0:
                # A fence inside a list item ends with its item at the latest.
                last = min(last, _container_end(src, i, column))
            block = "code"
        elif kind == "math":
            block, last = "math", _math_end(line, lines, i)
            if last < 0:
                block, last = "paragraph", _paragraph_end(src, i)
        elif kind == "heading" or kind == "rule":
            block = "heading" if kind == "heading" else "rule"
        elif kind == "item" and match is not None:
            marker = match.group(0)[len(match.group("indent")) :]
            indent = len(match.group("indent").expandtabs(4))
            block, last = "list_item", _paragraph_end(src, i)
        elif kind == "quote":
            block, last = "quote", _quote_end(src, i)
        elif kind in ("html", "tag"):
            block, last = "html", _html_end(src, i, line)
        elif kind == "table" or ("|" in line and i + 1 < count and _is_delimiter(src[i + 1])):
            block, last = "table", _table_end(src, i)
        else:
            block, last = "paragraph", _paragraph_end(src, i)
        out.append(RawBlock(block, start, lines.end(last), i + 1, marker, indent))
        i = last + 1
    return out


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(4))


def _item_column(out: list[RawBlock], line: str) -> int:
    """The content column of the list item a fence on ``line`` belongs to, or 0."""
    indent = _indent(line)
    if indent == 0 or not out or out[-1].kind not in ("list_item", "code"):
        return 0
    for block in reversed(out):
        if block.kind == "list_item":
            mark = block.marker.rstrip(" \t")
            spaces = len(block.marker.expandtabs(4)) - len(mark)
            column = block.indent + len(mark) + (spaces if 1 <= spaces <= 4 else 1)
            return min(column, indent)
        if block.kind != "code":
            return 0
    return 0


def _container_end(src: list[str], i: int, column: int) -> int:
    """The last line of the list item holding line ``i``: before the first line outdented
    below ``column`` (blank lines just before it belong to no block)."""
    last = i
    for j in range(i + 1, len(src)):
        line = src[j]
        if not line.strip():
            continue
        if _indent(line) < column:
            return last
        last = j
    return last


def _line_index(lines: Lines, offset: int) -> int:
    return bisect_right(lines.starts, offset) - 1


def _is_delimiter(line: str) -> bool:
    return "-" in line and _DELIMITER_ROW.fullmatch(line) is not None


def _continues(line: str) -> bool:
    """Whether a line continues the paragraph or list item above it."""
    kind, _ = _classify(line)
    return kind == "paragraph" or kind == "tag"


def _paragraph_end(src: list[str], i: int) -> int:
    j = i + 1
    while j < len(src) and _continues(src[j]):
        j += 1
    return j - 1


def _quote_end(src: list[str], i: int) -> int:
    j = i + 1
    while j < len(src):
        kind, _ = _classify(src[j])
        if kind != "quote" and kind != "paragraph":
            break
        j += 1
    return j - 1


def _table_end(src: list[str], i: int) -> int:
    j = i + 1
    while j < len(src):
        line = src[j]
        if "|" not in line:
            break
        kind, _ = _classify(line)
        if kind not in ("table", "paragraph") and not _is_delimiter(line):
            break
        j += 1
    return j - 1


def _html_end(src: list[str], i: int, line: str) -> int:
    comment = line.lstrip().startswith("<!--")
    j = i
    while j < len(src):
        if comment:
            if "-->" in src[j]:
                return j
        elif j > i and not src[j].strip():
            return j - 1
        j += 1
    return len(src) - 1


def _math_end(line: str, lines: Lines, i: int) -> int:
    """Index of the line closing a ``$$`` block opened on line ``i``, or -1."""
    opened = line.index("$$")
    if "$$" in line[opened + 2 :]:
        return i
    src = lines.lines
    for j in range(i + 1, len(src)):
        if "$$" in src[j]:
            return j
        if not src[j].strip():
            return -1
    return -1
