"""How a vault's theme pages (and its synthesis page) link a statement to its moment.

``video``: a Markdown link to the video at that time (YouTube, or the local
recording with a ``#t=`` media fragment); it works in any Markdown reader.
``block``: an Obsidian link to the statement's block in its note
(``[[note#^qve757is | 00:05:46]]``); the notes then carry block ids at the end of
each statement: the tag's id (which never changes), or ``t<second>`` for a
statement no tag wrote as such, so that they stay the same from one export to the
next. ``anchor`` and ``markdown`` keep the notes'
own spelling (the source format's anchors, or Markdown links to YouTube).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import Codebook, Transcript, video_url
from ..core.timecode import format_hms
from ..notes import write as md_text
from ..notes.note import parse_note
from . import LinkStyle


def add_block_ids(
    text: str, statements: Sequence[tuple[str, str]] = ()
) -> tuple[str, dict[str, str]]:
    """``text`` with a block id at the end of every line that holds a readable anchor,
    and the block id of each tag and of each anchor's second (``"t346"`` -> its first).

    ``statements``: (tag id, the statement as written) of the note's tags; a line that
    holds a tag's statement gets the tag's id as block id (``tagid-2`` the second
    time it appears), any other line with an anchor ``t<second>``."""
    ends: dict[int, str] = {}  # end of a line -> its block id
    found: dict[str, str] = {}
    for tag_id, statement in statements:
        pos, seen = text.find(statement), 0
        while statement and pos >= 0:
            end = _line_end(text, pos + len(statement))
            if end not in ends:
                seen += 1
                ends[end] = tag_id if seen == 1 else f"{tag_id}-{seen}"
                found.setdefault(tag_id, ends[end])
            pos = text.find(statement, pos + 1)
    taken = set(ends.values())
    for item in parse_note(text).anchors:
        if item.kind == "anchor" and item.seconds is not None:
            end, base = _line_end(text, item.end), f"t{item.seconds}"
            if end not in ends:
                block, number = base, 1
                while block in taken:
                    number += 1
                    block = f"{base}-{number}"
                ends[end] = block
                taken.add(block)
            found.setdefault(base, ends[end])
    out: list[str] = []
    pos = 0
    for end, block in sorted(ends.items()):
        out += [text[pos:end].rstrip(" "), f" ^{block}"]
        pos = end
    out.append(text[pos:])
    return "".join(out), found


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


@dataclass
class VaultLinks:
    """The names a vault gives its pages, and the links between them."""

    style: LinkStyle
    root: Path
    """The workspace's folder (a local recording's path is relative to it)."""
    codebook: Codebook
    theme_pages: dict[str, str] = field(default_factory=dict)
    """Theme slug -> the file name (without ``.md``) of its page."""
    notes: dict[str, str] = field(default_factory=dict)
    """Video id -> the stem of its (first) note."""
    blocks: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    """Video id -> tag id or ``t<second>`` -> (note stem, block id) of its statement
    (of a second: the first statement there)."""
    transcripts: dict[str, Transcript] = field(default_factory=dict)

    def theme(self, slug: str, label: str) -> str:
        page = self.theme_pages.get(slug)
        if page is None:
            return md_text.escape_inline(label)
        return md_text.wikilink(page, label if label != page else None)

    def talk(self, video_id: str, title: str) -> str:
        stem = self.notes.get(video_id)
        if stem is None:
            return md_text.escape_inline(title or video_id)
        return md_text.wikilink(stem, title if title and title != stem else None)

    def moment(self, video_id: str, ms: int, tag_id: str = "") -> str:
        """A link to ``ms`` in the video (to the statement of ``tag_id``), in this
        vault's style."""
        seconds = ms // 1000
        shown = format_hms(seconds * 1000)
        if self.style == "block":
            blocks = self.blocks.get(video_id, {})
            found = blocks.get(tag_id) or blocks.get(f"t{seconds}")
            if found is not None:
                return f"[[{found[0]}#^{found[1]} | {shown}]]"
        if self.style == "anchor":
            return md_text.anchor(seconds)
        return f"[{shown}]({self.moment_url(video_id, seconds)})"

    def moment_url(self, video_id: str, seconds: int) -> str:
        transcript = self.transcripts.get(video_id)
        if transcript is not None and transcript.media:
            media = Path(transcript.media)
            path = media if media.is_absolute() else self.root / media
            return f"<{path.resolve().as_uri()}#t={seconds}>"
        return video_url(video_id, seconds * 1000)

    def relink(self, statement: str, video_id: str, tag_id: str = "") -> str:
        """A statement written with the source format's anchors (of the tag ``tag_id``),
        with each readable anchor made a link in this vault's style."""
        if self.style == "anchor":
            return statement
        note = parse_note(statement)
        for item in sorted(note.anchors, key=lambda a: -a.start):
            if item.kind == "anchor" and item.seconds is not None:
                link = self.moment(video_id, item.seconds * 1000, tag_id)
                note = note.replace_span(item.start, item.end, link)
        return note.to_markdown()
