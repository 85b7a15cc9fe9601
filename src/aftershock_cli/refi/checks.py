"""The rules every value read from a REFI-QDA file must meet before anything is written.

A file from another tool (or one edited by hand, or made to do harm) may hold
any text where a video id, a theme slug, a coder's name or a time belongs. Each
value is checked with the rule the command line applies to the same value, and
the first one that breaks it refuses the whole import with one message naming
the file and the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InvalidInputError
from ..core.limits import MAX_CODE_DEPTH, MAX_TIME_MS
from ..core.model import VIDEO_ID_RE
from ..tagging.themes import check_slug

_LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
"""Control characters a one-line value (a title, a name) may not hold (a tab may)."""
_TEXT_BREAKING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters a text (a note, a description) may not hold (tab, LF, CR may)."""
_TAG_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
"""A tag id: new ones are 8 lower-case letters and digits, older ones may start with
a video id's first characters (``-t-60016``)."""
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def is_datetime(text: str) -> bool:
    """Whether ``text`` is a date and time as REFI-QDA writes them (XML Schema's dateTime)."""
    return bool(_DATETIME.match(text))


@dataclass(frozen=True)
class ThemeExtra:
    """What aftershock's sidecar says of a code: the theme's slug, page and keywords."""

    slug: str = ""
    page: str = ""
    keywords: tuple[str, ...] = ()
    placeholder: bool = False
    """The code stood in for a theme its workspace no longer had."""


@dataclass(frozen=True)
class Checker:
    """Checks values read from the file at ``path``; each failure names the field."""

    path: Path

    def refuse(self, field: str, problem: str) -> InvalidInputError:
        return InvalidInputError(
            f"{self.path}: {field} {problem}; nothing was imported", path=self.path
        )

    def video_id(self, value: object, field: str) -> str:
        if not isinstance(value, str) or not VIDEO_ID_RE.match(value):
            raise self.refuse(
                field,
                f"{_shown(value)} is not a YouTube video id "
                "(11 characters of A-Z, a-z, 0-9, - and _)",
            )
        return value

    def slug(self, value: object, field: str) -> str:
        if not isinstance(value, str):
            raise self.refuse(field, f"{_shown(value)} is not a theme slug")
        try:
            return check_slug(value)
        except InvalidInputError as exc:
            raise self.refuse(field, f"{_shown(value)} is not a theme slug") from exc

    def tag_id(self, value: object, field: str) -> str:
        if value in (None, ""):
            return ""
        if not isinstance(value, str) or not _TAG_ID.match(value):
            raise self.refuse(field, f"{_shown(value)} is not a tag id (letters, digits, - and _)")
        return value

    def line(self, value: object, field: str) -> str:
        """A one-line text (a title, a channel, a coder's or a code's name)."""
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.refuse(field, f"{_shown(value)} is not a text")
        if _LINE_BREAKING.search(value):
            raise self.refuse(field, f"{_shown(value)} holds a line break or control character")
        return value

    def text(self, value: object, field: str) -> str:
        """A text of any number of lines (a note, a description)."""
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.refuse(field, f"{_shown(value)} is not a text")
        if _TEXT_BREAKING.search(value):
            raise self.refuse(field, "holds a control character")
        return value

    def time_ms(self, value: object, field: str) -> int:
        """A time in milliseconds: a whole number from 0 to seven days."""
        number = self.integer(value, field)
        if number < 0:
            raise self.refuse(field, f"{number} is a negative time")
        if number > MAX_TIME_MS:
            raise self.refuse(
                field, f"{number} ms is later than seven days ({MAX_TIME_MS} ms), the limit"
            )
        return number

    def integer(self, value: object, field: str) -> int:
        """A whole number, written as one (``"12"``, ``12``; not ``12.5``, ``NaN``, ``x``)."""
        if isinstance(value, bool):
            raise self.refuse(field, f"{_shown(value)} is not a whole number")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INTEGER.match(value):
            if len(value.strip().lstrip("+-")) > 18:  # far past any bound, and int() may refuse
                raise self.refuse(field, f"{_shown(value)} is far too large a number")
            return int(value)
        raise self.refuse(field, f"{_shown(value)} is not a whole number")

    def depth(self, depth: int, what: str) -> None:
        if depth > MAX_CODE_DEPTH:
            raise self.refuse(
                what,
                f"are nested more than {MAX_CODE_DEPTH} levels deep, deeper than any real codebook",
            )

    def theme_extras(self, raw: object) -> dict[str, ThemeExtra]:
        """The ``themes`` of aftershock's sidecar: code guid -> what it says of the theme."""
        if not isinstance(raw, Mapping):
            return {}
        out: dict[str, ThemeExtra] = {}
        for guid, item in raw.items():
            field = f"aftershock.json themes.{guid}"
            if not isinstance(item, Mapping):
                raise self.refuse(field, "is not a record of a theme")
            slug = item.get("slug")
            keywords = item.get("keywords") or []
            if not isinstance(keywords, list):
                raise self.refuse(f"{field}.keywords", "is not a list of words and phrases")
            out[str(guid)] = ThemeExtra(
                slug=self.slug(slug, f"{field}.slug") if slug else "",
                page=self.line(item.get("page"), f"{field}.page"),
                keywords=tuple(self.line(k, f"{field}.keywords") for k in keywords),
                placeholder=item.get("placeholder") is True,
            )
        return out


def _shown(value: object) -> str:
    """A value as a message quotes it: short, on one line; a text in quotes."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."
    text = value if len(value) <= 60 else value[:57] + "..."
    return repr(text) if _LINE_BREAKING.search(text) else f"'{text}'"
