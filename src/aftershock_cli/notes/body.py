"""Reading a note's body: blocks, and the citations and wikilinks each block holds."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from .inline import CITATIONS, code_spans, in_spans, make_anchor, make_link
from .meta import Source
from .parts import Anchor, Block, Heading, Link
from .scan import Lines, RawBlock, scan_blocks


class Body(NamedTuple):
    """Everything found after the front matter."""

    blocks: list[Block]
    anchors: list[Anchor]
    links: list[Link]
    headings: list[Heading]


def read_body(text: str, fm_end: int, source: Source | None) -> Body:
    """Cut the text after ``fm_end`` into blocks and attach citations and links."""
    lines = Lines(text)
    raw_blocks: list[RawBlock] = []
    body_from = fm_end
    if source is not None:
        raw_blocks.append(RawBlock("source", source.start, source.end, source.line, "", 0))
        body_from = source.next_line
    first = bisect_right(lines.starts, body_from) - 1 if body_from < len(text) else len(lines.lines)
    raw_blocks.extend(scan_blocks(text, lines, first))
    return _attach(text, raw_blocks, lines, fm_end)


def _hits(text: str, start: int) -> Iterator[re.Match[str]]:
    """Citation and wikilink matches in order, also citations inside a wikilink's alias."""
    for match in CITATIONS.finditer(text, start):
        yield match
        if match.group("target") is None:
            continue
        inside = match.group()[2:-2]
        if "<" in inside or "[" in inside or "(" in inside:
            yield from CITATIONS.finditer(text, match.start() + 2, match.end() - 2)


def _code_spans(text: str, raw_blocks: list[RawBlock]) -> tuple[list[int], list[int]]:
    """Starts and ends of the inline code spans outside code blocks."""
    starts: list[int] = []
    ends: list[int] = []
    if "`" in text:
        for block in raw_blocks:
            if block.kind != "code" and "`" in text[block.start : block.end]:
                for part_start, part_end in _inline_parts(text, block):
                    for span_start, span_end in code_spans(text, part_start, part_end):
                        starts.append(span_start)
                        ends.append(span_end)
    return starts, ends


_QUOTED_BREAK = re.compile(
    r"^[ \t]{0,3}(?:>[ \t]?)+(?:[ \t]*(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|$)|[ \t]*$)", re.M
)


def _inline_parts(text: str, block: RawBlock) -> Iterator[tuple[int, int]]:
    """The stretches of a block a code span cannot cross: a block quote breaks at each
    list item and blank line it holds; any other block is one stretch."""
    if block.kind != "quote":
        yield block.start, block.end
        return
    start = block.start
    for match in _QUOTED_BREAK.finditer(text, block.start + 1, block.end):
        yield start, match.start()
        start = match.start()
    yield start, block.end


def _attach(text: str, raw_blocks: list[RawBlock], lines: Lines, scan_from: int) -> Body:
    code_starts, code_ends = _code_spans(text, raw_blocks)
    anchors: list[Anchor] = []
    links: list[Link] = []
    per_block: list[tuple[list[Anchor], list[Link]] | None] = [None] * len(raw_blocks)
    line_starts = lines.starts
    index = -1
    count = len(raw_blocks)
    for match in _hits(text, scan_from):
        position = match.start()
        # matches come in order: move on to the block that may hold this one
        while index + 1 < count and raw_blocks[index + 1].start <= position:
            index += 1
        if index < 0 or position >= raw_blocks[index].end:
            continue  # on no block's lines (cannot happen in a body; kept safe)
        if raw_blocks[index].kind == "code":
            continue
        if code_starts and in_spans(position, code_starts, code_ends):
            continue
        line = bisect_right(line_starts, position)
        column = position - line_starts[line - 1] + 1
        bucket = per_block[index]
        if bucket is None:
            bucket = per_block[index] = ([], [])
        if match.group("target") is not None:
            link = make_link(match, line, column)
            links.append(link)
            bucket[1].append(link)
        else:
            anchor = make_anchor(match, line, column)
            anchors.append(anchor)
            bucket[0].append(anchor)
    blocks: list[Block] = []
    headings: list[Heading] = []
    for raw, found in zip(raw_blocks, per_block, strict=True):
        block_text = text[raw.start : raw.end]
        if found is None:
            block = Block(
                raw.kind, raw.start, raw.end, block_text, raw.line, raw.marker, raw.indent
            )
        else:
            block = Block(
                raw.kind,
                raw.start,
                raw.end,
                block_text,
                raw.line,
                raw.marker,
                raw.indent,
                tuple(found[0]),
                tuple(found[1]),
            )
        blocks.append(block)
        if raw.kind == "heading":
            stripped = block_text.lstrip(" \t")
            level = len(stripped) - len(stripped.lstrip("#"))
            title = stripped[level:].lstrip(" \t")
            headings.append(Heading(raw.start, raw.end, level, title, raw.line))
    return Body(blocks, anchors, links, headings)
