"""Block YAML written in Python, byte for byte as libyaml's emitter writes it for PyYAML.

PyYAML's C dumper still builds a node for every value and calls back into Python
twice per scalar, so a tag file of imported statements (some 800 values) cost
several milliseconds; importing thousands of notes spent most of its time there.
``emit`` writes the same text directly for the data aftershock stores: mappings
with plain string keys, lists, and ``str``, ``int``, ``bool`` and ``None`` values,
in block style, keys in their order, Unicode kept, lines folded at ``WIDTH``. It
follows libyaml 0.2.5's rules (``emitter.c``: which scalar style a value takes,
where a long scalar folds, which characters a double-quoted scalar escapes); for
anything else (another type, a key that would need quotes) it returns None and
the caller uses PyYAML. ``tests/test_yaml_emit.py`` checks the text against
``yaml.dump`` with the C dumper for generated data with Hypothesis.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WIDTH = 100
"""The width ``dump_yaml`` asks for: a scalar folds at a space past this column."""

Plain = Callable[[str], bool]
"""True when a value written plain reads back as a string (no implicit resolver of
PyYAML's takes it for a number, a bool, null, a date, ...)."""

_BREAKS = "\n\r\x85\u2028\u2029"
_BLANKZ = " \t" + _BREAKS + "\x00"
_SPECIAL = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
"""A character libyaml does not print as it is (0.2.5's ``IS_PRINTABLE``, UTF-8 output)."""
_BREAK = re.compile(f"[{_BREAKS}]")
_BREAK_SPACE = re.compile(f"[{_BREAKS}] ")
_SPACE_BREAK = re.compile(f" [{_BREAKS}]")
_NOT_FIRST = frozenset("#,[]{}&*!|>'\"%@` ")
"""Characters plain text cannot start with (an indicator, or a space)."""
_NOT_PRINTED = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
"""A character that is not printed as it is, or a line break: either rules out plain text."""
_COLON = re.compile(f":(?:[{_BLANKZ}]|$)")
_HASH = re.compile(f"[{_BLANKZ}]#")
"""Indicators past the first character (``: ``, a final ``:``, `` #``; ``_COLON`` is
searched from the second): not plain text."""
_DQ_SPECIAL = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|["\\\\ \u2028\u2029]')
"""A character a double-quoted scalar escapes (or a space, where it may fold)."""
_NAMED_ESCAPES = {
    0x00: "0",
    0x07: "a",
    0x08: "b",
    0x09: "t",
    0x0A: "n",
    0x0B: "v",
    0x0C: "f",
    0x0D: "r",
    0x1B: "e",
    0x22: '"',
    0x5C: "\\",
    0x85: "N",
    0xA0: "_",
    0x2028: "L",
    0x2029: "P",
}


_SIMPLE_KEYS: dict[Plain, dict[str, bool]] = {}
"""By resolver, keys known to be written plain and unquoted (or not): the same few
keys recur."""


_STYLES: dict[Plain, dict[str, str]] = {}
"""By resolver, the style of short values (theme slugs, names, times recur in every
tag)."""
_WRITTEN: dict[Plain, dict[str, str]] = {}
"""By resolver, short values as written when they fit on the line, the space before
them and their quotes included (`` slug``, `` '2026-01-01T00:00:00Z'``, `` ''``)."""
_REMEMBERED = 64


class _Unsupported(Exception):
    """Data this writer leaves to PyYAML."""


def plain_reads_as_text(resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]) -> Plain:
    """``Plain`` for a dumper's ``yaml_implicit_resolvers`` (its ``resolve`` for plain text)."""
    anywhere = resolvers.get(None, [])
    by_first = {first: [*found, *anywhere] for first, found in resolvers.items() if first}

    def plain_ok(text: str) -> bool:
        for tag, pattern in by_first.get(text[0], anywhere):
            if pattern.match(text):
                return tag == "tag:yaml.org,2002:str"
        return True

    return plain_ok


def emit(data: object, plain_ok: Plain) -> str | None:
    """The YAML of ``data`` (a dict or a list), or None when this writer does not
    handle it (see the module)."""
    out = _Out(plain_ok)
    try:
        if type(data) is dict and data:
            out.mapping(data, 0)
        elif type(data) is list and data:
            out.sequence(data, 0)
        else:
            return None
    except (_Unsupported, RecursionError):
        return None
    out.parts.append("\n")
    return "".join(out.parts)


class _Out:
    """The text written so far and the column the next character goes to."""

    def __init__(self, plain_ok: Plain) -> None:
        self.parts: list[str] = []
        self.column = 0
        self.plain_ok = plain_ok
        self.after_dash = False
        self.keys = _SIMPLE_KEYS.setdefault(plain_ok, {})
        self.styles = _STYLES.setdefault(plain_ok, {})
        self.written = _WRITTEN.setdefault(plain_ok, {})

    def _line(self, indent: int) -> None:
        """Go to ``indent`` on a new line, or on this one right after a ``-`` (``- - a``,
        ``- key: a``), as libyaml's ``write_indent`` does."""
        if self.parts and not self.after_dash:
            self.parts.append("\n" + " " * indent)
        else:
            self.parts.append(" " * (indent - self.column))
        self.column = indent
        self.after_dash = False

    def mapping(self, data: dict[object, object], indent: int) -> None:
        out = self.parts
        newline = "\n" + " " * indent
        keys, written = self.keys, self.written
        for key, value in data.items():
            if type(key) is not str or (keys.get(key) is not True and not self._simple_key(key)):
                raise _Unsupported
            if out and not self.after_dash:
                out.append(newline + key + ":")
            else:
                out.append(" " * (indent - self.column) + key + ":")
                self.after_dash = False
            column = indent + len(key) + 1
            kind = type(value)
            if kind is str:  # the most common values first
                piece = written.get(value)  # type: ignore[call-overload]
                if piece is not None and column + len(piece) <= WIDTH:
                    out.append(piece)
                    self.column = column + len(piece)
                else:
                    self.column = column
                    self.scalar(value, indent + 2)  # type: ignore[arg-type]
            elif kind is int:
                text = str(value)
                out.append(" " + text)
                self.column = column + 1 + len(text)
            else:
                self.column = column
                self.value(value, indent, in_mapping=True)

    def sequence(self, data: list[object], indent: int) -> None:
        if all(type(item) is int for item in data):  # the times of an anchor, say
            self._line(indent)
            self.parts.append(("\n" + " " * indent).join(f"- {item}" for item in data))
            self.column = indent + 2 + len(str(data[-1]))
            return
        out, written = self.parts, self.written
        for item in data:
            self._line(indent)
            if type(item) is str:  # a theme slug, say: ``- slug`` when it fits
                piece = written.get(item)
                if piece is not None and indent + 1 + len(piece) <= WIDTH:
                    out.append("-" + piece)
                    self.column = indent + 1 + len(piece)
                    continue
            out.append("-")
            self.column += 1
            self.after_dash = True
            self.value(item, indent + 2, in_mapping=False)

    def value(self, value: object, indent: int, *, in_mapping: bool) -> None:
        """``value`` after ``key:`` (a mapping at ``indent``) or after ``-`` (an item
        whose nested collection goes at ``indent``)."""
        kind = type(value)
        if not (value and (kind is dict or kind is list)):
            self.after_dash = False
        if kind is str:
            self.scalar(value, indent + 2 if in_mapping else indent)  # type: ignore[arg-type]
        elif kind is dict:
            if value:
                self.mapping(value, indent + 2 if in_mapping else indent)  # type: ignore[arg-type]
            else:
                self._word("{}")
        elif kind is list:
            if value:
                self.sequence(value, indent)  # type: ignore[arg-type]
            else:
                self._word("[]")
        elif kind is bool:
            self._word("true" if value else "false")
        elif kind is int:
            self._word(str(value))  # a decimal integer reads back as one
        elif value is None:
            self._word("null")
        else:
            raise _Unsupported

    def _word(self, text: str) -> None:
        self.parts.append(" " + text)
        self.column += 1 + len(text)

    def _simple_key(self, key: str) -> bool:
        known = self.keys.get(key)
        if known is None:
            known = bool(key) and len(key.encode("utf-8")) <= 128 and _plain_allowed(key)
            known = known and self.plain_ok(key)
            if len(self.keys) < 4096:
                self.keys[key] = known
        return known

    def scalar(self, text: str, indent: int) -> None:
        style = self.styles.get(text) if len(text) <= _REMEMBERED else None
        if style is None:
            style = _style(text)
            if style == "plain" and not (text and self.plain_ok(text)):
                style = "single" if _single_ok(text) else "double"
            if len(text) <= _REMEMBERED and len(self.styles) < 8192:
                self.styles[text] = style
                if style != "double" and " " not in text and not _BREAK.search(text):
                    quoted = text.replace("'", "''")
                    self.written[text] = f" {text}" if style == "plain" else f" '{quoted}'"
        if style == "plain":
            self._plain(text, indent)
        elif style == "single":
            self._single(text, indent)
        else:
            self._double(text, indent)

    def _plain(self, text: str, indent: int) -> None:
        """Plain text, folded at the first lone space (no space before or after it) that
        the cursor reaches past ``WIDTH``; the next line starts at ``indent``."""
        out = self.parts
        out.append(" ")
        column = self.column + 1
        start = 0
        while True:
            space = text.find(" ", max(start, start + WIDTH + 1 - column))
            while space != -1 and (text[space - 1] == " " or text[space + 1] == " "):
                space = text.find(" ", space + 1)
            if space == -1:
                out.append(text[start:] if start else text)
                self.column = column + len(text) - start
                return
            out.append(text[start:space])
            out.append("\n" + " " * indent)
            column, start = indent, space + 1

    def _single(self, text: str, indent: int) -> None:
        self.parts.append(" '")
        self.column += 2
        quoted = text.replace("'", "''")
        if self.column + len(quoted) - 1 <= WIDTH and not _BREAK.search(text):
            self.parts.append(quoted + "'")
            self.column += len(quoted) + 1
            return
        out = self.parts
        spaces = breaks = False
        last = len(text) - 1
        for index, char in enumerate(text):
            if char == " ":
                if (
                    not spaces
                    and self.column > WIDTH
                    and 0 < index < last
                    and text[index + 1] != " "
                ):
                    self._indent(indent)
                else:
                    out.append(char)
                    self.column += 1
                spaces = True
            elif char in _BREAKS:
                if not breaks and char == "\n":
                    out.append("\n")
                out.append(char)
                self.column = 0
                breaks = True
            else:
                if breaks:
                    self._indent(indent)
                out.append("''" if char == "'" else char)
                self.column += 2 if char == "'" else 1
                spaces = breaks = False
        if breaks:
            self._indent(indent)
        out.append("'")
        self.column += 1

    def _indent(self, indent: int) -> None:
        """libyaml's ``write_indent`` inside a scalar (whose indent is 2 or more): a new
        line unless the cursor is at the start of one, then spaces up to ``indent``."""
        if self.column > 0:
            self.parts.append("\n")
            self.column = 0
        self.parts.append(" " * indent)
        self.column = indent

    def _double(self, text: str, indent: int) -> None:
        self.parts.append(' "')
        self.column += 2
        out = self.parts
        spaces = False
        last = len(text) - 1
        pos = 0
        for found in _DQ_SPECIAL.finditer(text):
            index = found.start()
            if index > pos:
                out.append(text[pos:index])
                self.column += index - pos
                spaces = False
            char = found.group()
            if char == " ":
                if not spaces and self.column > WIDTH and 0 < index < last:
                    self._indent(indent)
                    if text[index + 1] == " ":
                        out.append("\\")
                        self.column += 1
                else:
                    out.append(" ")
                    self.column += 1
                spaces = True
            else:
                escaped = _escape(char)
                out.append(escaped)
                self.column += len(escaped)
                spaces = False
            pos = index + 1
        if pos < len(text):
            out.append(text[pos:])
            self.column += len(text) - pos
        out.append('"')
        self.column += 1


def _escape(char: str) -> str:
    code = ord(char)
    named = _NAMED_ESCAPES.get(code)
    if named is not None:
        return "\\" + named
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _style(text: str) -> str:
    """``plain``, ``single`` or ``double``: the style libyaml picks for a block mapping
    value or sequence item before it asks whether plain text reads back as a string."""
    if not text:
        return "plain"
    if _plain_allowed(text):
        return "plain"
    return "single" if _single_ok(text) else "double"


def _single_ok(text: str) -> bool:
    return not (_SPECIAL.search(text) or _BREAK_SPACE.search(text) or _SPACE_BREAK.search(text))


def _plain_allowed(text: str) -> bool:
    """libyaml's ``block_plain_allowed`` of a non-empty scalar."""
    first = text[0]
    if first in _NOT_FIRST or text[-1] == " " or text.startswith(("---", "...")):
        return False
    if first in "?:-" and (len(text) == 1 or text[1] in _BLANKZ):
        return False
    if text.isascii():  # printable ASCII is all a plain scalar may hold of it
        if not text.isprintable():
            return False
    elif _NOT_PRINTED.search(text):
        return False
    return not ((":" in text and _COLON.search(text, 1)) or ("#" in text and _HASH.search(text)))
