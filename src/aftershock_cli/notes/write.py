"""The small text pieces of notes aftershock writes in the source format.

Front matter, the ``From:`` line, timestamp anchors, statements, headings and
the escaping that keeps text a user wrote (a note, a theme label, transcript
words) from breaking the layout: ``</a>``, ``]]``, a ``|`` inside a link
alias, a line that would read as a heading or a list item.
"""

from __future__ import annotations

import json
import re

import yaml

from ..core.model import video_url
from ..core.timecode import format_hms
from .inline import WIKILINK
from .note import render_anchor
from .text import one_line

_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_BARE_TIME = re.compile(r"\[(\d{1,2}(?::\d{1,2}){1,3})\]")
_BLOCK_START = re.compile(r"^(?:[#>*+=|`~$-]|\d+[.)](?=\s|$)|From:)")


def anchor(seconds: int) -> str:
    """The canonical anchor of the source format for a time in seconds."""
    return render_anchor(max(0, seconds))


def markdown_link(seconds: int, video_id: str) -> str:
    """``[00:09:14](https://www.youtube.com/watch?v=ID&t=554s)``."""
    return f"[{format_hms(seconds * 1000)}]({video_url(video_id, seconds * 1000)})"


def _escape_plain(text: str) -> str:
    text = _HTML_OPEN.sub("&lt;", text)
    text = text.replace("[[", "[&#91;").replace("]]", "]&#93;")
    return _BARE_TIME.sub(r"\\[\1]", text)


def escape_inline(text: str) -> str:
    """One line of text safe inside a statement: well-formed ``[[links]]`` are kept,
    HTML-like tags, stray ``[[``/``]]`` and bare ``[HH:MM:SS]`` times are neutralised."""
    flat = one_line(text)
    out: list[str] = []
    pos = 0
    for match in WIKILINK.finditer(flat):
        if match.group() == "[[]]":
            continue  # links nothing: its brackets are escaped as text
        out.append(_escape_plain(flat[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(_escape_plain(flat[pos:]))
    return "".join(out)


def escape_block(text: str) -> str:
    """A statement's text that cannot start a heading, list, quote, rule, table or fence."""
    body = escape_inline(text)
    match = _BLOCK_START.match(body)
    if match is None:
        return body
    if match.group()[0].isdigit():
        end = match.end()
        return f"{body[: end - 1]}\\{body[end - 1 :]}"
    if match.group() == "From:":
        return "From\\:" + body[5:]
    return "\\" + body


_ESCAPED_TIME = re.compile(r"\\(\[\d{1,2}(?::\d{1,2}){1,3}\])")
_ESCAPED_MARKS = re.compile(r"&lt;(?=[A-Za-z/!?])|\[&#91;|\]&#93;")
_UNESCAPED = {"&lt;": "<", "[&#91;": "[[", "]&#93;": "]]"}
_BLOCK_ESCAPED = re.compile(r"\A(?:\\(?=[#>*+=|`~$-])|(\d+)\\(?=[.)](?:\s|$))|(From)\\(?=:))")


def unescape_inline(text: str) -> str:
    """The text ``escape_inline`` was given, for one line it wrote (a written
    ``&lt;div``, ``[&#91;``, ``]&#93;`` or ``\\[00:01:12]`` reads back as the plain text)."""
    if "\\" in text:  # (each pattern looked for only where it can be: they scan slowly)
        text = _ESCAPED_TIME.sub(r"\1", text)  # undone in the reverse order of escaping
    if "&" in text:
        text = _ESCAPED_MARKS.sub(lambda m: _UNESCAPED[m.group()], text)
    return text


def unescape_block(text: str) -> str:
    """The text ``escape_block`` was given: also drops the backslash it put before
    a leading ``#``, ``>``, ``-``..., in ``1\\.`` or in ``From\\:``."""
    found = _BLOCK_ESCAPED.match(text)  # at the start only: ``sub`` would try every place
    if found is not None:
        text = (found.group(1) or found.group(2) or "") + text[found.end() :]
    return unescape_inline(text)


def escape_heading(text: str) -> str:
    """Heading text on one line; a trailing ``#`` is kept as text, not a closing sequence."""
    body = escape_inline(text)
    if body.startswith("#"):
        body = "\\" + body
    if body.endswith("#"):
        body = body[:-1] + "\\#"
    return body


def escape_alias(text: str) -> str:
    """Text for the alias part of a wikilink: no ``|``, ``[`` or ``]`` left to end it."""
    flat = one_line(text)
    flat = flat.replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;")
    return _HTML_OPEN.sub("&lt;", flat)


def wikilink(target: str, alias: str | None = None) -> str:
    """``[[target]]`` or ``[[target | alias]]`` in the spelling of the source format."""
    if alias is None or alias == target:
        return f"[[{target}]]"
    return f"[[{target} | {escape_alias(alias)}]]"


def _yaml_scalar(value: str) -> str:
    if value and "\n" not in value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def front_matter(title: str, video_id: str) -> str:
    """``---`` / ``title:`` / ``videoId:`` / ``---`` (no final line ending)."""
    return f"---\ntitle: {_yaml_scalar(one_line(title))}\nvideoId: {_yaml_scalar(video_id)}\n---"


def source_line(handle: str) -> str:
    """``From: [[handle]] <br/> `` with its trailing space (no line ending)."""
    return f"From: [[{handle.strip().lower()}]] <br/> "


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def statement(text: str, seconds: list[int]) -> str:
    """A statement followed by its anchors, placed before a final full stop or colon.
    A text of several paragraphs keeps them; the anchors end the last one."""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]
    if len(paragraphs) > 1:
        lead = "\n\n".join(escape_block(p) for p in paragraphs[:-1])
        return f"{lead}\n\n{statement(paragraphs[-1], seconds)}"
    anchors = ", ".join(anchor(s) for s in seconds)
    body = escape_block(text)
    if not body:
        return anchors
    if not anchors:
        return body
    head = body[:-1]
    if (
        body.endswith((".", ":"))
        and not body.endswith("..")
        and not head.endswith(" ")
        and _BLOCK_START.match(head + " ") is None  # "1.:" must not become a list item
    ):
        return f"{head} {anchors}{body[-1]}"
    return f"{body} {anchors}"


def quote(text: str, pad: str = "") -> str:
    """Transcript words as a block quote line (indented by ``pad`` inside a list item)."""
    return f"{pad}> {escape_inline(text)}"
