"""The exported note as safe HTML: every character of it escaped, its timestamp anchors
turned into links that seek the player, headings and paragraphs kept."""

from __future__ import annotations

import html
import re

from ..notes.note import parse_note

_MARK = "\x00{}\x00"
_MARKED = re.compile("\x00(\\d+)\x00")
_WIKILINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_BREAK = re.compile(r"\s*&lt;br\s*/?&gt;\s*$")


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _seek_link(seconds: int) -> str:
    return f'<a href="#" class="seek" data-seek-ms="{seconds * 1000}">[{_clock(seconds)}]</a>'


def _line(escaped: str) -> str:
    """One escaped line of the body as HTML (a wikilink shows its text, as a vault does)."""
    escaped = _BREAK.sub("", escaped)
    escaped = _WIKILINK.sub(
        lambda m: f'<span class="wikilink">{m.group(2) or m.group(1)}</span>', escaped
    )
    heading = re.match(r"(#{1,6}) (.*)", escaped)
    if heading:
        level = len(heading.group(1))
        return f"<h{level + 1}>{heading.group(2)}</h{level + 1}>"
    return f"<p>{escaped}</p>" if escaped.strip() else ""


def note_html(text: str) -> str:
    """``text`` (a note in the source format) as an HTML fragment."""
    note = parse_note(text)
    links: list[str] = []
    marked = text
    for anchor in sorted(note.anchors, key=lambda a: -a.start):
        if anchor.seconds is None:
            continue
        marked = marked[: anchor.start] + _MARK.format(len(links)) + marked[anchor.end :]
        links.append(_seek_link(anchor.seconds))
    front = ""
    if marked.startswith("---\n"):
        end = marked.find("\n---", 4)
        if end > 0:
            front = f'<pre class="front">{html.escape(marked[4:end])}</pre>'
            marked = marked[end + 4 :]
    body = "\n".join(
        filter(None, (_line(html.escape(html.unescape(line))) for line in marked.splitlines()))
    )
    return front + _MARKED.sub(lambda m: links[int(m.group(1))], body)
