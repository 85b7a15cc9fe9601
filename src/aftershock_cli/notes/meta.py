"""A note's head: the YAML front matter and the ``From: [[channel]] <br/>`` source line.

Titles in the wild are never quoted, so ``title: Why X: a story`` is not valid
YAML. Beside the YAML reading, a lenient ``key: value`` line reader finds the
keys anyway; the title and video id come from whichever reading fits.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .inline import WIKILINK_PATTERN

_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*\r?$", re.M)
_KEY_LINE = re.compile(r"^([^\s#:\-](?:[^:\n]*[^\s:])?)[ \t]*:(?:[ \t]+(.*\S))?[ \t]*\r?$", re.M)
# A value YAML would read as the very same string (or as a number, a date or a
# boolean, where the written text is what a note means anyway).
_PLAIN = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|[-?:](?=[^\s,\[\]{}]))(?:(?!: |\s#).)*(?<!:)")
_ISOLATES = "\u2068\u2069"
_SOURCE = re.compile(
    rf"From:[ \t]*\u2068?{WIKILINK_PATTERN}\u2069?[ \t]*(?:<br[ \t]*/?>[ \t]*)?\r?$"
)
_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n)+")


class Head(NamedTuple):
    """Where the front matter and the source line are."""

    has_front_matter: bool
    yaml_text: str
    """The text between the two ``---`` lines."""
    end: int
    """Offset just after the front matter's closing line (0 without front matter)."""


def split_front_matter(text: str) -> Head:
    """Find the front matter block at the very start of the text."""
    opening = _OPEN.match(text)
    if opening is None:
        return Head(False, "", 0)
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return Head(False, "", 0)
    end = closing.end()
    if end < len(text):
        end += 1  # the "\n" after the closing ---
    return Head(True, text[opening.end() : closing.start()], end)


def read_lines(yaml_text: str) -> tuple[dict[str, str | None], bool]:
    """Read ``key: value`` lines leniently; also say if every value is plain.

    Quotes around a value are taken off. The flag is True when each line is a
    simple ``key: plain value`` line, so YAML would read the same strings.
    """
    values: dict[str, str | None] = {}
    plain = True
    taken = 0
    for match in _KEY_LINE.finditer(yaml_text):
        taken += 1
        key, value = match.group(1), match.group(2)
        if value is None or not value:
            values[key] = None
            plain = False
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            plain = False
            value = value[1:-1]
        elif _PLAIN.fullmatch(value) is None:
            plain = False
        values[key] = value
    if plain:
        lines = [line for line in yaml_text.split("\n") if line.strip()]
        plain = len(lines) == taken
    return values, plain


def read_yaml(yaml_text: str) -> tuple[dict[str, Any], bool]:
    """Read the front matter with YAML: the mapping and whether it is valid YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(yaml_text, Loader=loader)
    except Exception:  # any failure of the YAML reader means "not valid YAML"
        return {}, False
    if data is None:
        return {}, True
    if not isinstance(data, dict):
        return {}, False
    return {str(key): value for key, value in data.items()}, True


class Source(NamedTuple):
    """The source line: its span and the channel it names."""

    start: int
    end: int
    """End of the line, before its line ending."""
    next_line: int
    """Offset of the line after it (the text's length when it is the last line)."""
    line: int
    """1-based line number."""
    channel: str
    alias: str | None


def find_source(text: str, start: int) -> Source | None:
    """Read the first non-blank line at or after offset ``start`` as the source line."""
    blank = _BLANK_LINES.match(text, start)
    begin = blank.end() if blank is not None else start
    newline = text.find("\n", begin)
    stop = len(text) if newline < 0 else newline
    match = _SOURCE.match(text, begin, stop)
    if match is None:
        return None
    target, alias = match.group("target"), match.group("alias")
    end = stop - 1 if stop > begin and text[stop - 1] == "\r" else stop
    return Source(
        start=begin,
        end=end,
        next_line=len(text) if newline < 0 else newline + 1,
        line=text.count("\n", 0, begin) + 1,
        channel=_clean(target),
        alias=_clean(alias) if alias is not None else None,
    )


def _clean(value: str) -> str:
    for mark in _ISOLATES:
        value = value.replace(mark, "")
    return value.strip()


def text_value(yaml_value: Any, raw: str | None) -> str | None:
    """A front-matter value as a string: YAML's string, else the text as written."""
    if isinstance(yaml_value, str):
        return yaml_value
    if raw is not None:
        return raw
    if yaml_value is None:
        return None
    return str(yaml_value)
