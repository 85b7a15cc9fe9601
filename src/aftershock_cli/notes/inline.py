"""Reading what sits inside a note's lines: timestamp citations, wikilinks, inline code.

One compiled pattern finds anchors, older citations and wikilinks in a single
pass over the text; the caller decides which hits count (not those in code).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from ..core.errors import InvalidInputError
from .parts import ANCHOR, BARE, LINK, Anchor, AnchorKind, Link

_TIME = re.compile(r"([0-9]+):([0-9]{1,2})(?::([0-9]{2}))?")
_CANONICAL = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}")
_WELL_FORMED = re.compile(
    r'<a class="yt-timestamp" data-t="([0-9]{2}:[0-9]{2}:[0-9]{2})">\[([0-9]{2}:[0-9]{2}:[0-9]{2})\]</a>'
)
_DATA_T = re.compile(r"""\bdata(?:-t)?[ \t]*=[ \t]*["']?([^"'<>\s]*)""")

WIKILINK_PATTERN = r"\[\[(?P<target>[^\[\]|\n]*)(?:\|(?P<alias>[^\[\]\n]*))?\]\]"
"""A wikilink, ``[[target]]`` or ``[[target | alias]]``, on one line and holding no
bracket: the one spelling every reader and writer of notes goes by. ``alias`` is None
without a ``|``; both groups are as written (spaces kept)."""
WIKILINK = re.compile(WIKILINK_PATTERN)

# A time as an older citation spells it: 1:02, 00:01:12, 01:00:03:00 (read later).
_OLD_TIME = r"[0-9]{1,3}(?::[0-9]{1,2}){0,2}:[0-9]{2}"
_TARGET = r"[^()\s<>]*"
# Checked just after a "[": no backslash before it, or exactly two (an escaped backslash).
_NOT_ESCAPED = r"(?:(?<!\\\[)|(?<=(?<!\\)\\\\\[))"

# Each alternative starts with a plain character so the engine can skip ahead
# to the next "<", "(" or "[" instead of trying every position.
CITATIONS = re.compile(
    # 1. an <a> element whose attributes mention "timestamp" (any spelling of class);
    #    a line break inside the attributes is tolerated
    #    (the first "timestamp" is taken for good, so an element that never closes
    #    costs its own length, not its length squared)
    r"<a[ \t\n](?P<attrs>(?>[^<>]*?timestamp)[^<>]*?)"
    r"(?:>(?:(?P<inner>[^<\n]{0,60}?)</a>|(?P<open>\[[^\]<\n]{0,20}\])?)"
    r"|(?P<nogt>\[[^\]<\n]{0,20}\])</a>)"
    # 2. ([00:01:12](#))
    rf"|\(\[(?P<plt>{_OLD_TIME})\]\({_TARGET}\)\)"
    # 3. a wikilink (so that a bare time never matches inside one)
    rf"|{WIKILINK_PATTERN}"
    # 4. [00:01:12](#), [02:04:15] (a time after a backslash, ``\[02:04:15]``, is text as
    #    Markdown shows it; after two backslashes, an escaped backslash, the bracket is a
    #    citation again)
    rf"|\[(?:{_NOT_ESCAPED}(?P<lt>{_OLD_TIME})\]\({_TARGET}\)"
    rf"|{_NOT_ESCAPED}(?P<bt>{_OLD_TIME})\](?!\]))"
)

# Spaces and the invisible isolation marks (U+2068, U+2069) some notes wrap names in.
_SPACE_MARKS = " \t\u2068\u2069"

INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def parse_anchor_time(value: str) -> int | None:
    """Read an anchor's time as seconds: ``"00:05:46"`` → 346, ``"5:46"`` → 346.

    ``H:MM:SS``, ``H:M:SS`` and ``MM:SS`` are read too. A time that cannot be
    read (``"12:34:"``, ``"99:99:99"``, four parts, ``"HH:MM:SS"``) gives None.
    """
    match = _TIME.fullmatch(value.strip())
    if match is None:
        return None
    first, second, third = match.groups()
    if third is None:
        minutes, seconds = int(first), int(second)
        if len(second) != 2 or seconds >= 60:
            return None
        return minutes * 60 + seconds
    hours, minutes, seconds = int(first), int(second), int(third)
    if minutes >= 60 or seconds >= 60:
        return None
    return hours * 3600 + minutes * 60 + seconds


def anchor_spelling_is_canonical(value: str) -> bool:
    """True only for the seed's spelling ``HH:MM:SS`` (two digits each)."""
    return _CANONICAL.fullmatch(value) is not None


def render_anchor(seconds: int) -> str:
    """The canonical anchor for a moment: ``<a class="yt-timestamp" data-t="00:05:46">[00:05:46]</a>``."""
    if seconds < 0:
        raise InvalidInputError(f"an anchor time cannot be negative ({seconds} s); use 0 or more")
    clock = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f'<a class="yt-timestamp" data-t="{clock}">[{clock}]</a>'


def _shown(inner: str | None) -> str | None:
    if inner is None:
        return None
    value = inner.strip()
    if value.startswith("["):
        value = value[1:]
    if value.endswith("]"):
        value = value[:-1]
    return value or None


def _anchor_fields(match: re.Match[str]) -> tuple[str | None, str | None]:
    """The data-t value and the shown time of an <a> element match."""
    data = _DATA_T.search(match.group("attrs"))
    data_t = data.group(1) if data is not None else None
    inner = match.group("inner")
    if inner is None:
        inner = match.group("open") or match.group("nogt")
    return data_t, _shown(inner)


def _fast_anchor(match: re.Match[str], raw: str, line: int, column: int) -> Anchor | None:
    """The Anchor of a well-formed element, read without the general machinery."""
    exact = _WELL_FORMED.fullmatch(raw)
    if exact is None or exact.group(1) != exact.group(2):
        return None
    clock = exact.group(1)
    hours, minutes, seconds = int(clock[0:2]), int(clock[3:5]), int(clock[6:8])
    if minutes >= 60 or seconds >= 60:
        return None
    total = hours * 3600 + minutes * 60 + seconds
    return Anchor(
        match.start(), match.end(), raw, ANCHOR, clock, clock, total, total, True, line, column
    )


def make_anchor(match: re.Match[str], line: int, column: int) -> Anchor:
    """Build the Anchor of a CITATIONS match (any kind but a wikilink)."""
    raw = match.group(0)
    kind: AnchorKind
    if match.group("attrs") is not None:
        fast = _fast_anchor(match, raw, line, column)
        if fast is not None:
            return fast
        kind = ANCHOR
        data_t, shown = _anchor_fields(match)
    elif match.group("bt") is not None:
        kind, data_t, shown = BARE, None, match.group("bt")
    else:
        kind, data_t = LINK, None
        shown = match.group("plt") or match.group("lt")
    shown_seconds = parse_anchor_time(shown) if shown is not None else None
    seconds = parse_anchor_time(data_t.strip("[] ")) if data_t is not None else None
    if seconds is None:
        seconds = shown_seconds
    return Anchor(
        start=match.start(),
        end=match.end(),
        raw=raw,
        kind=kind,
        data_t=data_t,
        shown=shown,
        seconds=seconds,
        shown_seconds=shown_seconds,
        well_formed=False,
        line=line,
        column=column,
    )


def make_link(match: re.Match[str], line: int, column: int) -> Link:
    """Build the Link of a CITATIONS match of a wikilink."""
    target, alias = link_parts(match)
    return Link(
        start=match.start(),
        end=match.end(),
        raw=match.group(0),
        target=target,
        alias=alias,
        line=line,
        column=column,
    )


def link_parts(match: re.Match[str]) -> tuple[str, str | None]:
    """The target and alias (None without a ``|``) of a ``WIKILINK`` match, without the
    spaces and isolation marks around them, nor the ``\\`` a table puts before the ``|``."""
    target = match.group("target").strip(_SPACE_MARKS)
    alias = match.group("alias")
    if alias is None:
        return target, None
    if target.endswith("\\"):
        target = target[:-1].strip(_SPACE_MARKS)
    return target, alias.strip(_SPACE_MARKS)


def code_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The inline code spans between ``start`` and ``end`` (one block's text)."""
    for match in INLINE_CODE.finditer(text, start, end):
        yield match.start(), match.end()


def in_spans(position: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether ``position`` lies in one of the sorted, disjoint spans."""
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < ends[index]
